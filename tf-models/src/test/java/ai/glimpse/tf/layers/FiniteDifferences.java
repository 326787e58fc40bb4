package ai.glimpse.tf.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Central finite differences against TensorFlow's symbolic gradients of a scalar float32 loss
 * built from {@link Params} variables and constant inputs, for the layer and loss tests.
 */
public final class FiniteDifferences {
  /** The step of the central differences. */
  public static final double EPS = 1e-3;
  /** Variables with at most this many entries are checked at every entry, larger ones sampled. */
  private static final int ALL_ENTRIES = 40;
  private static final int SAMPLED = 16;

  /**
   * What a check measured.
   *
   * @param probes how many entries were compared
   * @param maxAbsError the largest {@code |numeric - analytic|}
   * @param maxToleranceUse the largest error divided by its tolerance (below 1 passes)
   */
  public record Report(int probes, double maxAbsError, double maxToleranceUse) {}

  private FiniteDifferences() {}

  /**
   * Builds the loss with {@code build} in a fresh graph (parameters seeded with {@code seed}, then
   * {@code overrides} assigned) and compares, for every variable in {@code names}, the analytic
   * gradient with central differences: every entry of small variables, and the two entries with
   * the largest analytic gradient plus evenly spread ones of larger variables. The tolerance is
   * that of the zoo's gradient checks: float32 losses and a 1e-3 step agree to 5% of the larger
   * magnitude, or 2e-4 absolute (more where four ulps of the loss over the step are more). Where
   * a ReLU kink lies within the step (the analytic gradients at either end differ), the difference
   * quotient must lie between those two one-sided gradients. Also asserts that every variable gets a non-zero gradient.
   */
  public static Report check(String label, long seed, Map<String, float[]> overrides,
      List<String> names, BiFunction<Ops, Params, Operand<TFloat32>> build) {
    return check(label, seed, overrides, names, build, probeSeed -> analytic -> probes(analytic, probeSeed));
  }

