package ai.glimpse.tf.train;

import static ai.glimpse.tf.layers.FiniteDifferences.constant;
import static ai.glimpse.tf.layers.FiniteDifferences.run;
import static ai.glimpse.tf.layers.FiniteDifferences.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.tensorflow.types.family.TNumber;

/** Sparse softmax cross-entropy: equal to the soft-target loss on one-hot targets, with a Java gradient. */
class SparseCrossEntropyTest {
  private static final int BATCH = 4;
  private static final int CLASSES = 5;
  private static final int[] LABELS = {0, 3, 4, 1};

  @Test
  void equalsSoftTargetLossOnOneHotTargetsForBothLabelTypes() {
    float[] logits = uniform(1, BATCH * CLASSES, 3.0);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> z = constant(tf, logits, BATCH, CLASSES);
      float[] soft = run(s, Losses.softTargetCrossEntropy(tf, z, constant(tf, oneHot(), BATCH, CLASSES)));
      float[] int32 = run(s, SparseCrossEntropy.perExample(tf, z, tf.constant(LABELS)));
      float[] int64 = run(s, SparseCrossEntropy.perExample(tf, z, tf.constant(toLongs(LABELS))));
      // Two float32 evaluations of log-softmax: 1e-6.
      assertArrayEquals(soft, int32, 1e-6f);
      assertArrayEquals(soft, int64, 1e-6f);
      double mean = (soft[0] + soft[1] + soft[2] + soft[3]) / 4;
      assertEquals(mean, run(s, SparseCrossEntropy.loss(tf, z, tf.constant(LABELS)))[0], 1e-6);
    }
  }

  @Test
  void gradientIsSoftmaxMinusOneHotOverTheBatch() {
    float[] logits = uniform(2, BATCH * CLASSES, 3.0);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 1);
      Operand<TFloat32> z = params.get("logits", Init.ZEROS, BATCH, CLASSES);
      Operand<TFloat32> sparse = SparseCrossEntropy.loss(tf, z, tf.constant(LABELS));
      Operand<TFloat32> soft = tf.math.mean(Losses.softTargetCrossEntropy(tf, z,
          constant(tf, oneHot(), BATCH, CLASSES)), tf.constant(0));
      Output<?>[] var = {params.variable("logits").asOutput()};
      Output<?>[] dSparse = g.addGradients(sparse.asOutput(), var);
      Output<?>[] dSoft = g.addGradients(soft.asOutput(), var);
      params.initialize(s);
      params.assign(s, Map.of("logits", logits));
      float[] expected = new float[BATCH * CLASSES];
      for (int b = 0; b < BATCH; b++) {
        double sum = 0;
        for (int c = 0; c < CLASSES; c++) {
          sum += Math.exp(logits[b * CLASSES + c]);
        }
        for (int c = 0; c < CLASSES; c++) {
          double p = Math.exp(logits[b * CLASSES + c]) / sum;
          expected[b * CLASSES + c] = (float) ((p - (c == LABELS[b] ? 1 : 0)) / BATCH);
        }
      }
      // float32 softmax of logits within ±3: 1e-6.
      assertArrayEquals(expected, run(s, cast(dSparse[0])), 1e-6f);
      assertArrayEquals(run(s, cast(dSoft[0])), run(s, cast(dSparse[0])), 1e-6f,
          "the same gradient as the soft-target loss");
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    // A different weight per example, so the upstream gradient of each loss entry differs.
    float[] weights = {0.5f, -1.5f, 2f, 1f};
    FiniteDifferences.check("sparse logits", 41, Map.of("logits", uniform(3, BATCH * CLASSES, 3.0)),
        List.of("logits"), (tf, params) -> weighted(tf,
            SparseCrossEntropy.perExample(tf, params.get("logits", Init.ZEROS, BATCH, CLASSES),
                tf.constant(LABELS)), weights));
    float[] x = uniform(4, BATCH * 6, 1.0);
    FiniteDifferences.check("sparse dense", 42, Map.of("cls/bias", uniform(5, CLASSES, 0.5)),
        List.of("cls/kernel", "cls/bias"), (tf, params) -> SparseCrossEntropy.loss(tf,
            Dense.apply(tf, params, "cls", constant(tf, x, BATCH, 6), 6, CLASSES),
            tf.constant(toLongs(LABELS))));
  }

  @Test
  void registeringTwiceIsHarmless() {
    SparseCrossEntropy.registerGradient();
    SparseCrossEntropy.registerGradient();
    for (int graph = 0; graph < 2; graph++) {
      try (Graph g = new Graph(); Session s = new Session(g)) {
        Ops tf = Ops.create(g);
        Params params = new Params(tf, 1);
        Operand<TFloat32> z = params.get("logits", Init.ZEROS, 2, 3);
        Operand<TFloat32> loss = SparseCrossEntropy.loss(tf, z, tf.constant(new int[] {2, 0}));
        Output<?>[] d = g.addGradients(loss.asOutput(), new Output<?>[] {params.variable("logits").asOutput()});
        params.initialize(s);
        // Uniform softmax (1/3 each) minus one-hot, over a batch of 2.
        float third = 1f / 6;
        assertArrayEquals(new float[] {third, third, third - 0.5f, third - 0.5f, third, third},
            run(s, cast(d[0])), 1e-6f);
      }
    }
  }

  @Test
  void rejectsFloatLabels() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> SparseCrossEntropy.perExample(tf, tf.constant(new float[][] {{1, 2}}),
              (Operand<? extends TNumber>) tf.withName("answer_labels").constant(new float[] {1})));
      assertTrue(e.getMessage().contains("int32 or int64") && e.getMessage().contains("TFloat32")
          && e.getMessage().contains("answer_labels"), e.getMessage());
    }
  }

  private static Operand<TFloat32> weighted(Ops tf, Operand<TFloat32> perExample, float[] weights) {
    return tf.reduceSum(tf.math.mul(perExample, tf.constant(weights)), tf.constant(0));
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> cast(Output<?> o) {
    return (Operand<TFloat32>) o;
  }

  private static float[] oneHot() {
    float[] t = new float[BATCH * CLASSES];
    for (int b = 0; b < BATCH; b++) {
      t[b * CLASSES + LABELS[b]] = 1;
    }
    return t;
  }

  private static long[] toLongs(int[] a) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }
}
