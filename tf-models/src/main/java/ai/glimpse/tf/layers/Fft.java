package ai.glimpse.tf.layers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Real FFTs along the last axis and the circular convolution they compute, for compact bilinear
 * pooling. TensorFlow Java has no Java type for complex tensors, so the complex64 spectra travel
 * between raw ops ({@code RFFT}, {@code IRFFT}, {@code Real}, {@code Imag}, {@code Complex}) as
 * untyped {@link Output}s; every arithmetic on them goes through their real and imaginary parts.
 *
 * <p>TensorFlow's C++ gradient registry has no gradient for {@code RFFT} and {@code IRFFT}, so the
 * first use registers Java ones with {@link TensorFlow#registerCustomGradient(String,
 * org.tensorflow.op.RawCustomGradient)} (once per JVM). With the onesided spectrum
 * {@code Y = RFFT(x)} of length {@code m = n/2 + 1} and a real loss, whose gradient with respect to
 * a complex value is {@code dL/dRe + i dL/dIm}:
 *
 * <ul>
 *   <li>{@code dL/dx = n · IRFFT(g ⊙ w)} with {@code w = 1} at frequency 0 (and at {@code n/2} for
 *       even {@code n}) and {@code 1/2} at the interior frequencies, which IRFFT counts twice;
 *   <li>for {@code x = IRFFT(G)}, {@code dL/dG = RFFT(g) ⊙ w' / n} with {@code w' = 1} at the
 *       edges and {@code 2} inside (the imaginary parts at the edges get 0, as IRFFT ignores them).
 * </ul>
 *
 * The gradients of {@code Real}, {@code Imag} and {@code Complex} are TensorFlow's own where it
 * has them; otherwise Java ones are registered (as {@code Complex(g, 0)}, {@code Complex(0, g)},
 * and the real and imaginary parts of {@code g}). Custom gradients do not work on Windows.
 */
public final class Fft {
  private static boolean registered;

  private Fft() {}

  /**
   * The onesided spectrum of {@code x [..., n]} along the last axis, complex64 {@code [..., n/2+1]}.
   * Registers the gradients on first use.
   *
   * @param tf the ops of the graph to build in
   * @param x the real signal {@code [..., n]}; the ONNX export needs a known rank of at least 2
   * @param n the FFT length; it should equal {@code x}'s last axis (TensorFlow would crop or
   *     zero-pad, which the ONNX export rejects)
   * @return the untyped complex64 output {@code [..., n/2 + 1]}; read it with {@link #real} and
   *     {@link #imag}
   */
  public static Output<?> rfft(Ops tf, Operand<TFloat32> x, int n) {
    registerGradients();
    return rawRfft(tf, x.asOutput(), n);
  }

  /**
   * The real signal {@code [..., n]} of a onesided complex64 spectrum {@code [..., n/2+1]}
   * (normalized: {@code irfft(rfft(x, n), n)} gives {@code x} back). Registers the gradients on
   * first use.
   *
   * @param tf the ops of the graph to build in
   * @param spectrum a complex64 output {@code [..., n/2 + 1]}, as from {@link #rfft} or
   *     {@link #complex}; the imaginary parts at frequency 0 (and {@code n/2} for even {@code n})
   *     are ignored
   * @param n the length of the real signal
   * @return the float32 signal {@code [..., n]}
   */
  public static Operand<TFloat32> irfft(Ops tf, Output<?> spectrum, int n) {
    registerGradients();
    return rawIrfft(tf, spectrum, n);
  }

  /**
   * The real part of a complex64 tensor.
   *
   * @param tf the ops of the graph to build in
   * @param c a complex64 output, any shape
   * @return the float32 real parts, shaped like {@code c}
   */
  public static Operand<TFloat32> real(Ops tf, Output<?> c) {
    return unary(tf, "Real", c).output(0);
  }

  /**
   * The imaginary part of a complex64 tensor.
   *
   * @param tf the ops of the graph to build in
   * @param c a complex64 output, any shape
   * @return the float32 imaginary parts, shaped like {@code c}
   */
  public static Operand<TFloat32> imag(Ops tf, Output<?> c) {
    return unary(tf, "Imag", c).output(0);
  }

  /**
   * The complex64 tensor {@code re + i·im} (same shapes).
   *
   * @param tf the ops of the graph to build in
   * @param re the real parts
   * @param im the imaginary parts, shaped like {@code re}
   * @return the untyped complex64 output, shaped like {@code re}
   */
  public static Output<?> complex(Ops tf, Operand<TFloat32> re, Operand<TFloat32> im) {
    return tf.scope().opBuilder("Complex", "Complex").addInput(re.asOutput()).addInput(im.asOutput())
        .build().output(0);
  }

  /**
   * The circular convolution of {@code a} and {@code b} along their last axis of length {@code n},
   * {@code (a ⊛ b)_k = Σ_j a_j b_{(k-j) mod n}}, computed as {@code IRFFT(RFFT(a) ⊙ RFFT(b))}; the
   * leading axes broadcast against each other.
   *
   * @param tf the ops of the graph to build in
   * @param a the first signal {@code [..., n]}
   * @param b the second signal {@code [..., n]}, its leading axes broadcastable against {@code a}'s
   * @param n the length of both signals' last axis
   * @return the float32 convolution {@code [..., n]}, with the broadcast leading axes
   */
  public static Operand<TFloat32> circularConvolution(Ops tf, Operand<TFloat32> a,
      Operand<TFloat32> b, int n) {
    Output<?> fa = rfft(tf, a, n);
    Output<?> fb = rfft(tf, b, n);
    Operand<TFloat32> ar = real(tf, fa);
    Operand<TFloat32> ai = imag(tf, fa);
    Operand<TFloat32> br = real(tf, fb);
    Operand<TFloat32> bi = imag(tf, fb);
    Operand<TFloat32> re = tf.math.sub(tf.math.mul(ar, br), tf.math.mul(ai, bi));
    Operand<TFloat32> im = tf.math.add(tf.math.mul(ar, bi), tf.math.mul(ai, br));
    return irfft(tf, complex(tf, re, im), n);
  }

