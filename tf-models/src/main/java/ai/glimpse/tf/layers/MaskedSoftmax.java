package ai.glimpse.tf.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A softmax over the last axis that gives no weight to masked positions: where the mask is 0 the
 * logit gets {@code -1e9} added, so its weight underflows to exactly 0 (unless every position of a
 * row is masked, when the row is uniform rather than NaN).
 */
public final class MaskedSoftmax {
  private MaskedSoftmax() {}

  /**
   * The softmax of {@code logits [..., n]} over the last axis with {@code mask} (1 to keep, 0 to
   * exclude; it broadcasts against {@code logits}, e.g. {@code [batch, 1, n]} against
   * {@code [batch, glimpses, n]}); a null mask is a plain softmax.
   *
   * @param tf the ops of the graph to build in
   * @param logits the scores {@code [..., n]}
   * @param mask 1 for a position to keep and 0 for one to exclude, broadcastable against
   *     {@code logits}; or null to keep every position
   * @return the weights, shaped like {@code logits} (broadcast with the mask), each row summing to
   *     1 over the last axis
   */
  public static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> mask) {
    if (mask == null) {
      return tf.nn.softmax(logits);
    }
    Operand<TFloat32> penalty = tf.math.mul(tf.math.sub(tf.constant(1f), mask), tf.constant(-1e9f));
    return tf.nn.softmax(tf.math.add(logits, penalty));
  }
}
