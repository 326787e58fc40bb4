package ai.glimpse.tf.layers;

import static ai.glimpse.tf.layers.FiniteDifferences.constant;
import static ai.glimpse.tf.layers.FiniteDifferences.run;
import static ai.glimpse.tf.layers.FiniteDifferences.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Weight-normalized dense layers: the formula, the initial gain, scale invariance, gradients. */
class WeightNormDenseTest {
  private static final List<String> PARAMS = List.of("wn/v", "wn/g", "wn/bias");

  @Test
  void scalesTheUnitNormMatrixByTheGain() {
    // V = [[3, 0], [0, 4]] has Frobenius norm 5; g = 2 gives W = 0.4 V = [[1.2, 0], [0, 1.6]].
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 1);
      Operand<TFloat32> y = WeightNormDense.apply(tf, params, "wn",
          constant(tf, new float[] {1, 1, 2, -1}, 2, 2), 2, 2);
      params.initialize(s);
      params.assign(s, Map.of("wn/v", new float[] {3, 0, 0, 4}, "wn/g", new float[] {2},
          "wn/bias", new float[] {0.5f, -0.5f}));
      // float32 products of small numbers: 1e-6.
      assertArrayEquals(new float[] {1.2f + 0.5f, 1.6f - 0.5f, 2.4f + 0.5f, -1.6f - 0.5f}, run(s, y), 1e-6f);
    }
  }

  @Test
  void startsNearThePlainDenseLayerWithTheSameV() {
    long in = 16;
    long units = 8;
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 3);
      WeightNormDense.kernel(tf, params, "wn", in, units);
      params.initialize(s);
      Map<String, float[]> v = params.fetch(s);
      assertEquals(WeightNormDense.initialGain(in, units), v.get("wn/g")[0], 1e-6);
      assertEquals(Math.sqrt(2.0 * 16 * 8 / 24), v.get("wn/g")[0], 1e-6, "sqrt(2 in units / (in + units))");
      double norm = 0;
      for (float x : v.get("wn/v")) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      // g / ||V|| is the factor between this layer and the plain dense layer with weights V:
      // for 128 Glorot-uniform entries its spread is about 4%, so 10% leaves room.
      assertEquals(1.0, v.get("wn/g")[0] / norm, 0.10, "g = " + v.get("wn/g")[0] + ", ||V|| = " + norm);
    }
  }

  @Test
  void outputDoesNotDependOnTheScaleOfV() {
    float[] x = uniform(4, 2 * 3, 1.0);
    float[] v = uniform(5, 3 * 2, 1.0);
    float[] scaled = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      scaled[i] = 8 * v[i];
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 1);
      Operand<TFloat32> y = WeightNormDense.apply(tf, params, "wn", constant(tf, x, 2, 3), 3, 2);
      params.initialize(s);
      params.assign(s, Map.of("wn/v", v));
      float[] before = run(s, y);
      params.assign(s, Map.of("wn/v", scaled));
      // A power-of-two scale is exact in float32, but the norm's square root rounds: 1e-6.
      assertArrayEquals(before, run(s, y), 1e-6f);
    }
  }

  @Test
  void apply3dMatchesApplyAtEveryLocation() {
    float[] x = uniform(6, 2 * 3 * 4, 1.0);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 2);
      Operand<TFloat32> y3 = WeightNormDense.apply3d(tf, params, "wn", constant(tf, x, 2, 3, 4), 3, 4, 5);
      Operand<TFloat32> y2 = WeightNormDense.apply(tf, params, "wn", constant(tf, x, 6, 4), 4, 5);
      params.initialize(s);
      params.assign(s, Map.of("wn/bias", uniform(7, 5, 1.0)));
      assertEquals(org.tensorflow.ndarray.Shape.of(2, 3, 5), y3.shape());
      assertArrayEquals(run(s, y2), run(s, y3), 1e-6f);
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    float[] x = uniform(8, 3 * 4, 1.0);
    Map<String, float[]> bias = Map.of("wn/bias", uniform(9, 5, 0.5));
    FiniteDifferences.Report flat = FiniteDifferences.check("weight norm 2-D", 21, bias, PARAMS,
        (tf, params) -> FiniteDifferences.weightedSum(tf,
            tf.math.tanh(WeightNormDense.apply(tf, params, "wn", constant(tf, x, 3, 4), 4, 5)), 22, 3, 5));
    float[] x3 = uniform(10, 2 * 3 * 4, 1.0);
    FiniteDifferences.Report grid = FiniteDifferences.check("weight norm 3-D", 23, bias, PARAMS,
        (tf, params) -> FiniteDifferences.weightedSum(tf,
            tf.math.tanh(WeightNormDense.apply3d(tf, params, "wn", constant(tf, x3, 2, 3, 4), 3, 4, 5)),
            24, 2, 3, 5));
    assertEquals(20 + 1 + 5, flat.probes(), "every entry of v, g and bias");
    assertEquals(20 + 1 + 5, grid.probes());
  }

  @Test
  void rejectsEmptySizes() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 1);
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> WeightNormDense.kernel(tf, params, "classifier/wn", 0, 3));
      assertTrue(e.getMessage().contains("classifier/wn") && e.getMessage().contains("in=0"), e.getMessage());
    }
  }
}
