package ai.glimpse.tf.layers;

import static ai.glimpse.tf.layers.FiniteDifferences.constant;
import static ai.glimpse.tf.layers.FiniteDifferences.run;
import static ai.glimpse.tf.layers.FiniteDifferences.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The GRU: hand-computed values, a plain-Java reference, padding and finite-difference gradients. */
class GruTest {
  private static final List<String> PARAMS =
      List.of("gru/kernel", "gru/recurrent_kernel", "gru/bias", "gru/recurrent_bias");

  @Test
  void oneStepMatchesHandComputedValue() {
    // in = 1, units = 1, gates (reset, update, new); x = 2 and the state starts at 0.
    Map<String, float[]> w = Map.of(
        "gru/kernel", new float[] {0.5f, -0.5f, 1.0f},
        "gru/recurrent_kernel", new float[] {7f, 7f, 7f}, // multiplies h = 0: no effect
        "gru/bias", new float[] {0.1f, 0.2f, -0.1f},
        "gru/recurrent_bias", new float[] {0.3f, -0.2f, 0.4f});
    float[] h = runGru(w, new float[] {2f}, new float[] {1f}, 1, 1, 1, 1);
    double r = sigmoid(0.5 * 2 + 0.1 + 0.3); // sigmoid(1.4)
    double z = sigmoid(-0.5 * 2 + 0.2 - 0.2); // sigmoid(-1.0)
    double n = Math.tanh(1.0 * 2 - 0.1 + r * 0.4); // the reset gate scales the recurrent bias
    // float32 through a handful of ops: 1e-6.
    assertEquals((1 - z) * n, h[0], 1e-6);
    assertEquals(0.714042, h[0], 1e-6, "(1 - sigmoid(-1)) * tanh(1.9 + 0.4 sigmoid(1.4))");
  }

  @Test
  void matchesPlainJavaReferenceWithPadding() {
    int batch = 2;
    int steps = 4;
    int in = 3;
    int units = 2;
    Map<String, float[]> w = Map.of(
        "gru/kernel", uniform(1, in * 3 * units, 0.8),
        "gru/recurrent_kernel", uniform(2, units * 3 * units, 0.8),
        "gru/bias", uniform(3, 3 * units, 0.3),
        "gru/recurrent_bias", uniform(4, 3 * units, 0.3));
    float[] x = uniform(5, batch * steps * in, 1.0);
    float[] mask = {1, 1, 1, 1, 1, 1, 0, 0};
    float[] h = runGru(w, x, mask, batch, steps, in, units);
    double[] expected = reference(w, x, mask, batch, steps, in, units);
    for (int i = 0; i < h.length; i++) {
      // float32 over four recurrent steps: 1e-5.
      assertEquals(expected[i], h[i], 1e-5, "h[" + i + "]");
    }
  }

