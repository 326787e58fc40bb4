package ai.glimpse.tf.zoo;

import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.tf.layers.FiniteDifferences;
import ai.glimpse.tf.layers.Params;
import ai.glimpse.tf.train.Losses;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * TensorFlow's symbolic gradients of the {@code mcb} loss (through both compact bilinear poolings,
 * whose FFTs have Java gradients) agree with central finite differences for weights of every part
 * of the model.
 */
class McbGradientCheckTest {
  private static final DataShape D = new DataShape(12, 5, 6, 8);

  @Test
  void pixelsWithBatchNormalization() {
    McbConfig config = new McbConfig(D, 4, 5, List.of(3, 4), true, 16, 6, 2, 0.0, 1L);
    GradientCheck.check(new Mcb(config), List.of("mcb/stem1/kernel", "mcb/stem0/kernel",
        "mcb/stem0/bn/gamma", "mcb/stem1/bn/beta", "mcb/position", "mcb/embedding/weights",
        "mcb/lstm/kernel", "mcb/lstm/recurrent_kernel", "mcb/attention/hidden/kernel",
        "mcb/attention/hidden/bias", "mcb/attention/logits/kernel", "mcb/classifier/output/kernel",
        "mcb/classifier/output/bias"));
  }

  @Test
  void paddedObjectsAndAnOddSketch() {
    McbConfig config = new McbConfig(D.withImage(FeatureShape.objects(4, 3)), 4, 5, List.of(3, 4),
        false, 15, 6, 2, 0.0, 1L);
    GradientCheck.check(new Mcb(config), List.of("mcb/embedding/weights", "mcb/lstm/kernel",
        "mcb/attention/hidden/kernel", "mcb/attention/logits/kernel", "mcb/classifier/output/kernel"));
  }

  /**
   * The weights right before and after the two poolings, at 16 entries each (the two largest
   * gradients and spread ones), with the measured errors printed.
   */
  @Test
  void sampledEntriesAroundThePoolings() {
    McbConfig config = new McbConfig(D, 4, 5, List.of(3, 4), false, 16, 6, 2, 0.0, 1L);
    int n = 3;
    SplittableRandom rng = new SplittableRandom(4);
    long[] tokens = new long[n * D.maxQuestionLength()];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < 2 + i; t++) {
        tokens[i * D.maxQuestionLength() + t] = 1 + rng.nextInt(D.vocabularySize() - 1);
      }
    }
    float[] images = TestImages.random(D.image(), n, rng);
    float[] targets = new float[n * D.answerCount()];
    for (int i = 0; i < n; i++) {
      targets[i * D.answerCount() + rng.nextInt(D.answerCount())] = 1f;
    }
    FiniteDifferences.Report r = FiniteDifferences.check("mcb", 2, Map.of(),
        List.of("mcb/lstm/kernel", "mcb/stem1/kernel", "mcb/position", "mcb/attention/hidden/kernel",
            "mcb/classifier/output/kernel"),
        (Ops tf, Params params) -> {
          Operand<TInt64> tok = tf.constant(Shape.of(n, D.maxQuestionLength()), DataBuffers.of(tokens, true, false));
          ModelOutputs out = new Mcb(config).build(tf, params, new ModelInputs(tok,
              FiniteDifferences.constant(tf, images, D.image().withBatch(n))), true);
          Operand<TFloat32> tg = FiniteDifferences.constant(tf, targets, n, D.answerCount());
          return tf.math.mean(Losses.softTargetCrossEntropy(tf, out.logits(), tg), tf.constant(0));
        });
    System.out.println("mcb model gradient check: " + r);
  }
}
