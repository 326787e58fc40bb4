package ai.glimpse.tf.zoo;

import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.preprocessing.features.FeatureShape;
import java.util.SplittableRandom;

/** Random image inputs of any kind for tests, seeded. */
public final class TestImages {
  private TestImages() {}

  /**
   * Returns {@code n} random images of {@code shape}, flat: values in [0, 1); for object input,
   * image {@code i} has {@code 1 + i % K} real boxes and zero padding after them, so that masks
   * matter.
   */
  public static float[] random(FeatureShape shape, int n, SplittableRandom rng) {
    int len = shape.length();
    float[] out = new float[n * len];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) rng.nextDouble();
    }
    if (shape.kind() == FeatureKind.OBJECTS) {
      int k = shape.dims().get(0);
      int width = shape.dims().get(1);
      for (int i = 0; i < n; i++) {
        int boxes = 1 + i % k;
        java.util.Arrays.fill(out, i * len + boxes * width, (i + 1) * len, 0f);
      }
    }
    return out;
  }
}