  @Test
  void paddingContentNeverReachesTheState() {
    int in = 3;
    int units = 4;
    float[] mask = {1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1};
    float[] zeros = uniform(6, 2 * 6 * in, 1.0);
    Arrays.fill(zeros, 3 * in, 6 * in, 0f);
    float[] garbage = zeros.clone();
    float[] noise = uniform(7, 3 * in, 100.0);
    System.arraycopy(noise, 0, garbage, 3 * in, noise.length);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 3);
      Gru.Sequence a = Gru.applySequence(tf, params, "gru", constant(tf, zeros, 2, 6, in),
          constant(tf, mask, 2, 6), 6, in, units);
      Gru.Sequence b = Gru.applySequence(tf, params, "gru", constant(tf, garbage, 2, 6, in),
          constant(tf, mask, 2, 6), 6, in, units);
      params.initialize(s);
      float[] lastA = run(s, a.last());
      // Same shapes, so the same arithmetic: the padding's values must not matter at all.
      assertArrayEquals(lastA, run(s, b.last()), "final states, exactly");
      assertArrayEquals(run(s, a.outputs()), run(s, b.outputs()), "outputs, exactly");
      float[] out = run(s, a.outputs());
      for (int t = 3; t < 6; t++) {
        assertArrayEquals(Arrays.copyOf(lastA, units), Arrays.copyOfRange(out, t * units, (t + 1) * units),
            "padding step " + t + " carries the final state exactly");
      }
    }
  }

  @Test
  void extraPaddingStepsDoNotChangeTheResult() {
    int in = 3;
    int units = 4;
    float[] question = uniform(6, 3 * in, 1.0);
    float[] longer = uniform(7, 6 * in, 1.0);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 3);
      // The question alone, 3 steps.
      Gru.Sequence alone = Gru.applySequence(tf, params, "gru", constant(tf, question, 1, 3, in),
          constant(tf, new float[] {1, 1, 1}, 1, 3), 3, in, units);
      // The same question padded with zeros to 6 steps, next to a 6-token question.
      float[] x = new float[2 * 6 * in];
      System.arraycopy(question, 0, x, 0, question.length);
      System.arraycopy(longer, 0, x, 6 * in, longer.length);
      float[] mask = {1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1};
      Gru.Sequence padded = Gru.applySequence(tf, params, "gru", constant(tf, x, 2, 6, in),
          constant(tf, mask, 2, 6), 6, in, units);
      params.initialize(s);
      // Matrix products over a different number of rows (3 vs 12) may round differently in the
      // last bit (1 ulp was seen), so 1e-6 rather than exact equality.
      assertArrayEquals(run(s, alone.last()), Arrays.copyOf(run(s, padded.last()), units), 1e-6f,
          "final state");
      assertArrayEquals(run(s, alone.outputs()), Arrays.copyOf(run(s, padded.outputs()), 3 * units),
          1e-6f, "outputs at real steps");
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    int batch = 2;
    int steps = 4;
    int in = 3;
    int units = 4;
    float[] x = uniform(8, batch * steps * in, 1.0);
    float[] mask = {1, 1, 1, 1, 1, 1, 0, 0};
    FiniteDifferences.Report report = FiniteDifferences.check("gru", 11, Map.of(), PARAMS,
        (tf, params) -> {
          Gru.Sequence seq = Gru.applySequence(tf, params, "gru", constant(tf, x, batch, steps, in),
              constant(tf, mask, batch, steps), steps, in, units);
          return FiniteDifferences.weightedSum(tf, seq.outputs(), 12, batch, steps, units);
        });
    assertTrue(report.probes() > 40);
  }

  @Test
  void rejectsEmptySizes() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 1);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Gru.apply(tf, params, "q/gru", constant(tf, new float[2], 1, 1, 2),
              constant(tf, new float[1], 1, 1), 1, 2, 0));
      assertTrue(e.getMessage().contains("q/gru") && e.getMessage().contains("units"), e.getMessage());
    }
  }

  private static float[] runGru(Map<String, float[]> w, float[] x, float[] mask, int batch,
      int steps, int in, int units) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 1);
      Operand<TFloat32> h = Gru.apply(tf, params, "gru", constant(tf, x, batch, steps, in),
          constant(tf, mask, batch, steps), steps, in, units);
      params.initialize(s);
      params.assign(s, w);
      return run(s, h);
    }
  }

  /** The GRU in doubles, straight from the equations in {@link Gru}'s documentation. */
  private static double[] reference(Map<String, float[]> p, float[] x, float[] mask, int batch,
      int steps, int in, int u) {
    float[] kw = p.get("gru/kernel");
    float[] uw = p.get("gru/recurrent_kernel");
    float[] b = p.get("gru/bias");
    float[] c = p.get("gru/recurrent_bias");
    double[] out = new double[batch * u];
    for (int e = 0; e < batch; e++) {
      double[] h = new double[u];
      for (int t = 0; t < steps; t++) {
        if (mask[e * steps + t] == 0) {
          continue;
        }
        double[] xp = new double[3 * u];
        double[] hp = new double[3 * u];
        for (int j = 0; j < 3 * u; j++) {
          xp[j] = b[j];
          for (int i = 0; i < in; i++) {
            xp[j] += x[(e * steps + t) * in + i] * kw[i * 3 * u + j];
          }
          hp[j] = c[j];
          for (int i = 0; i < u; i++) {
            hp[j] += h[i] * uw[i * 3 * u + j];
          }
        }
        double[] next = new double[u];
        for (int j = 0; j < u; j++) {
          double r = sigmoid(xp[j] + hp[j]);
          double z = sigmoid(xp[u + j] + hp[u + j]);
          double n = Math.tanh(xp[2 * u + j] + r * hp[2 * u + j]);
          next[j] = (1 - z) * n + z * h[j];
        }
        h = next;
      }
      System.arraycopy(h, 0, out, e * u, u);
    }
    return out;
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }
}
