package ai.glimpse.tf.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.tf.layers.Params;
import ai.glimpse.tf.train.Losses;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Central finite differences against TensorFlow's symbolic gradients of a model's soft-target
 * loss, in training mode (the models are built with dropout 0, so training mode is deterministic
 * and batch normalization differentiates through the batch statistics).
 */
final class GradientCheck {
  private static final int N = 3;

  private GradientCheck() {}

  /**
   * Checks the parameters {@code names} of {@code model} (built for 8×8 images) on a random batch
   * of three questions: the two entries with the largest analytic gradient and one arbitrary entry
   * of each.
   */
  static void check(VqaModel model, List<String> names) {
    DataShape d = model.config().data();
    SplittableRandom rng = new SplittableRandom(4);
    long[] tokens = new long[N * d.maxQuestionLength()];
    for (int i = 0; i < N; i++) {
      int words = 2 + i;
      for (int t = 0; t < words; t++) {
        tokens[i * d.maxQuestionLength() + t] = 1 + rng.nextInt(d.vocabularySize() - 1);
      }
    }
    float[] pixels = new float[N * 3 * 8 * 8];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) rng.nextDouble();
    }
    float[] targets = new float[N * d.answerCount()];
    for (int i = 0; i < N; i++) {
      targets[i * d.answerCount() + rng.nextInt(d.answerCount())] = 1f;
      targets[i * d.answerCount() + rng.nextInt(d.answerCount())] = 0.5f;
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Params params = new Params(tf, 2);
      Placeholder<TInt64> tok = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(-1, d.maxQuestionLength())));
      Placeholder<TFloat32> px = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3, 8, 8)));
      Placeholder<TFloat32> tg = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, d.answerCount())));
      // Training mode (dropout 0, so deterministic): batch normalization differentiates through
      // the batch statistics.
      ModelOutputs out = model.build(tf, params, new ModelInputs(tok, px), true);
      Operand<TFloat32> loss = tf.math.mean(Losses.softTargetCrossEntropy(tf, out.logits(), tg), tf.constant(0));
      Output<?>[] vars = names.stream().map(n -> params.variable(n).asOutput()).toArray(Output<?>[]::new);
      Output<?>[] grads = g.addGradients(loss.asOutput(), vars);
      try (Session s = new Session(g)) {
        params.initialize(s);
        Map<String, float[]> values = params.fetch(s);
        float[][] analytic = new float[names.size()][];
        try (TInt64 t1 = TInt64.tensorOf(Shape.of(N, d.maxQuestionLength()), DataBuffers.of(tokens, true, false));
             TFloat32 t2 = TFloat32.tensorOf(Shape.of(N, 3, 8, 8), DataBuffers.of(pixels, true, false));
             TFloat32 t3 = TFloat32.tensorOf(Shape.of(N, d.answerCount()), DataBuffers.of(targets, true, false))) {
          Session.Runner r = s.runner().feed(tok, t1).feed(px, t2).feed(tg, t3);
          for (Output<?> gr : grads) {
            r.fetch(gr);
          }
          try (Result res = r.run()) {
            for (int i = 0; i < grads.length; i++) {
              TFloat32 t = (TFloat32) res.get(i);
              analytic[i] = new float[Math.toIntExact(t.size())];
              t.asRawTensor().data().asFloats().read(analytic[i]);
            }
          }
          for (int v = 0; v < names.size(); v++) {
            float[] w = values.get(names.get(v)).clone();
            // Check the two entries with the largest analytic gradient and one arbitrary entry.
            int[] probes = {argmaxAbs(analytic[v], -1), argmaxAbs(analytic[v], argmaxAbs(analytic[v], -1)), w.length / 2};
            for (int k : probes) {
              double eps = 1e-3;
              float orig = w[k];
              w[k] = (float) (orig + eps);
              params.assign(s, Map.of(names.get(v), w));
              double up = lossValue(s, loss, tok, px, tg, t1, t2, t3);
              w[k] = (float) (orig - eps);
              params.assign(s, Map.of(names.get(v), w));
              double down = lossValue(s, loss, tok, px, tg, t1, t2, t3);
              w[k] = orig;
              params.assign(s, Map.of(names.get(v), w));
              double numeric = (up - down) / (2 * eps);
              double a = analytic[v][k];
              // float32 losses and a 1e-3 step: agree to 5% of the larger magnitude, or 2e-4 absolute.
              double tol = Math.max(2e-4, 0.05 * Math.max(Math.abs(a), Math.abs(numeric)));
              assertEquals(numeric, a, tol, model.config().modelName() + " " + names.get(v) + "[" + k + "]");
            }
            assertTrue(maxAbs(analytic[v]) > 1e-6, names.get(v) + " gets no gradient");
          }
        }
      }
    }
  }

  private static double lossValue(Session s, Operand<TFloat32> loss, Placeholder<TInt64> tok,
      Placeholder<TFloat32> px, Placeholder<TFloat32> tg, TInt64 t1, TFloat32 t2, TFloat32 t3) {
    try (Result r = s.runner().feed(tok, t1).feed(px, t2).feed(tg, t3).fetch(loss).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  private static int argmaxAbs(float[] a, int exclude) {
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
