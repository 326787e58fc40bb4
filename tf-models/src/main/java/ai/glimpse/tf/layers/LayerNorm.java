package ai.glimpse.tf.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * Layer normalization (Ba et al. 2016) over the last axis:
 * {@code y = γ ⊙ (x - μ) / sqrt(σ² + ε) + β}, with the mean {@code μ} and the (biased) variance
 * {@code σ²} of each row's {@code dim} features, {@code ε = 1e-6}. Parameters:
 * {@code name/gamma [dim]} (ones) and {@code name/beta [dim]} (zeros). Works on inputs of any
 * rank, {@code [..., dim]}; the output has the input's shape.
 */
public final class LayerNorm {
  /** The variance offset, as in the MCAN code's LayerNorm. */
  public static final float EPS = 1e-6f;

  private LayerNorm() {}

  /**
   * Normalizes {@code x [..., dim]} over its last axis, scaled and shifted by learned {@code γ},
   * {@code β}.
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) {@code name/gamma} and {@code name/beta}
   * @param name the parameter scope of this layer
   * @param x the input {@code [..., dim]}, any rank
   * @param dim the size of {@code x}'s last axis, at least 1
   * @return the normalized tensor, shaped like {@code x}
   * @throws IllegalArgumentException if {@code dim} is below 1 or {@code x}'s last axis is known
   *     and differs from {@code dim}
   */
  public static Operand<TFloat32> apply(Ops tf, Params params, String name, Operand<TFloat32> x, long dim) {
    if (dim < 1) {
      throw new IllegalArgumentException(name + ": dim must be >= 1, got " + dim);
    }
    long last = x.shape().numDimensions() < 1 ? -1 : x.shape().size(x.shape().numDimensions() - 1);
    if (last >= 0 && last != dim) {
      throw new IllegalArgumentException(name + ": expects [..., " + dim + "], got " + x.shape());
    }
    Operand<TFloat32> gamma = params.get(name + "/gamma", Init.ONES, dim);
    Operand<TFloat32> beta = params.get(name + "/beta", Init.ZEROS, dim);
    Operand<org.tensorflow.types.TInt32> axis = tf.constant(new int[] {-1});
    Operand<TFloat32> mean = tf.math.mean(x, axis, Mean.keepDims(true));
    Operand<TFloat32> centered = tf.math.sub(x, mean);
    Operand<TFloat32> variance = tf.math.mean(tf.math.mul(centered, centered), axis, Mean.keepDims(true));
    Operand<TFloat32> normalized = tf.math.mul(centered, tf.math.rsqrt(tf.math.add(variance, tf.constant(EPS))));
    return tf.math.add(tf.math.mul(normalized, gamma), beta);
  }
}
