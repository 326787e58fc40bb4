package ai.glimpse.tf.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Multi-head scaled dot-product attention (Vaswani et al. 2017), as MCAN's {@code MHAtt}: the
 * queries {@code [batch, n, dim]} and the keys/values {@code [batch, m, dim]} are projected by
 * {@code name/query}, {@code name/key}, {@code name/value} (each {@link Dense} {@code dim → dim})
 * and split into {@code heads} heads of {@code dim / heads} features; each head computes
 * {@code softmax(Q Kᵀ / sqrt(dim / heads)) V} with masked keys excluded from the softmax, the
 * attention map gets dropout in training, and the heads, concatenated again, pass through
 * {@code name/merge} ({@link Dense} {@code dim → dim}). Only transposes with explicit permutations,
 * reshapes with a {@code -1} batch and 4-D batch matrix products are used, so the graph exports to
 * ONNX with a dynamic batch.
 */
public final class MultiHeadAttention {
  private MultiHeadAttention() {}

  /**
   * Attends from {@code queries [batch, n, dim]} over {@code keyValues [batch, m, dim]} and returns
   * {@code [batch, n, dim]}; {@code keyMask [batch, m]} (1 for a real key, 0 for padding) or null
   * when every key is real. {@code seed} makes the dropout masks repeatable.
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) {@code name/query}, {@code name/key},
   *     {@code name/value} and {@code name/merge}
   * @param name the parameter scope of this layer
   * @param queries the queries {@code [batch, n, dim]}
   * @param keyValues the keys and values {@code [batch, m, dim]}; the same tensor as
   *     {@code queries} for self-attention
   * @param keyMask {@code [batch, m]}, 1 for a real key and 0 for padding, or null when every key is
   *     real
   * @param n the number of queries, the static size of {@code queries}' second axis
   * @param m the number of keys, the static size of {@code keyValues}' second axis
   * @param dim the model size, the last axis of both inputs and of the output
   * @param heads the number of heads, at least 1, dividing {@code dim}
   * @param dropout the dropout rate in {@code [0, 1)} on the attention weights; 0 for none
   * @param training true to apply dropout, false for the inference graph (no random ops)
   * @param seed the seed of the dropout masks
   * @return the attended values after {@code name/merge}, {@code [batch, n, dim]}
   * @throws IllegalArgumentException when {@code heads} is below 1 or {@code dim} is not divisible
   *     by {@code heads}, or {@code dropout} is 1 or more while {@code training}
   */
  public static Operand<TFloat32> apply(Ops tf, Params params, String name, Operand<TFloat32> queries,
      Operand<TFloat32> keyValues, Operand<TFloat32> keyMask, long n, long m, long dim, int heads,
      double dropout, boolean training, long seed) {
    if (heads < 1 || dim % heads != 0) {
      throw new IllegalArgumentException(name + ": dim " + dim + " must be divisible by heads " + heads);
    }
    long headDim = dim / heads;
    // [batch, heads, n, headDim]
    Operand<TFloat32> q = split(tf, Dense.apply3d(tf, params, name + "/query", queries, n, dim, dim), n, heads, headDim);
    // [batch, heads, headDim, m]: the keys transposed once, so the product needs no adjoint flag.
    Operand<TFloat32> kT = tf.linalg.transpose(
        tf.reshape(Dense.apply3d(tf, params, name + "/key", keyValues, m, dim, dim),
            tf.constant(new long[] {-1, m, heads, headDim})),
        tf.constant(new int[] {0, 2, 3, 1}));
    Operand<TFloat32> v = split(tf, Dense.apply3d(tf, params, name + "/value", keyValues, m, dim, dim), m, heads, headDim);
    Operand<TFloat32> scores = tf.math.mul(tf.train.batchMatMul(q, kT, TFloat32.class),
        tf.constant((float) (1.0 / Math.sqrt(headDim))));
    Operand<TFloat32> mask = keyMask == null ? null
        : tf.reshape(keyMask, tf.constant(new long[] {-1, 1, 1, m}));
    Operand<TFloat32> weights = MaskedSoftmax.apply(tf, scores, mask);
    weights = Dropout.apply(tf, weights, dropout, training, seed);
    Operand<TFloat32> heads4 = tf.train.batchMatMul(weights, v, TFloat32.class);
    Operand<TFloat32> merged = tf.reshape(tf.linalg.transpose(heads4, tf.constant(new int[] {0, 2, 1, 3})),
        tf.constant(new long[] {-1, n, dim}));
    return Dense.apply3d(tf, params, name + "/merge", merged, n, dim, dim);
  }

  /** {@code [batch, len, heads·headDim]} to {@code [batch, heads, len, headDim]}. */
  private static Operand<TFloat32> split(Ops tf, Operand<TFloat32> x, long len, long heads, long headDim) {
    return tf.linalg.transpose(tf.reshape(x, tf.constant(new long[] {-1, len, heads, headDim})),
        tf.constant(new int[] {0, 2, 1, 3}));
  }
}
