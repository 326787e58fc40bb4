package ai.glimpse.tf.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A fully connected layer {@code y = x W + b}, on {@code [batch, in]} inputs or, applied to the
 * last axis, on {@code [batch, n, in]} inputs (a 1×1 convolution over locations).
 */
public final class Dense {
  private Dense() {}

  /**
   * Maps {@code x [batch, in]} to {@code [batch, units]} with parameters {@code name/kernel},
   * {@code name/bias}.
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) {@code name/kernel [in, units]} (Glorot) and
   *     {@code name/bias [units]} (zeros)
   * @param name the parameter scope of this layer
   * @param x the input {@code [batch, in]}
   * @param in the input size, {@code x}'s last axis
   * @param units the output size
   * @return {@code x W + b}, {@code [batch, units]}, without activation
   */
  public static Operand<TFloat32> apply(Ops tf, Params params, String name, Operand<TFloat32> x,
      long in, long units) {
    Operand<TFloat32> w = params.get(name + "/kernel", Init.GLOROT, in, units);
    Operand<TFloat32> b = params.get(name + "/bias", Init.ZEROS, units);
    return tf.math.add(tf.linalg.matMul(x, w), b);
  }

  /**
   * Maps {@code x [batch, n, in]} to {@code [batch, n, units]}, sharing the weights over {@code n}.
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) {@code name/kernel [in, units]} (Glorot) and
   *     {@code name/bias [units]} (zeros)
   * @param name the parameter scope of this layer
   * @param x the input {@code [batch, n, in]}
   * @param n the static size of {@code x}'s second axis (the batch may be unknown)
   * @param in the input size, {@code x}'s last axis
   * @param units the output size
   * @return {@code [batch, n, units]}, without activation
   */
  public static Operand<TFloat32> apply3d(Ops tf, Params params, String name, Operand<TFloat32> x,
      long n, long in, long units) {
    Operand<TFloat32> w = params.get(name + "/kernel", Init.GLOROT, in, units);
    Operand<TFloat32> b = params.get(name + "/bias", Init.ZEROS, units);
    return apply3dWith(tf, x, w, b, n, in, units);
  }

  /** Applies given weights {@code w [in, units]} and bias to {@code x [batch, n, in]}. */
  static Operand<TFloat32> apply3dWith(Ops tf, Operand<TFloat32> x, Operand<TFloat32> w,
      Operand<TFloat32> b, long n, long in, long units) {
    Operand<TFloat32> flat = tf.reshape(x, tf.constant(new long[] {-1, in}));
    Operand<TFloat32> y = tf.math.add(tf.linalg.matMul(flat, w), b);
    return tf.reshape(y, tf.constant(new long[] {-1, n, units}));
  }
}
