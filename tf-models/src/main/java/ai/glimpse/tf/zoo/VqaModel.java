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
   */
  ModelOutputs build(Ops tf, Params params, ModelInputs inputs, boolean training);

  /** Returns the model's configuration. */
  ModelConfig config();
}
