package ai.glimpse.tf.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The real FFTs and the circular convolution: values against direct sums in Java, and the Java
 * gradients of RFFT and IRFFT (and of the convolution as a whole) against finite differences, for
 * even and odd signal lengths.
 */
class FftTest {

  @Test
  void rfftMatchesTheDftAndIrfftInvertsIt() {
    for (int n : new int[] {8, 7}) {
      int m = n / 2 + 1;
      float[] x = FiniteDifferences.uniform(5, 2 * n, 1.0);
      try (Graph g = new Graph(); Session s = new Session(g)) {
        Ops tf = Ops.create(g);
        Operand<TFloat32> xs = FiniteDifferences.constant(tf, x, 2, n);
        Output<?> spectrum = Fft.rfft(tf, xs, n);
        float[] re = FiniteDifferences.run(s, Fft.real(tf, spectrum));
        float[] im = FiniteDifferences.run(s, Fft.imag(tf, spectrum));
        float[] back = FiniteDifferences.run(s, Fft.irfft(tf, spectrum, n));
        for (int b = 0; b < 2; b++) {
          for (int k = 0; k < m; k++) {
            double sr = 0;
            double si = 0;
            for (int j = 0; j < n; j++) {
              double angle = -2 * Math.PI * j * k / n;
              sr += x[b * n + j] * Math.cos(angle);
              si += x[b * n + j] * Math.sin(angle);
            }
            assertEquals(sr, re[b * m + k], 1e-5);
            assertEquals(si, im[b * m + k], 1e-5);
          }
        }
        for (int i = 0; i < x.length; i++) {
          assertEquals(x[i], back[i], 1e-5);
        }
      }
    }
  }

  @Test
  void circularConvolutionMatchesTheDirectSumAndBroadcasts() {
    int n = 6;
    float[] a = FiniteDifferences.uniform(1, 2 * n, 1.0);
    float[] b = FiniteDifferences.uniform(2, 2 * 3 * n, 1.0);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      float[] y = FiniteDifferences.run(s, Fft.circularConvolution(tf,
          FiniteDifferences.constant(tf, a, 2, 1, n), FiniteDifferences.constant(tf, b, 2, 3, n), n));
      assertEquals(2 * 3 * n, y.length);
      for (int i = 0; i < 2; i++) {
        for (int l = 0; l < 3; l++) {
          for (int k = 0; k < n; k++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
              sum += a[i * n + j] * b[(i * 3 + l) * n + Math.floorMod(k - j, n)];
            }
            assertEquals(sum, y[(i * 3 + l) * n + k], 1e-5);
          }
        }
      }
    }
  }

  @Test
  void rfftGradientMatchesFiniteDifferences() {
    for (int n : new int[] {8, 7}) {
      int m = n / 2 + 1;
      FiniteDifferences.Report r = FiniteDifferences.check("rfft n=" + n, 3, Map.of(), List.of("x"),
          (tf, params) -> {
            Output<?> spectrum = Fft.rfft(tf, params.get("x", Init.uniform(1), 2, n), n);
            return tf.math.add(FiniteDifferences.weightedSum(tf, Fft.real(tf, spectrum), 7, 2, m),
                FiniteDifferences.weightedSum(tf, Fft.imag(tf, spectrum), 8, 2, m));
          });
      System.out.println("rfft n=" + n + ": " + r);
      assertTrue(r.probes() == 2 * n);
    }
  }

  @Test
  void irfftGradientMatchesFiniteDifferences() {
    for (int n : new int[] {8, 7}) {
      int m = n / 2 + 1;
      FiniteDifferences.Report r = FiniteDifferences.check("irfft n=" + n, 3, Map.of(),
          List.of("re", "im"), (tf, params) -> {
            Output<?> spectrum = Fft.complex(tf, params.get("re", Init.uniform(1), 2, m),
                params.get("im", Init.uniform(1), 2, m));
            return FiniteDifferences.weightedSum(tf, Fft.irfft(tf, spectrum, n), 9, 2, n);
          });
      System.out.println("irfft n=" + n + ": " + r);
      assertTrue(r.probes() == 4 * m);
    }
  }

  @Test
  void circularConvolutionGradientMatchesFiniteDifferences() {
    for (int n : new int[] {8, 5}) {
      FiniteDifferences.Report r = FiniteDifferences.check("circular convolution n=" + n, 4, Map.of(),
          List.of("a", "b"), (tf, params) -> {
            Operand<TFloat32> y = Fft.circularConvolution(tf, params.get("a", Init.uniform(1), 2, 1, n),
                params.get("b", Init.uniform(1), 2, 3, n), n);
            // A non-linear loss, so the gradient depends on both factors.
            return FiniteDifferences.weightedSum(tf, tf.math.mul(y, y), 10, 2, 3, n);
          });
      System.out.println("circular convolution n=" + n + ": " + r);
    }
  }
}
