/**
 * Image captioning data: the records of the COCO captions format ({@link CaptionImage},
 * {@link Caption}, {@link CaptionDataset}), its streaming reader and writer
 * ({@link CocoCaptionsJson}), and the caption tokenizer and word vocabulary that turn captions into
 * fixed-length id sequences for a captioning model ({@link CaptionTokenizer},
 * {@link CaptionVocabulary}).
 */
package ai.glimpse.preprocessing.captions;
