/**
 * Image captioning on ONNX Runtime: {@link ai.glimpse.onnx.caption.OnnxCaptioner} loads a Show,
 * Attend and Tell export (an encoder and a decoder step, as {@code ai.glimpse.tf.caption.CaptionOnnxExport}
 * writes them) and decodes with {@link ai.glimpse.preprocessing.captions.CaptionSearch}: greedy, beam search
 * and temperature sampling, with the attention map of every word.
 */
package ai.glimpse.onnx.caption;
