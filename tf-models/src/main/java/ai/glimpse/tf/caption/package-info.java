/**
 * Image captioning with soft attention, Show, Attend and Tell (Xu et al. 2015), in TensorFlow
 * Java: the model and its configuration ({@link ai.glimpse.tf.caption.ShowAttendTell},
 * {@link ai.glimpse.tf.caption.ShowAttendTellConfig}), the caption data of a synth dataset
 * ({@link ai.glimpse.tf.caption.CaptionCorpus}), training with run directories and resume
 * ({@link ai.glimpse.tf.caption.CaptionTrainer}), greedy, beam and sampled decoding
 * ({@link ai.glimpse.tf.caption.CaptionDecoder}, {@link ai.glimpse.preprocessing.captions.CaptionSearch}) and
 * the export of the encoder and one decoder step to ONNX
 * ({@link ai.glimpse.tf.caption.CaptionOnnxExport}).
 */
package ai.glimpse.tf.caption;
