package ai.glimpse.tf.layers;

import static ai.glimpse.tf.layers.FiniteDifferences.constant;
import static ai.glimpse.tf.layers.FiniteDifferences.run;
import static ai.glimpse.tf.layers.FiniteDifferences.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The attentional reduction: its weights, its output as the weighted sum, its gradients. */
class AttFlatTest {
  private static final int B = 2;
  private static final int N = 4;
  private static final int D = 3;
  private static final int G = 2;
  private static final int OUT = 5;
  // The first example has two padding positions.
  private static final float[] MASK = {1, 1, 0, 0, 1, 1, 1, 1};

  @Test
  void weightsSumToOneOverRealPositionsAndTheOutputIsTheirWeightedSum() {
    float[] x = uniform(1, B * N * D, 1.0);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 2);
      AttFlat.Result r = AttFlat.apply(tf, params, "flat", constant(tf, x, B, N, D),
          constant(tf, MASK, B, N), N, D, G, OUT, 0.0, false, 1L);
      params.initialize(s);
      float[] weights = run(s, r.weights());
      float[] out = run(s, r.output());
      Map<String, float[]> w = params.fetch(s);
      assertEquals(B * G * N, weights.length, "weights [batch, glimpses, n]");
      for (int b = 0; b < B; b++) {
        double[] attended = new double[G * D];
        for (int k = 0; k < G; k++) {
          double sum = 0;
          for (int i = 0; i < N; i++) {
            float a = weights[(b * G + k) * N + i];
            if (MASK[b * N + i] == 0) {
              assertEquals(0f, a, 0f, "padding gets no weight");
            }
            sum += a;
            for (int f = 0; f < D; f++) {
              attended[k * D + f] += a * x[(b * N + i) * D + f];
            }
          }
          // A float32 softmax sums to 1 within a few ulps.
          assertEquals(1.0, sum, 1e-6);
        }
        for (int o = 0; o < OUT; o++) {
          double v = w.get("flat/output/bias")[o];
          for (int f = 0; f < G * D; f++) {
            v += attended[f] * w.get("flat/output/kernel")[f * OUT + o];
          }
          // float32 against double: 1e-5.
          assertEquals(v, out[b * OUT + o], 1e-5, "output " + b + "," + o);
        }
      }
    }
  }

  @Test
  void gradientsMatchFiniteDifferencesWithPadding() {
    FiniteDifferences.Report r = FiniteDifferences.check("attflat", 3, Map.of(),
        List.of("x", "flat/hidden/kernel", "flat/hidden/bias", "flat/logits/kernel", "flat/output/kernel",
            "flat/output/bias"), (tf, params) -> {
          AttFlat.Result res = AttFlat.apply(tf, params, "flat", params.get("x", Init.normal(1.0), B, N, D),
              constant(tf, MASK, B, N), N, D, G, OUT, 0.0, true, 1L);
          return FiniteDifferences.weightedSum(tf, res.output(), 4, B, OUT);
        });
    System.out.printf("%s%n", r);
    assertTrue(r.probes() > 40 && r.maxToleranceUse() < 1, r.toString());
  }
}
