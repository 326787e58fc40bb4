package ai.glimpse.tf.train;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Training losses. */
public final class Losses {
  private Losses() {}

  /**
   * Soft-target softmax cross-entropy per example, {@code -sum_a t_a log softmax(z)_a}, for logits
   * and targets {@code [batch, answers]}; returns {@code [batch]}. Built from {@code LogSoftmax},
   * whose gradient TensorFlow provides.
   *
   * @param tf the ops of the graph (and name scope) to build in
   * @param logits the answer logits {@code [batch, answers]}, before the softmax
   * @param targets the soft answer scores {@code [batch, answers]}, each in {@code [0, 1]}; they
   *     are not normalized, so a row summing to more than 1 weighs more
   * @return the per-example loss {@code [batch]}
   */
  public static Operand<TFloat32> softTargetCrossEntropy(Ops tf, Operand<TFloat32> logits,
      Operand<TFloat32> targets) {
    Operand<TFloat32> logp = tf.nn.logSoftmax(logits);
    return tf.math.neg(tf.reduceSum(tf.math.mul(targets, logp), tf.constant(1)));
  }
}
