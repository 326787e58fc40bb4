package ai.glimpse.tf.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.OneHot;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The count sketch of Charikar et al., the random projection of compact bilinear pooling: input
 * dimension {@code i} of {@code n} adds {@code s(i) · x_i} to output {@code h(i)} of {@code d},
 * with a hash {@code h(i)} in {@code [0, d)} and a sign {@code s(i) = ±1}.
 *
 * <p>The randomness lives in one non-trainable variable {@code name/hash} of {@code n} values
 * uniform in {@code [-1, 1]}, drawn once by {@link Params#initialize} (seeded from the store's
 * seed and the name, with {@link java.util.SplittableRandom}) and saved in checkpoints with the
 * weights: {@code s(i)} is the sign of {@code u_i} and {@code h(i) = min(floor(|u_i| · d), d - 1)}.
 * The graph turns it into the dense {@code [n, d]} sketch matrix of 0 and ±1, which depends on no
 * input, so the ONNX export folds it to a constant; it is never redrawn per forward pass.
 */
public final class CountSketch {
  private CountSketch() {}

  /**
   * The {@code [n, d]} sketch matrix of {@code name}: {@code s(i)} at {@code [i, h(i)]}, 0 elsewhere.
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) the non-trainable {@code name/hash [n]}
   * @param name the parameter scope of this sketch; the same name gives the same matrix
   * @param n the input dimension
   * @param d the output dimension, at least 1
   * @return the constant-valued {@code [n, d]} matrix, one nonzero ({@code ±1}) per row
   */
  public static Operand<TFloat32> matrix(Ops tf, Params params, String name, long n, int d) {
    Operand<TFloat32> u = params.readState(name + "/hash", Init.uniform(1), n);
    Operand<TFloat32> sign = tf.math.sub(tf.math.mul(tf.constant(2f),
        tf.dtypes.cast(tf.math.greaterEqual(u, tf.constant(0f)), TFloat32.class)), tf.constant(1f));
    Operand<TInt32> hash = tf.math.minimum(tf.dtypes.cast(tf.math.floor(
        tf.math.mul(tf.math.abs(u), tf.constant((float) d))), TInt32.class), tf.constant(d - 1));
    Operand<TFloat32> oneHot = tf.oneHot(hash, tf.constant(d), tf.constant(1f), tf.constant(0f),
        OneHot.axis(-1L));
    return tf.math.mul(oneHot, tf.expandDims(sign, tf.constant(1)));
  }

  /**
   * Sketches the last axis of {@code x [..., n]} to {@code [..., d]}, the product of {@code x}
   * with {@link #matrix}.
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) the non-trainable {@code name/hash [n]}
   * @param name the parameter scope of this sketch
   * @param x the input {@code [..., n]} of rank 2 or more; only its first axis may be unknown
   * @param n the size of {@code x}'s last axis
   * @param d the output dimension, at least 1
   * @return {@code [..., d]}, with {@code x}'s leading axes
   * @throws IllegalArgumentException if {@code x} has rank 3 or more and an axis other than the
   *     first and last is unknown
   */
  public static Operand<TFloat32> apply(Ops tf, Params params, String name, Operand<TFloat32> x,
      long n, int d) {
    Operand<TFloat32> s = matrix(tf, params, name, n, d);
    int rank = x.shape().numDimensions();
    if (rank == 2) {
      return tf.linalg.matMul(x, s);
    }
    // [..., n] → [-1, n] · [n, d] → [..., d], with the leading sizes taken from x.
    long[] dims = x.shape().asArray();
    long[] out = new long[rank];
    out[0] = -1;
    for (int i = 1; i < rank - 1; i++) {
      if (dims[i] < 0) {
        throw new IllegalArgumentException("count sketch of " + x.shape() + ": only the first axis may be unknown");
      }
      out[i] = dims[i];
    }
    out[rank - 1] = d;
    Operand<TFloat32> flat = tf.reshape(x, tf.constant(new long[] {-1, n}));
    return tf.reshape(tf.linalg.matMul(flat, s), tf.constant(out));
  }
}
