package ai.glimpse.tf.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.tf.layers.FiniteDifferences;
import ai.glimpse.tf.layers.Params;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Finite-difference gradient checks of the attention step and the full decoder loss with the
 * doubly stochastic penalty, on a tiny grid model (L = 4 locations of D = 3, U = 5, V = 7), with
 * {@link FiniteDifferences}' tolerance: 5% relative or 2e-4 absolute at step 1e-3 in float32.
 */
class ShowAttendTellGradientTest {
  static final ShowAttendTellConfig TINY = new ShowAttendTellConfig(
      ShowAttendTellConfig.ImageInput.GRID, List.of(3, 2, 2), List.of(), 3, 4, 5, 3, 0.0, 1.0, 3L);
  private static final int V = 7;

  static float[] random(int n, long seed, double scale) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
    }
    return v;
  }

  @Test
  void attentionStepGradients() {
    ShowAttendTell model = new ShowAttendTell(TINY, V);
    String a = ShowAttendTell.SCOPE + "/attention/";
    List<String> names = List.of(a + "annotations/kernel", a + "annotations/bias", a + "state/kernel",
        a + "score/kernel", a + "gate/kernel", a + "gate/bias");
    FiniteDifferences.Report r = FiniteDifferences.check("attention", 11, Map.of(), names, (tf, params) -> {
      Operand<TFloat32> ann = tf.constant(Shape.of(2, 4, 3), DataBuffers.of(random(24, 1, 1.0)));
      Operand<TFloat32> h = tf.constant(Shape.of(2, 5), DataBuffers.of(random(10, 2, 1.0)));
      ShowAttendTell.Attention att = model.attend(tf, params, ann, model.projectAnnotations(tf, params, ann), h);
      Operand<TFloat32> wa = tf.constant(Shape.of(2, 4), DataBuffers.of(random(8, 3, 1.0)));
      Operand<TFloat32> wc = tf.constant(Shape.of(2, 3), DataBuffers.of(random(6, 4, 1.0)));
      return tf.math.add(tf.reduceSum(tf.math.mul(att.alpha(), wa), tf.constant(new int[] {0, 1})),
          tf.reduceSum(tf.math.mul(att.context(), wc), tf.constant(new int[] {0, 1})));
    });
    assertTrue(r.probes() > 30, "probes " + r.probes());
  }

  private static ShowAttendTell.Loss tinyLoss(Ops tf, Params params, ShowAttendTell model) {
    Operand<TFloat32> image = tf.constant(Shape.of(2, 3, 2, 2), DataBuffers.of(random(24, 5, 1.0)));
    // <start> w w <end> <pad> and <start> w w w <end>: the mask and the penalty both matter.
    Operand<TInt64> captions = tf.constant(Shape.of(2, 5),
        DataBuffers.of(new long[] {1, 4, 5, 2, 0, 1, 6, 3, 4, 2}));
    return model.loss(tf, params, image, captions, false);
  }

  @Test
  void decoderLossWithPenaltyGradients() {
    ShowAttendTell model = new ShowAttendTell(TINY, V);
    String s = ShowAttendTell.SCOPE + "/";
    List<String> names = List.of(s + "embedding/weights", s + "init_h/kernel", s + "init_c/kernel",
        s + "attention/annotations/kernel", s + "attention/state/kernel", s + "attention/score/kernel",
        s + "attention/gate/kernel", s + "lstm/kernel", s + "lstm/recurrent_kernel", s + "lstm/bias",
        s + "output/state/kernel", s + "output/context/kernel", s + "output/logits/kernel",
        s + "output/logits/bias");
    FiniteDifferences.Report r = FiniteDifferences.check("decoder loss", 12, Map.of(), names,
        (tf, params) -> tinyLoss(tf, params, model).total());
    assertTrue(r.probes() > 100, "probes " + r.probes());
    // The penalty alone also has the right gradient with respect to the attention parameters.
    FiniteDifferences.check("penalty", 13, Map.of(), List.of(s + "attention/state/kernel",
        s + "attention/score/kernel", s + "lstm/kernel"), (tf, params) -> tinyLoss(tf, params, model).penalty());
  }

  @Test
  void penaltyMatchesItsDefinition() {
    // With uniform attention (all score weights 0) α_ti = 1/L, so the penalty of a caption with
    // τ scored steps is c·L·(1 − τ/L)²: here L = 4, τ = 3 and 4, c = 1, mean (0.25 + 0) / 2.
    ShowAttendTell model = new ShowAttendTell(TINY, V);
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 1);
      ShowAttendTell.Loss loss = tinyLoss(tf, params, model);
      params.initialize(session);
      params.assign(session, Map.of(ShowAttendTell.SCOPE + "/attention/score/kernel", new float[3]));
      try (Result res = session.runner().fetch(loss.penalty()).fetch(loss.crossEntropy()).fetch(loss.total()).run()) {
        float penalty = ((TFloat32) res.get(0)).getFloat();
        float ce = ((TFloat32) res.get(1)).getFloat();
        assertEquals(4 * 0.25 * 0.25 / 2, penalty, 1e-6, "float32 sums of 4 terms");
        assertEquals(ce + penalty, ((TFloat32) res.get(2)).getFloat(), 1e-6);
        // An untrained model is near chance: cross-entropy close to ln 7 = 1.95.
        assertEquals(Math.log(V), ce, 0.5);
      }
    }
  }

  @Test
  void configRoundTripsThroughJsonAndRejectsBadValues() throws Exception {
    ObjectMapper m = new ObjectMapper();
    ShowAttendTellConfig d = ShowAttendTellConfig.defaults();
    assertEquals(d, m.readValue(m.writeValueAsString(d), ShowAttendTellConfig.class));
    assertEquals(TINY, m.readValue(m.writeValueAsString(TINY), ShowAttendTellConfig.class));
    CaptionTrainConfig t = CaptionTrainConfig.defaults();
    assertEquals(t, m.readValue(m.writeValueAsString(t), CaptionTrainConfig.class));
    assertEquals(64, d.locations());
    assertEquals(64, d.annotationDim());
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new ShowAttendTellConfig(ShowAttendTellConfig.ImageInput.PIXELS, List.of(3, 60, 60),
            List.of(8, 8, 8), 16, 8, 8, 8, 0, 1, 1));
    assertTrue(e.getMessage().contains("divisible"), e.getMessage());
    e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new ShowAttendTellConfig(ShowAttendTellConfig.ImageInput.GRID, List.of(3, 2, 2),
            List.of(), 16, 8, 8, 8, 1.0, 1, 1));
    assertTrue(e.getMessage().contains("dropout"), e.getMessage());
  }
}
