package ai.glimpse.tf.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A fully connected layer with weight normalization (Salimans and Kingma 2016), as the
 * bottom-up/top-down VQA code builds its layers with {@code weight_norm(nn.Linear(in, units),
 * dim=None)}: {@code y = x W + b} with {@code W = g · V / ||V||_F}, one scalar gain {@code g} for
 * the whole matrix (Frobenius norm over all entries). Parameters: {@code name/v [in, units]}
 * (Glorot), {@code name/g} (a scalar) and {@code name/bias [units]} (zeros).
 *
 * <p>Initial gain: PyTorch sets {@code g = ||V||} of the initial {@code V}, so the layer starts as
 * the plain dense layer with weights {@code V}. {@link Params} draws initial values without
 * seeing other parameters, so here {@code g} starts at the expected norm of a Glorot-uniform
 * matrix, {@link #initialGain(long, long)} {@code = sqrt(2 · in · units / (in + units))}; the
 * layer then starts as a dense layer with Glorot-scaled weights (the actual norm is within a few
 * percent of the expectation for matrices of more than a hundred entries).
 */
public final class WeightNormDense {
  // Keeps the norm's gradient finite should V ever be all zeros (as in L2Norm).
  private static final float EPS = 1e-12f;

  private WeightNormDense() {}

  /**
   * Maps {@code x [batch, in]} to {@code [batch, units]}.
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) {@code name/v}, {@code name/g} and
   *     {@code name/bias}
   * @param name the parameter scope of this layer
   * @param x the input {@code [batch, in]}
   * @param in the input size, {@code x}'s last axis, at least 1
   * @param units the output size, at least 1
   * @return {@code x W + b}, {@code [batch, units]}, without activation
   * @throws IllegalArgumentException if {@code in} or {@code units} is below 1
   */
  public static Operand<TFloat32> apply(Ops tf, Params params, String name, Operand<TFloat32> x,
      long in, long units) {
    Operand<TFloat32> w = kernel(tf, params, name, in, units);
    Operand<TFloat32> b = params.get(name + "/bias", Init.ZEROS, units);
    return tf.math.add(tf.linalg.matMul(x, w), b);
  }

  /**
   * Maps {@code x [batch, n, in]} to {@code [batch, n, units]}, sharing the weights over {@code n}.
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) {@code name/v}, {@code name/g} and
   *     {@code name/bias}
   * @param name the parameter scope of this layer
   * @param x the input {@code [batch, n, in]}
   * @param n the static size of {@code x}'s second axis (the batch may be unknown)
   * @param in the input size, {@code x}'s last axis, at least 1
   * @param units the output size, at least 1
   * @return {@code [batch, n, units]}, without activation
   * @throws IllegalArgumentException if {@code in} or {@code units} is below 1
   */
  public static Operand<TFloat32> apply3d(Ops tf, Params params, String name, Operand<TFloat32> x,
      long n, long in, long units) {
    Operand<TFloat32> w = kernel(tf, params, name, in, units);
    Operand<TFloat32> b = params.get(name + "/bias", Init.ZEROS, units);
    return Dense.apply3dWith(tf, x, w, b, n, in, units);
  }

  /**
   * Returns the effective weights {@code W = g · V / ||V||_F}, {@code [in, units]}, creating
   * {@code name/v} and {@code name/g} on first use (not the bias).
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) {@code name/v} and {@code name/g}
   * @param name the parameter scope of this layer
   * @param in the number of rows, at least 1
   * @param units the number of columns, at least 1
   * @return the weights {@code [in, units]}, whose Frobenius norm is {@code g}
   * @throws IllegalArgumentException if {@code in} or {@code units} is below 1
   */
  public static Operand<TFloat32> kernel(Ops tf, Params params, String name, long in, long units) {
    if (in < 1 || units < 1) {
      throw new IllegalArgumentException(name + ": in and units must be >= 1, got in=" + in
          + ", units=" + units);
    }
    Operand<TFloat32> v = params.get(name + "/v", Init.GLOROT, in, units);
    Operand<TFloat32> g = params.get(name + "/g", Init.constant(initialGain(in, units)));
    Operand<TFloat32> squares = tf.reduceSum(tf.math.mul(v, v), tf.constant(new int[] {0, 1}));
    Operand<TFloat32> norm = tf.math.sqrt(tf.math.maximum(squares, tf.constant(EPS)));
    return tf.math.mul(v, tf.math.div(g, norm));
  }

  /**
   * Returns the expected Frobenius norm of a Glorot-uniform {@code [in, units]} matrix,
   * {@code sqrt(2 · in · units / (in + units))}, the initial value of {@code g}.
   *
   * @param in the number of rows, positive
   * @param units the number of columns, positive
   * @return the expected norm, a positive number
   */
  public static double initialGain(long in, long units) {
    return Math.sqrt(2.0 * in * units / (in + units));
  }
}
