package ai.glimpse.tf.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.tf.zoo.DataShape;
import ai.glimpse.tf.zoo.HieCoAttConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported hierarchical co-attention model computes in ONNX Runtime what the TensorFlow
 * inference graph computes: answer probabilities and the three levels' image attention.
 */
class HieCoAttOnnxParityTest {
  private static final DataShape D = new DataShape(30, 7, 11, 16);

  @Test
  void overPixelsThroughTheStem(@TempDir Path tmp) throws Exception {
    assertParity(new HieCoAttConfig(D, 12, 12, List.of(8, 8), true, 10, 0.5, 3L), 16, tmp);
  }

  @Test
  void theDefaultsOnSyntheticShapes(@TempDir Path tmp) throws Exception {
    assertParity(HieCoAttConfig.defaults(new DataShape(40, 10, 20, 64), 5L), 64, tmp);
  }

  @Test
  void overAFeatureGridWithAWordProjection(@TempDir Path tmp) throws Exception {
    DataShape grid = D.withImage(FeatureShape.grid(6, 3, 2));
    assertParity(new HieCoAttConfig(grid, 9, 12, List.of(), false, 10, 0.5, 3L, null), 6, tmp);
  }

  /**
   * Exports {@code config}'s model with random weights and compares TF with ORT; each of the three
   * levels' image attention sums to 1.
   */
  private static void assertParity(HieCoAttConfig config, int locations, Path tmp) throws Exception {
    OnnxParityTest.Outputs out = OnnxParityTest.assertParity(config, 3, locations, tmp, 17L, Map.of());
    float[] ortAttention = out.ortAttention();
    System.out.printf("hiecoatt %s parity: probs max diff %.3g, attention max diff %.3g%n",
        config.data().imageKind(), OnnxParityTest.maxAbsDiff(out.tfProbs(), out.ortProbs()),
        OnnxParityTest.maxAbsDiff(out.tfAttention(), ortAttention));
    for (int i = 0; i < 5 * 3; i++) {
      double sum = 0;
      for (int j = 0; j < locations; j++) {
        sum += ortAttention[i * locations + j];
      }
      assertEquals(1.0, sum, 1e-4, "each level's attention sums to 1");
    }
  }
}
