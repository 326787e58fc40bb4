package ai.glimpse.tf.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/** L2 normalization along one axis: {@code x / sqrt(max(sum(x²), eps))}. */
public final class L2Norm {
  private static final float EPS = 1e-12f;

  private L2Norm() {}

  /**
   * Normalizes {@code x} to unit L2 norm along {@code axis}.
   *
   * @param tf the ops of the graph to build in
   * @param x the input, any shape
   * @param axis the axis to normalize along; negative values count from the end ({@code -1} is the
   *     last axis)
   * @return {@code x} divided by its norm along {@code axis}, shaped like {@code x}; a slice whose
   *     squared norm is below {@code 1e-12} is divided by {@code 1e-6} instead, so zeros stay zeros
   */
  public static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, int axis) {
    Operand<TFloat32> sq = tf.reduceSum(tf.math.mul(x, x), tf.constant(new int[] {axis}),
        ReduceSum.keepDims(true));
    Operand<TFloat32> norm = tf.math.sqrt(tf.math.maximum(sq, tf.constant(EPS)));
    return tf.math.div(x, norm);
  }
}
