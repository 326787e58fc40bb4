/**
 * VQA metrics: the official VQA accuracy ({@link ai.glimpse.evaluation.metrics.VqaEvaluator}),
 * multiple-choice accuracy with and without {@code <unk>} predictions, GQA exact-match accuracy
 * per structural and semantic type ({@link ai.glimpse.evaluation.metrics.GqaEvaluator}), Tribuo's
 * label evaluation of the answers ({@link ai.glimpse.evaluation.metrics.AnswerLabelEvaluator})
 * and the question-type blind baseline, all computed from
 * {@link ai.glimpse.evaluation.metrics.VqaResult} predictions against the human annotations.
 */
package ai.glimpse.evaluation.metrics;
