package ai.glimpse.bench;

import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * The machine's practical float32 ceiling: the FLOP/s of a large square matrix product in TensorFlow
 * Java on the same threads the benchmark uses, the best of several timed runs after warm-up. Every
 * model figure is set beside it as a fraction.
 */
public final class MatmulPeak {
  private MatmulPeak() {}

  /**
   * The measured ceiling.
   *
   * @param size the matrix size {@code n} of the {@code n×n} product
   * @param threads the TensorFlow intra-op threads used
   * @param bestSeconds the fastest timed run, in seconds, including feeding the inputs
   * @param flopsPerSecond {@code 2 n³ / bestSeconds}, in floating-point operations per second
   */
  public record Peak(int size, int threads, double bestSeconds, double flopsPerSecond) {}

  /**
   * Multiplies two random {@code n×n} float32 matrices {@code runs} times after two warm-up runs.
   *
   * @param n the matrix size (2048 takes ~17 GFLOP per product)
   * @param threads TensorFlow intra-op threads
   * @param runs timed runs, at least 1
   * @return the size, threads, best time and FLOP/s of the fastest timed run
   * @throws IllegalArgumentException if {@code n}, {@code threads} or {@code runs} is less than 1
   */
  public static Peak measure(int n, int threads, int runs) {
    if (n < 1 || runs < 1 || threads < 1) {
      throw new IllegalArgumentException("n, threads and runs must be >= 1, got " + n + ", " + threads + ", " + runs);
    }
    float[] values = new float[n * n];
    Random rng = new Random(7);
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) rng.nextGaussian();
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> a = tf.placeholder(TFloat32.class);
      Operand<TFloat32> b = tf.placeholder(TFloat32.class);
      // Sum the product so that the fetch copies one number, not n² of them.
      Operand<TFloat32> product = tf.sum(tf.linalg.matMul(a, b), tf.constant(new int[] {0, 1}));
      ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(threads)
          .setInterOpParallelismThreads(1).build();
      try (Session s = new Session(g, config);
           TFloat32 ta = TFloat32.tensorOf(Shape.of(n, n), DataBuffers.of(values, true, false));
           TFloat32 tb = TFloat32.tensorOf(Shape.of(n, n), DataBuffers.of(values, true, false))) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs + 2; i++) {
          long t0 = System.nanoTime();
          try (Result r = s.runner().feed(a, ta).feed(b, tb).fetch(product).run()) {
            r.get(0);
          }
          double sec = (System.nanoTime() - t0) / 1e9;
          if (i >= 2) {
            best = Math.min(best, sec);
          }
        }
        return new Peak(n, threads, best, 2.0 * n * n * (double) n / best);
      }
    }
  }
}