  /** Registers the Java gradients of RFFT and IRFFT (and of Real, Imag, Complex where missing). */
  public static synchronized void registerGradients() {
    if (registered) {
      return;
    }
    // Each call returns false when the op has a gradient already; that one stays in use.
    TensorFlow.registerCustomGradient("RFFT", Fft::rfftGradient);
    TensorFlow.registerCustomGradient("IRFFT", Fft::irfftGradient);
    TensorFlow.registerCustomGradient("Real", (tf, op, g) ->
        List.of(complex(tf, g.get(0).expect(TFloat32.class), tf.zerosLike(g.get(0).expect(TFloat32.class)))));
    TensorFlow.registerCustomGradient("Imag", (tf, op, g) ->
        List.of(complex(tf, tf.zerosLike(g.get(0).expect(TFloat32.class)), g.get(0).expect(TFloat32.class))));
    TensorFlow.registerCustomGradient("Complex", (tf, op, g) ->
        List.of(real(tf, g.get(0)), imag(tf, g.get(0))));
    registered = true;
  }

  private static Output<?> rawRfft(Ops tf, Output<?> x, int n) {
    return tf.scope().opBuilder("RFFT", "RFFT").addInput(x).addInput(length(tf, n)).build().output(0);
  }

  private static Operand<TFloat32> rawIrfft(Ops tf, Output<?> spectrum, int n) {
    return tf.scope().opBuilder("IRFFT", "IRFFT").addInput(spectrum).addInput(length(tf, n)).build()
        .output(0);
  }

  private static Output<TInt32> length(Ops tf, int n) {
    return tf.constant(new int[] {n}).asOutput();
  }

  private static Operation unary(Ops tf, String type, Output<?> c) {
    return tf.scope().opBuilder(type, type).addInput(c).build();
  }

  /** {@code dL/dx = IRFFT(g ⊙ w)} with {@code w = n} at the edges and {@code n/2} inside. */
  private static List<Operand<?>> rfftGradient(Ops tf, GraphOperation op, List<Output<?>> upstream) {
    Output<TInt32> length = op.input(1).expect(TInt32.class);
    // n/2 · (1 + edge): n at the edges, n/2 inside.
    Operand<TFloat32> w = tf.math.mul(tf.math.div(lengthFloat(tf, length), tf.constant(2f)),
        tf.math.add(tf.constant(1f), edges(tf, length)));
    List<Operand<?>> out = new ArrayList<>();
    out.add(tf.scope().opBuilder("IRFFT", "IRFFT").addInput(scaled(tf, upstream.get(0), w))
        .addInput(length).build().output(0));
    out.add(tf.zerosLike(length));
    return out;
  }

  /** {@code dL/dG = RFFT(g) ⊙ w'} with {@code w' = 1/n} at the edges and {@code 2/n} inside. */
  private static List<Operand<?>> irfftGradient(Ops tf, GraphOperation op, List<Output<?>> upstream) {
    Output<TInt32> length = op.input(1).expect(TInt32.class);
    // (2/n) / (1 + edge): 1/n at the edges, 2/n inside.
    Operand<TFloat32> w = tf.math.div(tf.math.div(tf.constant(2f), lengthFloat(tf, length)),
        tf.math.add(tf.constant(1f), edges(tf, length)));
    Output<?> spectrum = tf.scope().opBuilder("RFFT", "RFFT").addInput(upstream.get(0))
        .addInput(length).build().output(0);
    List<Operand<?>> out = new ArrayList<>();
    out.add(scaled(tf, spectrum, w));
    out.add(tf.zerosLike(length));
    return out;
  }

  // The gradients read the signal length from the op's fft_length input in the graph: asking a
  // tensor's static shape while TensorFlow adds gradients deadlocks on the graph's lock.

  private static Operand<TFloat32> lengthFloat(Ops tf, Operand<TInt32> length) {
    return tf.dtypes.cast(tf.reshape(length, tf.constant(new long[0])), TFloat32.class);
  }

  /** 1 at frequency 0 (and n/2 for even n), 0 at the other of the n/2 + 1 frequencies. */
  private static Operand<TFloat32> edges(Ops tf, Operand<TInt32> length) {
    Operand<TInt32> n = tf.reshape(length, tf.constant(new long[0]));
    Operand<TInt32> m = tf.math.add(tf.math.floorDiv(n, tf.constant(2)), tf.constant(1));
    Operand<TInt32> k = tf.range(tf.constant(0), m, tf.constant(1));
    return tf.dtypes.cast(tf.math.logicalOr(tf.math.equal(k, tf.constant(0)),
        tf.math.equal(tf.math.mul(k, tf.constant(2)), n)), TFloat32.class);
  }

  private static Output<?> scaled(Ops tf, Output<?> c, Operand<TFloat32> weights) {
    return complex(tf, tf.math.mul(real(tf, c), weights), tf.math.mul(imag(tf, c), weights));
  }
}
