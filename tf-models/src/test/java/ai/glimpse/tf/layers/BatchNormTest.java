package ai.glimpse.tf.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Batch normalization: batch statistics in training, moving averages updated and used in inference. */
class BatchNormTest {

  @Test
  void normalizesWithBatchStatisticsAndUpdatesMovingAverages() {
    // Two channels over a [4, 1, 1, 2] NHWC batch: channel 0 = 1, 2, 3, 4; channel 1 = 10 each.
    float[] x = {1, 10, 2, 10, 3, 10, 4, 10};
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 1);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1, 1, 2)));
      Operand<TFloat32> train = BatchNorm.apply(tf.withSubScope("train"), params, "bn", in, 2, 4, true);
      Operand<TFloat32> infer = BatchNorm.apply(tf.withSubScope("infer"), params, "bn", in, 2, 4, false);
      assertEquals(2, params.updates().size());
      assertEquals(2, params.trainableNames().size(), "gamma and beta are trainable, the averages are not");
      params.initialize(s);
      params.assign(s, Map.of("bn/gamma", new float[] {2, 1}, "bn/beta", new float[] {0.5f, -1}));

      float[] y = run(s, train, in, x, params.updates());
      // Channel 0: mean 2.5, variance 1.25; y = 2 (x - 2.5) / sqrt(1.25 + 1e-5) + 0.5.
      double sd = Math.sqrt(1.25 + BatchNorm.EPSILON);
      for (int i = 0; i < 4; i++) {
        assertEquals(2 * (x[2 * i] - 2.5) / sd + 0.5, y[2 * i], 1e-5);
        assertEquals(-1, y[2 * i + 1], 1e-5, "a constant channel maps to beta");
      }
      Map<String, float[]> v = params.fetch(s);
      // One update from (0, 1): moving = 0.9 old + 0.1 batch.
      assertEquals(0.25, v.get("bn/moving_mean")[0], 1e-6);
      assertEquals(1.0, v.get("bn/moving_mean")[1], 1e-6);
      assertEquals(0.9 + 0.125, v.get("bn/moving_variance")[0], 1e-6);
      assertEquals(0.9, v.get("bn/moving_variance")[1], 1e-6);

      float[] z = run(s, infer, in, x, java.util.List.of());
      double sdm = Math.sqrt(1.025 + BatchNorm.EPSILON);
      assertEquals(2 * (1 - 0.25) / sdm + 0.5, z[0], 1e-5, "inference uses the moving averages");
      assertEquals((10 - 1.0) / Math.sqrt(0.9 + BatchNorm.EPSILON) - 1, z[1], 1e-4);
      assertEquals(0.25, params.fetch(s).get("bn/moving_mean")[0], 1e-6, "inference updates nothing");
    }
  }

  private static float[] run(Session s, Operand<TFloat32> out, Placeholder<TFloat32> in, float[] x,
      java.util.List<Op> targets) {
    try (TFloat32 t = TFloat32.tensorOf(Shape.of(4, 1, 1, 2), DataBuffers.of(x, true, false))) {
      Session.Runner r = s.runner().feed(in, t).fetch(out);
      targets.forEach(r::addTarget);
      try (Result res = r.run()) {
        TFloat32 o = (TFloat32) res.get(0);
        float[] y = new float[Math.toIntExact(o.size())];
        o.asRawTensor().data().asFloats().read(y);
        return y;
      }
    }
  }
}
