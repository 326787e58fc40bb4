package ai.glimpse.tf.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Batch normalization over the last axis (channels) of an NHWC or {@code [batch, features]}
 * tensor (Ioffe and Szegedy 2015). In training the batch's mean and variance normalize the input
 * and the moving averages {@code name/moving_mean} and {@code name/moving_variance} are updated
 * through {@link Params#addUpdate}; in inference the moving averages are used, so an exported
 * graph folds them into constants. {@code name/gamma} and {@code name/beta} are trainable.
 */
public final class BatchNorm {
  /** The weight of the old moving average in each update. */
  public static final float MOMENTUM = 0.9f;
  /** Added to the variance before the square root. */
  public static final float EPSILON = 1e-5f;

  private BatchNorm() {}

  /**
   * Normalizes {@code x}, whose last axis has {@code channels} entries.
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) {@code name/gamma}, {@code name/beta} and the
   *     moving averages; in training the moving-average updates are registered with it
   * @param name the parameter scope of this layer
   * @param x the input, {@code [batch, height, width, channels]} or {@code [batch, channels]}
   * @param channels the size of {@code x}'s last axis
   * @param rank the rank of {@code x} (4 for NHWC, 2 for {@code [batch, features]}); in training
   *     the statistics are taken over all axes but the last
   * @param training true to normalize with the batch statistics and update the moving averages,
   *     false to normalize with the moving averages
   * @return the normalized tensor, shaped like {@code x}
   */
  public static Operand<TFloat32> apply(Ops tf, Params params, String name, Operand<TFloat32> x,
      long channels, int rank, boolean training) {
    Operand<TFloat32> gamma = params.get(name + "/gamma", Init.ONES, channels);
    Operand<TFloat32> beta = params.get(name + "/beta", Init.ZEROS, channels);
    Operand<TFloat32> movingMean = params.readState(name + "/moving_mean", Init.ZEROS, channels);
    Operand<TFloat32> movingVar = params.readState(name + "/moving_variance", Init.ONES, channels);
    if (!training) {
      // One per-channel scale and shift: an exporter folds them into constants and ONNX Runtime
      // fuses a Mul and an Add after a convolution into the convolution itself.
      Operand<TFloat32> scale = tf.math.mul(tf.math.rsqrt(tf.math.add(movingVar, tf.constant(EPSILON))), gamma);
      Operand<TFloat32> shift = tf.math.sub(beta, tf.math.mul(movingMean, scale));
      return tf.math.add(tf.math.mul(x, scale), shift);
    }
    int[] axes = new int[rank - 1];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i;
    }
    Operand<TFloat32> mean = tf.math.mean(x, tf.constant(axes));
    Operand<TFloat32> centered = tf.math.sub(x, mean);
    Operand<TFloat32> variance = tf.math.mean(tf.math.mul(centered, centered), tf.constant(axes));
    Operand<TFloat32> keep = tf.constant(1f - MOMENTUM);
    Variable<TFloat32> mm = params.state(name + "/moving_mean", Init.ZEROS, channels);
    Variable<TFloat32> mv = params.state(name + "/moving_variance", Init.ONES, channels);
    params.addUpdate(tf.assignSub(mm, tf.math.mul(tf.math.sub(movingMean, mean), keep)));
    params.addUpdate(tf.assignSub(mv, tf.math.mul(tf.math.sub(movingVar, variance), keep)));
    Operand<TFloat32> scale = tf.math.mul(tf.math.rsqrt(tf.math.add(variance, tf.constant(EPSILON))), gamma);
    return tf.math.add(tf.math.mul(tf.math.sub(x, mean), scale), beta);
  }
}
