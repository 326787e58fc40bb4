package ai.glimpse.tf.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A 2-D convolution over {@code [batch, height, width, channels]} (NHWC) inputs, with bias. */
public final class Conv2d {
  private Conv2d() {}

  /**
   * Convolves {@code x} with a {@code k × k} kernel ({@code name/kernel [k, k, in, out]},
   * {@code name/bias [out]}), the given stride and SAME padding.
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) {@code name/kernel} (Glorot) and
   *     {@code name/bias} (zeros)
   * @param name the parameter scope of this layer
   * @param x the input {@code [batch, height, width, in]} (NHWC)
   * @param k the kernel's height and width
   * @param in the number of input channels, {@code x}'s last axis
   * @param out the number of output channels
   * @param stride the step in both spatial directions; 1 keeps the size
   * @return {@code [batch, ceil(height / stride), ceil(width / stride), out]}
   */
  public static Operand<TFloat32> apply(Ops tf, Params params, String name, Operand<TFloat32> x,
      int k, long in, long out, int stride) {
    return apply(tf, params, name, x, k, in, out, stride, true);
  }

  /**
   * As {@link #apply(Ops, Params, String, Operand, int, long, long, int)}, without the bias when
   * {@code bias} is false (a following batch normalization would cancel it).
   *
   * @param tf the ops of the graph to build in
   * @param params the store that holds (or receives) {@code name/kernel} and, with a bias,
   *     {@code name/bias}
   * @param name the parameter scope of this layer
   * @param x the input {@code [batch, height, width, in]} (NHWC)
   * @param k the kernel's height and width
   * @param in the number of input channels, {@code x}'s last axis
   * @param out the number of output channels
   * @param stride the step in both spatial directions; 1 keeps the size
   * @param bias true to add {@code name/bias [out]}; false creates no bias variable
   * @return {@code [batch, ceil(height / stride), ceil(width / stride), out]}
   */
  public static Operand<TFloat32> apply(Ops tf, Params params, String name, Operand<TFloat32> x,
      int k, long in, long out, int stride, boolean bias) {
    Operand<TFloat32> w = params.get(name + "/kernel", Init.GLOROT, k, k, in, out);
    Operand<TFloat32> y = tf.nn.conv2d(x, w, List.of(1L, (long) stride, (long) stride, 1L), "SAME");
    return bias ? tf.nn.biasAdd(y, params.get(name + "/bias", Init.ZEROS, out)) : y;
  }
}
