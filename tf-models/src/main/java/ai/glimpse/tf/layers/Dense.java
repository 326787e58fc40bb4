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

  /** Maps {@code x [batch, in]} to {@code [batch, units]} with parameters {@code name/kernel}, {@code name/bias}. */
  public static Operand<TFloat32> apply(Ops tf, Params params, String name, Operand<TFloat32> x,
      long in, long units) {
    Operand<TFloat32> w = params.get(name + "/kernel", Init.GLOROT, in, units);
    Operand<TFloat32> b = params.get(name + "/bias", Init.ZEROS, units);
    return tf.math.add(tf.linalg.matMul(x, w), b);
  }

  /** Maps {@code x [batch, n, in]} to {@code [batch, n, units]}, sharing the weights over {@code n}. */
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
