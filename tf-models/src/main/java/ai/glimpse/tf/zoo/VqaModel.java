package ai.glimpse.tf.zoo;

import ai.glimpse.tf.layers.Params;
import org.tensorflow.op.Ops;

/**
 * A VQA architecture as a TensorFlow Java graph builder: inputs to answer logits and attention
 * maps. Building twice with the same {@link Params} (training, then inference) shares the weights.
 */
public interface VqaModel {
  /**
   * Adds the model's ops to {@code tf}'s graph. With {@code training} the graph holds dropout;
   * without it, it is the deterministic inference graph that is exported.
   *
   * @param tf the ops of the graph to add to
   * @param params the graph's variables; the model creates its weights here on the first build and
   *     reuses them on later builds, so training and inference graphs built with the same store
   *     share them
   * @param inputs the question tokens and the image input, shaped as {@link #config()}'s
   *     {@link ModelConfig#data()} says
   * @param training true to build the training graph (dropout on, batch normalization on batch
   *     statistics), false for the inference graph
   * @return the answer logits {@code [batch, answers]} and, except for models without attention,
   *     the attention weights {@code [batch, glimpses, locations]}
   */
  ModelOutputs build(Ops tf, Params params, ModelInputs inputs, boolean training);

  /**
   * Returns the model's configuration.
   *
   * @return the configuration the model was created with; never null for models from
   *     {@link Models#create}
   */
  ModelConfig config();
}
