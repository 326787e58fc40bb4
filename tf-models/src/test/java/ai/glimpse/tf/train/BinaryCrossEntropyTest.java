package ai.glimpse.tf.train;

import static ai.glimpse.tf.layers.FiniteDifferences.constant;
import static ai.glimpse.tf.layers.FiniteDifferences.run;
import static ai.glimpse.tf.layers.FiniteDifferences.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.glimpse.tf.layers.Dense;
import ai.glimpse.tf.layers.FiniteDifferences;
import ai.glimpse.tf.layers.Init;
import ai.glimpse.tf.layers.Params;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Binary cross-entropy with logits on soft scores: values, stability, the BUTD scaling, gradients. */
class BinaryCrossEntropyTest {
  private static final float[] LOGITS = {2, -1, 0, 0.5f, -3, 4};
  private static final float[] TARGETS = {1, 0.3f, 0, 0.6f, 0, 1};

  @Test
  void equalsHandComputedValue() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> z = constant(tf, LOGITS, 2, 3);
      Operand<TFloat32> t = constant(tf, TARGETS, 2, 3);
      float[] perExample = run(s, BinaryCrossEntropy.perExample(tf, z, t));
      float[] loss = run(s, BinaryCrossEntropy.loss(tf, z, t));
      // Row 0: -log σ(2) - 0.3 log σ(-1) - 0.7 log σ(1) - log σ(0)
      //      = 0.126928 + 0.3·1.313262 + 0.7·0.313262 + 0.693147 = 1.433337.
      // Row 1: -0.6 log σ(0.5) - 0.4 log σ(-0.5) - log σ(3) - log σ(4)
      //      = 0.6·0.474077 + 0.4·0.974077 + 0.048587 + 0.018150 = 0.740814.
      // float32 sums of a few terms of order 1: 1e-5.
      assertArrayEquals(new float[] {1.433337f, 0.740814f}, perExample, 1e-5f);
      assertEquals((1.433337 + 0.740814) / 2, loss[0], 1e-5, "summed over answers, averaged over the batch");
      for (int b = 0; b < 2; b++) {
        double expected = 0;
        for (int a = 0; a < 3; a++) {
          double x = LOGITS[b * 3 + a];
          double y = TARGETS[b * 3 + a];
          expected += -y * Math.log(sigmoid(x)) - (1 - y) * Math.log(1 - sigmoid(x));
        }
        assertEquals(expected, perExample[b], 1e-5, "the textbook form, example " + b);
      }
    }
  }

  @Test
  void equalsTheButdScaling() {
    // BUTD: binary_cross_entropy_with_logits (mean over batch × answers) times the answer count.
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      float[] z = uniform(1, 4 * 7, 3.0);
      float[] t = uniform(2, 4 * 7, 0.5);
      for (int i = 0; i < t.length; i++) {
        t[i] = Math.abs(t[i]) * 2;
      }
      float loss = run(s, BinaryCrossEntropy.loss(tf, constant(tf, z, 4, 7), constant(tf, t, 4, 7)))[0];
      double mean = 0;
      for (int i = 0; i < z.length; i++) {
        mean += -t[i] * Math.log(sigmoid(z[i])) - (1 - t[i]) * Math.log(1 - sigmoid(z[i]));
      }
      mean /= z.length;
      assertEquals(mean * 7, loss, 1e-5);
    }
  }

  @Test
  void staysFiniteForLargeLogits() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      // Confidently wrong (100 each) in row 0, confidently right in row 1; log(1 + exp(100))
      // would overflow float32 in the naive form.
      float[] perExample = run(s, BinaryCrossEntropy.perExample(tf,
          constant(tf, new float[] {100, -100, 100, -100}, 2, 2),
          constant(tf, new float[] {0, 1, 1, 0}, 2, 2)));
      assertArrayEquals(new float[] {200, 0}, perExample, 1e-6f);
    }
  }

  @Test
  void gradientAtZeroLogitsIsHalfMinusTarget() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 1);
      Operand<TFloat32> z = params.get("logits", Init.ZEROS, 2, 3);
      Operand<TFloat32> loss = BinaryCrossEntropy.loss(tf, z, constant(tf, TARGETS, 2, 3));
      Output<?>[] grad = g.addGradients(loss.asOutput(), new Output<?>[] {params.variable("logits").asOutput()});
      params.initialize(s);
      @SuppressWarnings("unchecked")
      float[] dz = run(s, (Operand<TFloat32>) grad[0]);
      float[] expected = new float[6];
      for (int i = 0; i < 6; i++) {
        expected[i] = (0.5f - TARGETS[i]) / 2; // (σ(0) - t) / batch
      }
      // Exact arithmetic on halves and the given targets: 1e-7.
      assertArrayEquals(expected, dz, 1e-7f);
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    float[] targets = uniform(3, 3 * 5, 0.5);
    for (int i = 0; i < targets.length; i++) {
      targets[i] = Math.abs(targets[i]) * 2;
    }
    FiniteDifferences.check("bce logits", 31, Map.of("logits", uniform(4, 15, 3.0)), List.of("logits"),
        (tf, params) -> BinaryCrossEntropy.loss(tf, params.get("logits", Init.ZEROS, 3, 5),
            constant(tf, targets, 3, 5)));
    // Through a dense layer; few answers keep the float32 loss small (about 1), so its rounding
    // stays well inside the 2e-4 floor of the tolerance.
    float[] x = uniform(5, 2 * 4, 1.0);
    float[] hard = {1, 0, 0.3f, 0, 0.9f, 0};
    FiniteDifferences.check("bce dense", 32, Map.of("cls/bias", uniform(6, 3, 0.5)),
        List.of("cls/kernel", "cls/bias"),
        (tf, params) -> BinaryCrossEntropy.loss(tf,
            Dense.apply(tf, params, "cls", constant(tf, x, 2, 4), 4, 3), constant(tf, hard, 2, 3)));
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }
}
