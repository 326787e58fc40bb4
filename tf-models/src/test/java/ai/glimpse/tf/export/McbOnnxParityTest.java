package ai.glimpse.tf.export;


import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.tf.zoo.DataShape;
import ai.glimpse.tf.zoo.McbConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported {@code mcb} graph (count sketches folded to constants, RFFT and IRFFT as ONNX DFTs)
 * computes what the TensorFlow inference graph computes, on random weights and inputs.
 */
class McbOnnxParityTest {
  private static final DataShape D = new DataShape(30, 7, 11, 16);

  @Test
  void pixelsThroughTheStem(@TempDir Path tmp) throws Exception {
    assertParity(new McbConfig(D, 12, 16, List.of(8, 8), true, 64, 10, 2, 0.5, 3L), 16, tmp);
  }

  @Test
  void defaultSizes(@TempDir Path tmp) throws Exception {
    assertParity(McbConfig.defaults(D, 5L), 4, tmp);
  }

  @Test
  void oddSketchOverPaddedObjects(@TempDir Path tmp) throws Exception {
    DataShape objects = D.withImage(FeatureShape.objects(5, 9));
    assertParity(new McbConfig(objects, 12, 16, List.of(8, 8), false, 45, 10, 1, 0.5, 3L), 5, tmp);
  }

  @Test
  void featureGrid(@TempDir Path tmp) throws Exception {
    DataShape grid = D.withImage(FeatureShape.grid(6, 3, 2));
    assertParity(new McbConfig(grid, 12, 16, List.of(8, 8), false, 256, 10, 2, 0.5, 3L), 6, tmp);
  }

  private static void assertParity(McbConfig config, int locations, Path tmp) throws Exception {
    // The pooled vectors have unit norm, so Glorot weights give near-uniform answers and
    // attention: larger output weights make every difference between TF and ORT show.
    OnnxParityTest.Outputs out = OnnxParityTest.assertParity(config, config.glimpses(), locations, tmp, 11L,
        Map.of("mcb/attention/logits/kernel", 30f, "mcb/classifier/output/kernel", 30f));
    System.out.printf("mcb parity (%s, d=%d): probs %.3g, attention %.3g (largest prob %.3f,"
        + " largest attention %.3f)%n", config.data().imageKind(), config.sketchDim(),
        OnnxParityTest.maxAbsDiff(out.tfProbs(), out.ortProbs()),
        OnnxParityTest.maxAbsDiff(out.tfAttention(), out.ortAttention()), max(out.tfProbs()),
        max(out.tfAttention()));
  }

  private static float max(float[] a) {
    float m = Float.NEGATIVE_INFINITY;
    for (float v : a) {
      m = Math.max(m, v);
    }
    return m;
  }
}
