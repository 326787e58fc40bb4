/**
 * Image captioning metrics computed as the COCO caption evaluation code (coco-caption,
 * pycocoevalcap) computes them: its PTB-style tokenization ({@link PtbTokenizer}), corpus BLEU-1..4
 * ({@link Bleu}), ROUGE-L ({@link RougeL}) and CIDEr-D ({@link CiderD}), gathered by
 * {@link CaptionEvaluator} into a {@link CaptionEvaluation}; the results file of generated
 * captions ({@link CaptionResult}, {@link CaptionResultsJson}); and the most-frequent-training-
 * caption baseline ({@link MostFrequentCaptionBaseline}).
 */
package ai.glimpse.evaluation.captions;
