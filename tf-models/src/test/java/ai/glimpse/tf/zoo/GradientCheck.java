package ai.glimpse.tf.zoo;

import ai.glimpse.tf.layers.FiniteDifferences;
import ai.glimpse.tf.train.Losses;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Central finite differences against TensorFlow's symbolic gradients of a model's soft-target
 * loss, in training mode (the models are built with dropout 0, so training mode is deterministic
 * and batch normalization differentiates through the batch statistics), through
 * {@link FiniteDifferences} with the batch as constants.
 */
final class GradientCheck {
  private static final int N = 3;

  private GradientCheck() {}

  /**
   * Checks the parameters {@code names} of {@code model} on a random batch
   * of three questions: the two entries with the largest analytic gradient and one arbitrary entry
   * of each; returns what the check measured.
   */
  static FiniteDifferences.Report check(VqaModel model, List<String> names) {
    DataShape d = model.config().data();
    SplittableRandom rng = new SplittableRandom(4);
    long[] tokens = new long[N * d.maxQuestionLength()];
    for (int i = 0; i < N; i++) {
      int words = 2 + i;
      for (int t = 0; t < words; t++) {
        tokens[i * d.maxQuestionLength() + t] = 1 + rng.nextInt(d.vocabularySize() - 1);
      }
    }
    float[] images = TestImages.random(d.image(), N, rng);
    float[] targets = new float[N * d.answerCount()];
    for (int i = 0; i < N; i++) {
      targets[i * d.answerCount() + rng.nextInt(d.answerCount())] = 1f;
      targets[i * d.answerCount() + rng.nextInt(d.answerCount())] = 0.5f;
    }
    return FiniteDifferences.check(model.config().modelName(), 2, Map.of(), names, (tf, params) -> {
      Operand<TInt64> tok = tf.constant(Shape.of(N, d.maxQuestionLength()), DataBuffers.of(tokens, true, false));
      Operand<TFloat32> px = FiniteDifferences.constant(tf, images, d.image().withBatch(N));
      Operand<TFloat32> tg = FiniteDifferences.constant(tf, targets, N, d.answerCount());
      ModelOutputs out = model.build(tf, params, new ModelInputs(tok, px), true);
      return tf.math.mean(Losses.softTargetCrossEntropy(tf, out.logits(), tg), tf.constant(0));
    }, probeSeed -> analytic -> {
      int first = FiniteDifferences.argmaxAbs(analytic, -1);
      if (analytic.length == 1) {
        return List.of(0);
      }
      return List.of(first, FiniteDifferences.argmaxAbs(analytic, first), analytic.length / 2);
    });
  }
}
