package ai.glimpse.tf.train;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Binary cross-entropy with logits on soft answer scores, the loss of the bottom-up/top-down VQA
 * code: every answer is an independent sigmoid classifier whose target is the answer's soft score
 * in {@code [0, 1]}.
 *
 * <p>Per entry it computes {@code max(x, 0) - x·t + log(1 + exp(-|x|))}, which equals
 * {@code -t·log σ(x) - (1 - t)·log(1 - σ(x))} without overflow for large {@code |x|}. The
 * {@code max(x, 0)} is written as {@code (x + |x|) / 2}, which has the same value but the
 * derivative 1/2 at {@code x = 0}, so the gradient is exactly {@code σ(x) - t} even for logits
 * that are exactly zero (a zero-initialized classifier); {@code Maximum} or {@code Relu} would give
 * {@code 1 - t} or {@code -t} there.
 *
 * <p>The BUTD code calls {@code binary_cross_entropy_with_logits} (the mean over all
 * {@code batch × answers} entries) and multiplies by the number of answers; that is the same as
 * {@link #loss}: the sum over answers, averaged over the batch.
 */
public final class BinaryCrossEntropy {
  private BinaryCrossEntropy() {}

  /**
   * Returns the loss of each example, summed over answers: {@code [batch]} for logits and targets
   * {@code [batch, answers]}.
   *
   * @param tf the ops of the graph (and name scope) to build in
   * @param logits the answer logits {@code [batch, answers]}, before any sigmoid
   * @param targets the soft answer scores {@code [batch, answers]}, each in {@code [0, 1]}
   * @return the per-example loss {@code [batch]}
   */
  public static Operand<TFloat32> perExample(Ops tf, Operand<TFloat32> logits,
      Operand<TFloat32> targets) {
    Operand<TFloat32> abs = tf.math.abs(logits);
    Operand<TFloat32> positive = tf.math.mul(tf.math.add(logits, abs), tf.constant(0.5f));
    Operand<TFloat32> softplusNegAbs = tf.math.log1p(tf.math.exp(tf.math.neg(abs)));
    Operand<TFloat32> entries = tf.math.add(tf.math.sub(positive, tf.math.mul(logits, targets)),
        softplusNegAbs);
    return tf.reduceSum(entries, tf.constant(1));
  }

  /**
   * Returns the scalar training loss: the per-example loss (summed over answers) averaged over the
   * batch, for logits and targets {@code [batch, answers]}.
   *
   * @param tf the ops of the graph (and name scope) to build in
   * @param logits the answer logits {@code [batch, answers]}, before any sigmoid
   * @param targets the soft answer scores {@code [batch, answers]}, each in {@code [0, 1]}
   * @return the scalar loss, the mean of {@link #perExample} over the batch
   */
  public static Operand<TFloat32> loss(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> targets) {
    return tf.math.mean(perExample(tf, logits, targets), tf.constant(0));
  }
}
