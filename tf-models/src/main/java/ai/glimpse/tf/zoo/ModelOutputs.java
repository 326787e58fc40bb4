package ai.glimpse.tf.zoo;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What a VQA model computes.
 *
 * @param logits unnormalized answer scores {@code [batch, answers]}
 * @param attention attention weights {@code [batch, glimpses, locations]}, each glimpse summing
 *     to 1, or {@code null} for a model without attention (such as {@code deeper-lstm})
 */
public record ModelOutputs(Operand<TFloat32> logits, Operand<TFloat32> attention) {
  /**
   * Outputs of a model without attention.
   *
   * @param logits unnormalized answer scores {@code [batch, answers]}
   * @return outputs with {@code logits} and a null {@link #attention}
   */
  public static ModelOutputs withoutAttention(Operand<TFloat32> logits) {
    return new ModelOutputs(logits, null);
  }
}
