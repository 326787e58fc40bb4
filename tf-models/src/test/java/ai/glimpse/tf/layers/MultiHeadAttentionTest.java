package ai.glimpse.tf.layers;

import static ai.glimpse.tf.layers.FiniteDifferences.constant;
import static ai.glimpse.tf.layers.FiniteDifferences.run;
import static ai.glimpse.tf.layers.FiniteDifferences.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Multi-head attention: equal to a plain Java reference, padded keys take no part, and its
 * gradients match finite differences.
 */
class MultiHeadAttentionTest {
  private static final int B = 2;
  private static final int N = 2;
  private static final int M = 3;
  private static final int D = 4;
  private static final int H = 2;
  // The second example's last key is padding.
  private static final float[] MASK = {1, 1, 1, 1, 1, 0};

  @Test
  void matchesAReferenceImplementation() {
    float[] q = uniform(1, B * N * D, 1.0);
    float[] kv = uniform(2, B * M * D, 1.0);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 3);
      Operand<TFloat32> y = MultiHeadAttention.apply(tf, params, "mha", constant(tf, q, B, N, D),
          constant(tf, kv, B, M, D), constant(tf, MASK, B, M), N, M, D, H, 0.0, false, 1L);
      params.initialize(s);
      // Non-zero biases, so that a bias applied in the wrong place shows.
      Map<String, float[]> biases = Map.of("mha/query/bias", uniform(4, D, 0.5), "mha/key/bias",
          uniform(5, D, 0.5), "mha/value/bias", uniform(6, D, 0.5), "mha/merge/bias", uniform(7, D, 0.5));
      params.assign(s, biases);
      Map<String, float[]> w = params.fetch(s);
      // float32 against double on values of order 1: 1e-5.
      assertArrayEquals(reference(q, kv, w), run(s, y), 1e-5f);
    }
  }

  @Test
  void paddedKeysAreIgnored() {
    float[] q = uniform(1, B * N * D, 1.0);
    float[] kv = uniform(2, B * M * D, 1.0);
    float[] changed = kv.clone();
    for (int i = 0; i < D; i++) {
      changed[(M + 2) * D + i] = 50f; // the padded key of example 2
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 3);
      Operand<TFloat32> a = MultiHeadAttention.apply(tf, params, "mha", constant(tf, q, B, N, D),
          constant(tf, kv, B, M, D), constant(tf, MASK, B, M), N, M, D, H, 0.0, false, 1L);
      Operand<TFloat32> b = MultiHeadAttention.apply(tf, params, "mha", constant(tf, q, B, N, D),
          constant(tf, changed, B, M, D), constant(tf, MASK, B, M), N, M, D, H, 0.0, false, 1L);
      params.initialize(s);
      // exp(-1e9) is exactly 0 in float32: the padded key's value cannot leak, not even by an ulp.
      assertArrayEquals(run(s, a), run(s, b), 0f);
    }
  }

  @Test
  void headsMustDivideTheSize() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = constant(tf, new float[B * N * D], B, N, D);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> MultiHeadAttention.apply(tf, new Params(tf, 1), "mha", x, x, null, N, N, D, 3, 0.0, false, 1L));
      assertTrue(e.getMessage().contains("dim 4") && e.getMessage().contains("heads 3"), e.getMessage());
    }
  }

  @Test
  void gradientsMatchFiniteDifferencesWithMaskedKeys() {
    // The key bias shifts every score of a query by the same amount, which the softmax ignores:
    // it gets no gradient and is not checked.
    FiniteDifferences.Report r = FiniteDifferences.check("multi-head attention", 5, Map.of(),
        List.of("queries", "keys", "mha/query/kernel", "mha/query/bias", "mha/key/kernel",
            "mha/value/kernel", "mha/value/bias", "mha/merge/kernel", "mha/merge/bias"),
        (tf, params) -> {
          Operand<TFloat32> q = params.get("queries", Init.normal(1.0), B, N, D);
          Operand<TFloat32> kv = params.get("keys", Init.normal(1.0), B, M, D);
          Operand<TFloat32> y = MultiHeadAttention.apply(tf, params, "mha", q, kv,
              constant(tf, MASK, B, M), N, M, D, H, 0.0, true, 1L);
          return FiniteDifferences.weightedSum(tf, y, 9, B, N, D);
        });
    System.out.printf("%s%n", r);
    assertTrue(r.probes() > 50 && r.maxToleranceUse() < 1, r.toString());
  }

  /** Multi-head attention computed in double from the fetched weights. */
  private static float[] reference(float[] q, float[] kv, Map<String, float[]> w) {
    int hd = D / H;
    float[] out = new float[B * N * D];
    for (int b = 0; b < B; b++) {
      double[][] qp = project(q, b, N, w.get("mha/query/kernel"), w.get("mha/query/bias"));
      double[][] kp = project(kv, b, M, w.get("mha/key/kernel"), w.get("mha/key/bias"));
      double[][] vp = project(kv, b, M, w.get("mha/value/kernel"), w.get("mha/value/bias"));
      for (int i = 0; i < N; i++) {
        double[] concat = new double[D];
        for (int h = 0; h < H; h++) {
          double[] score = new double[M];
          double max = Double.NEGATIVE_INFINITY;
          for (int j = 0; j < M; j++) {
            if (MASK[b * M + j] == 0) {
              continue;
            }
            for (int f = 0; f < hd; f++) {
              score[j] += qp[i][h * hd + f] * kp[j][h * hd + f];
            }
            score[j] /= Math.sqrt(hd);
            max = Math.max(max, score[j]);
          }
          double sum = 0;
          for (int j = 0; j < M; j++) {
            score[j] = MASK[b * M + j] == 0 ? 0 : Math.exp(score[j] - max);
            sum += score[j];
          }
          for (int j = 0; j < M; j++) {
            for (int f = 0; f < hd; f++) {
              concat[h * hd + f] += score[j] / sum * vp[j][h * hd + f];
            }
          }
        }
        float[] wm = w.get("mha/merge/kernel");
        for (int o = 0; o < D; o++) {
          double v = w.get("mha/merge/bias")[o];
          for (int f = 0; f < D; f++) {
            v += concat[f] * wm[f * D + o];
          }
          out[(b * N + i) * D + o] = (float) v;
        }
      }
    }
    return out;
  }

  private static double[][] project(float[] x, int b, int len, float[] kernel, float[] bias) {
    double[][] out = new double[len][D];
    for (int i = 0; i < len; i++) {
      for (int o = 0; o < D; o++) {
        double v = bias[o];
        for (int f = 0; f < D; f++) {
          v += x[(b * len + i) * D + f] * kernel[f * D + o];
        }
        out[i][o] = v;
      }
    }
    return out;
  }
}
