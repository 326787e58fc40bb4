package ai.glimpse.tf.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A small convolutional stem that turns pixels into a grid of features: per stage a 3×3
 * convolution (stride 1, SAME), batch normalization when asked, ReLU and 2×2 max pooling, so each
 * stage halves the grid. Stage {@code i} owns the parameters {@code name + i + "/..."}.
 */
public final class ConvStem {
  private ConvStem() {}

  /**
   * Returns the features {@code [images, size / 2^stages, size / 2^stages, channels.last]} (NHWC)
   * of {@code pixels [images, 3, size, size]} (NCHW, as the models take them).
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) the parameters of every stage
   * @param name the prefix of the stages' parameter scopes: stage {@code i} uses the scope
   *     {@code name + i} (for {@code "vqa/stem"}: {@code vqa/stem0/kernel}, {@code vqa/stem1/...})
   * @param pixels the images {@code [images, 3, size, size]} (NCHW)
   * @param channels the output channels of each stage, in order; its size is the number of stages
   *     (an empty list returns the pixels transposed to NHWC)
   * @param batchNorm true to follow each convolution with {@link BatchNorm} (the convolution then
   *     has no bias)
   * @param training passed to {@link BatchNorm}: batch statistics in training, moving averages in
   *     inference
   * @return the feature grid {@code [images, size / 2^stages, size / 2^stages, channels.last]}
   *     (NHWC; each pooling rounds down)
   */
  public static Operand<TFloat32> apply(Ops tf, Params params, String name, Operand<TFloat32> pixels,
      List<Integer> channels, boolean batchNorm, boolean training) {
    Operand<TFloat32> x = tf.linalg.transpose(pixels, tf.constant(new int[] {0, 2, 3, 1}));
    long in = 3;
    for (int i = 0; i < channels.size(); i++) {
      long out = channels.get(i);
      // Stride-1 convolutions and max pooling rather than strided convolutions.
      x = Conv2d.apply(tf, params, name + i, x, 3, in, out, 1, !batchNorm);
      if (batchNorm) {
        x = BatchNorm.apply(tf, params, name + i + "/bn", x, out, 4, training);
      }
      x = tf.nn.relu(x);
      x = tf.nn.maxPool(x, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "VALID");
      in = out;
    }
    return x;
  }
}