  /**
   * As {@link #check(String, long, Map, List, BiFunction)}, comparing the entries that
   * {@code probes} picks: given the variable's position-derived seed, a function from a variable's
   * analytic gradient to the indices to probe.
   */
  public static Report check(String label, long seed, Map<String, float[]> overrides,
      List<String> names, BiFunction<Ops, Params, Operand<TFloat32>> build,
      java.util.function.LongFunction<java.util.function.Function<float[], List<Integer>>> probes) {
    int probeCount = 0;
    double maxAbs = 0;
    double maxUse = 0;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, seed);
      Operand<TFloat32> loss = build.apply(tf, params);
      Output<?>[] vars = names.stream().map(n -> params.variable(n).asOutput()).toArray(Output<?>[]::new);
      Output<?>[] grads = g.addGradients(loss.asOutput(), vars);
      try (Session s = new Session(g)) {
        params.initialize(s);
        if (!overrides.isEmpty()) {
          params.assign(s, overrides);
        }
        Map<String, float[]> values = params.fetch(s);
        float[][] analytic = new float[grads.length][];
        Session.Runner r = s.runner();
        for (Output<?> gr : grads) {
          r.fetch(gr);
        }
        try (Result res = r.run()) {
          for (int i = 0; i < grads.length; i++) {
            analytic[i] = floats((TFloat32) res.get(i));
          }
        }
        for (int v = 0; v < names.size(); v++) {
          String name = names.get(v);
          float[] w = values.get(name).clone();
          assertTrue(maxAbs(analytic[v]) > 1e-6, label + ": " + name + " gets no gradient");
          for (int k : probes.apply(seed + v).apply(analytic[v])) {
            float orig = w[k];
            w[k] = (float) (orig + EPS);
            params.assign(s, Map.of(name, w));
            double up = scalar(s, loss);
            w[k] = (float) (orig - EPS);
            params.assign(s, Map.of(name, w));
            double down = scalar(s, loss);
            w[k] = orig;
            params.assign(s, Map.of(name, w));
            double numeric = (up - down) / (2 * EPS);
            double a = analytic[v][k];
            // The float32 loss is exact to a few ulps; its differences no better.
            double absTol = Math.max(2e-4, 4 * Math.ulp((float) Math.max(Math.abs(up), Math.abs(down))) / (2 * EPS));
            double tol = Math.max(absTol, 0.05 * Math.max(Math.abs(a), Math.abs(numeric)));
            double err = Math.abs(numeric - a);
            if (err > tol) {
              // A ReLU kink within the step makes the difference quotient the mean of two one-sided
              // slopes: then it must lie between the analytic gradients at either end.
              w[k] = (float) (orig + EPS);
              params.assign(s, Map.of(name, w));
              double right = gradientAt(s, grads[v], k);
              w[k] = (float) (orig - EPS);
              params.assign(s, Map.of(name, w));
              double left = gradientAt(s, grads[v], k);
              w[k] = orig;
              params.assign(s, Map.of(name, w));
              boolean kink = Math.abs(right - left) > tol;
              if (kink && numeric >= Math.min(left, right) - tol && numeric <= Math.max(left, right) + tol) {
                err = 0;
                a = numeric;
              }
            }
            maxAbs = Math.max(maxAbs, err);
            maxUse = Math.max(maxUse, err / tol);
            probeCount++;
            assertEquals(numeric, a, tol, label + ": d loss / d " + name + "[" + k + "]");
          }
        }
      }
    }
    return new Report(probeCount, maxAbs, maxUse);
  }

  private static double gradientAt(Session s, Output<?> gradient, int k) {
    try (Result r = s.runner().fetch(gradient).run()) {
      return floats((TFloat32) r.get(0))[k];
    }
  }

  /** Returns the values of a float32 tensor. */
  public static float[] floats(TFloat32 t) {
    float[] out = new float[Math.toIntExact(t.size())];
    t.asRawTensor().data().asFloats().read(out);
    return out;
  }

  /** Runs {@code out} in {@code s} and returns its values. */
  public static float[] run(Session s, Operand<TFloat32> out) {
    try (Result r = s.runner().fetch(out).run()) {
      return floats((TFloat32) r.get(0));
    }
  }

  /** Returns a float32 constant of the given shape. */
  public static Operand<TFloat32> constant(Ops tf, float[] values, long... shape) {
    return tf.constant(Shape.of(shape), DataBuffers.of(values, true, false));
  }

  /** Returns {@code n} values uniform in {@code [-scale, scale]}, seeded. */
  public static float[] uniform(long seed, int n, double scale) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) ((rng.nextDouble() * 2 - 1) * scale);
    }
    return out;
  }

  /**
   * Returns the scalar {@code sum(y ⊙ R)} with fixed random weights {@code R} in [-1, 1], a loss
   * whose gradient reaches every entry of {@code y} with a different weight.
   */
  public static Operand<TFloat32> weightedSum(Ops tf, Operand<TFloat32> y, long seed, long... shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    Operand<TFloat32> r = constant(tf, uniform(seed, Math.toIntExact(n), 1.0), shape);
    return tf.reduceSum(tf.reshape(tf.math.mul(y, r), tf.constant(new long[] {-1})), tf.constant(0));
  }

  private static double scalar(Session s, Operand<TFloat32> loss) {
    try (Result r = s.runner().fetch(loss).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  private static List<Integer> probes(float[] analytic, long seed) {
    List<Integer> all = new ArrayList<>();
    if (analytic.length <= ALL_ENTRIES) {
      for (int i = 0; i < analytic.length; i++) {
        all.add(i);
      }
      return all;
    }
    Set<Integer> picked = new LinkedHashSet<>();
    int first = argmaxAbs(analytic, -1);
    picked.add(first);
    picked.add(argmaxAbs(analytic, first));
    SplittableRandom rng = new SplittableRandom(seed);
    while (picked.size() < SAMPLED) {
      picked.add(rng.nextInt(analytic.length));
    }
    all.addAll(picked);
    return all;
  }

  /** The index of the largest magnitude in {@code a}, other than {@code exclude}. */
  public static int argmaxAbs(float[] a, int exclude) {
    int best = exclude == 0 ? 1 : 0;
    for (int i = 0; i < a.length; i++) {
      if (i != exclude && Math.abs(a[i]) > Math.abs(a[best])) {
        best = i;
      }
    }
    return best;
  }

  private static double maxAbs(float[] a) {
    double m = 0;
    for (float v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
