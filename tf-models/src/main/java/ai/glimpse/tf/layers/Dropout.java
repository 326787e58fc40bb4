package ai.glimpse.tf.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/**
 * Inverted dropout: in training, each value is zeroed with probability {@code rate} and the rest
 * scaled by {@code 1 / (1 - rate)}; in inference the input passes unchanged (so exported graphs
 * hold no random ops).
 */
public final class Dropout {
  private Dropout() {}

  /**
   * Applies dropout to {@code x} when {@code training}; {@code seed} makes the masks repeatable.
   *
   * @param tf the ops of the graph to build in
   * @param x the input, any shape
   * @param rate the probability of zeroing each value, in {@code [0, 1)}; 0 or less disables
   *     dropout
   * @param training true to add the random mask; false returns {@code x} itself
   * @param seed the seed of the random op: every run draws a fresh mask, and a new session with the
   *     same graph draws the same sequence of masks
   * @return {@code x} scaled and masked, shaped like {@code x}; {@code x} itself when not training
   *     or {@code rate <= 0}
   * @throws IllegalArgumentException if {@code training} and {@code rate >= 1}
   */
  public static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, double rate, boolean training, long seed) {
    if (!training || rate <= 0) {
      return x;
    }
    if (rate >= 1) {
      throw new IllegalArgumentException("dropout rate must be < 1, got " + rate);
    }
    float keep = (float) (1 - rate);
    Operand<TFloat32> u = tf.random.randomUniform(tf.shape(x), TFloat32.class,
        RandomUniform.seed(seed), RandomUniform.seed2(seed >>> 17 ^ 0x5DEECE66DL));
    Operand<TFloat32> mask = tf.math.floor(tf.math.add(u, tf.constant(keep)));
    return tf.math.mul(x, tf.math.div(mask, tf.constant(keep)));
  }
}
