package ai.glimpse.tf.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.tf.zoo.DataShape;
import ai.glimpse.tf.zoo.McanConfig;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported {@code mcan} model computes in ONNX Runtime what the TensorFlow inference graph
 * computes (within {@link OnnxParityTest}'s 1e-4): multi-head attention (4-D batch matrix
 * products, head transposes, reshapes with a dynamic batch), LayerNorm (Mean, Rsqrt) and the
 * reductions, over padded objects and over pixels through the stem.
 */
class McanOnnxParityTest {
  private static final DataShape D = new DataShape(30, 7, 11, 16);

  @Test
  void overPaddedObjects(@TempDir Path tmp) throws Exception {
    DataShape objects = D.withImage(FeatureShape.objects(5, 9));
    // Padded boxes are masked as keys of the image self-attention and in the image reduction.
    float[] attention = assertParity(new McanConfig(objects, 12, 16, 4, 2, 24, 2, 20, List.of(), false,
        0.1, 3L, null), 2, 5, tmp);
    // TestImages gives question i of the batch 1 + i % 5 real boxes.
    for (int i = 0; i < 5; i++) {
      for (int k = 0; k < 2; k++) {
        for (int j = 1 + i % 5; j < 5; j++) {
          assertEquals(0f, attention[(i * 2 + k) * 5 + j], 0f, "padding box " + j + " of question " + i);
        }
      }
    }
    assertRunsAnyBatchSize(tmp.resolve("model.onnx"), objects);
  }

  @Test
  void overPixelsThroughTheStem(@TempDir Path tmp) throws Exception {
    assertParity(new McanConfig(D, 12, 16, 2, 2, 32, 1, 24, List.of(8, 8), true, 0.1, 3L, null), 1, 16, tmp);
  }

  @Test
  void overAFeatureGrid(@TempDir Path tmp) throws Exception {
    DataShape grid = D.withImage(FeatureShape.grid(6, 3, 2));
    assertParity(new McanConfig(grid, 12, 16, 4, 1, 32, 1, 24, List.of(), false, 0.1, 3L, null), 1, 6, tmp);
  }

  /**
   * The exported graph keeps a dynamic batch: its inputs declare {@code -1} as their first
   * dimension and a batch of 2 (the parity check ran 5) gives {@code [2, answers]} probabilities.
   */
  private static void assertRunsAnyBatchSize(Path model, DataShape d) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    int n = 2;
    float[] images = new float[n * d.image().length()];
    java.util.Arrays.fill(images, 0.5f);
    long[] tokens = new long[n * d.maxQuestionLength()];
    tokens[0] = 3;
    tokens[d.maxQuestionLength()] = 4;
    Map<String, OnnxTensor> feed = OnnxParityTest.feed(env, tokens, images, d, n);
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
         OrtSession session = env.createSession(model.toString(), so)) {
      assertEquals(feed.keySet(), session.getInputInfo().keySet());
      session.getInputInfo().forEach((name, info) ->
          assertEquals(-1L, ((TensorInfo) info.getInfo()).getShape()[0], name + " has a dynamic batch"));
      try (OrtSession.Result r = session.run(feed)) {
        OnnxTensor probs = (OnnxTensor) r.get("answer_probs").orElseThrow();
        assertArrayEquals(new long[] {n, d.answerCount()}, probs.getInfo().getShape());
      }
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  /**
   * Exports {@code config}'s model with random weights, compares TF with ORT, checks that each
   * glimpse of the image attention sums to 1, and returns ORT's attention.
   */
  private static float[] assertParity(McanConfig config, int glimpses, int locations, Path tmp)
      throws Exception {
    OnnxParityTest.Outputs out = OnnxParityTest.assertParity(config, glimpses, locations, tmp, 19L, Map.of());
    System.out.printf("mcan %s parity: probs max diff %.3g, attention max diff %.3g%n",
        config.data().imageKind(), OnnxParityTest.maxAbsDiff(out.tfProbs(), out.ortProbs()),
        OnnxParityTest.maxAbsDiff(out.tfAttention(), out.ortAttention()));
    float[] attention = out.ortAttention();
    for (int i = 0; i < 5 * glimpses; i++) {
      double sum = 0;
      for (int j = 0; j < locations; j++) {
        sum += attention[i * locations + j];
      }
      assertEquals(1.0, sum, 1e-4, "each glimpse sums to 1");
    }
    return attention;
  }
}
