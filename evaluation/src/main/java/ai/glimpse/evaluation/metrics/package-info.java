/**
 * VQA metrics: the official VQA accuracy ({@link ai.glimpse.evaluation.metrics.VqaEvaluator}),
 * multiple-choice accuracy and the question-type blind baseline, all computed from
 * {@link ai.glimpse.evaluation.metrics.VqaResult} predictions against the human annotations.
 */
package ai.glimpse.evaluation.metrics;
