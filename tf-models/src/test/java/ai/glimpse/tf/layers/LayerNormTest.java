package ai.glimpse.tf.layers;

import static ai.glimpse.tf.layers.FiniteDifferences.constant;
import static ai.glimpse.tf.layers.FiniteDifferences.run;
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

/** Layer normalization: the formula on a hand-computed row, shape errors, and its gradients. */
class LayerNormTest {

  @Test
  void normalizesEachRowThenScalesAndShifts() {
    // Row [1, 2, 3, 4]: mean 2.5, variance 1.25; row [2, 2, 2, 2]: variance 0, so only β remains.
    float[] gamma = {1, 2, 1, 1};
    float[] beta = {0, 0, 1, 0};
    float[] expected = new float[8];
    double sd = Math.sqrt(1.25 + LayerNorm.EPS);
    for (int i = 0; i < 4; i++) {
      expected[i] = (float) (gamma[i] * (i + 1 - 2.5) / sd + beta[i]);
      expected[4 + i] = beta[i];
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 1);
      Operand<TFloat32> y = LayerNorm.apply(tf, params, "ln",
          constant(tf, new float[] {1, 2, 3, 4, 2, 2, 2, 2}, 1, 2, 4), 4);
      params.initialize(s);
      params.assign(s, Map.of("ln/gamma", gamma, "ln/beta", beta));
      // float32 arithmetic on values of order 1: 1e-6.
      assertArrayEquals(expected, run(s, y), 1e-6f);
    }
  }

  @Test
  void aWrongFeatureSizeIsNamed() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> LayerNorm.apply(tf, new Params(tf, 1), "ln", constant(tf, new float[6], 2, 3), 4));
      assertTrue(e.getMessage().contains("ln") && e.getMessage().contains("[2, 3]"), e.getMessage());
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    FiniteDifferences.Report r = FiniteDifferences.check("layer norm", 5, Map.of(),
        List.of("x", "ln/gamma", "ln/beta"), (tf, params) -> {
          Operand<TFloat32> x = params.get("x", Init.normal(1.0), 2, 3, 5);
          Operand<TFloat32> y = LayerNorm.apply(tf, params, "ln", x, 5);
          // γ and β away from 1 and 0 so that their gradients meet non-trivial values.
          return FiniteDifferences.weightedSum(tf, tf.math.add(tf.math.mul(y, y), y), 9, 2, 3, 5);
        });
    System.out.printf("%s%n", r);
    assertTrue(r.probes() > 30 && r.maxToleranceUse() < 1, r.toString());
  }
}
