package ai.glimpse.onnx.predict;

import java.util.Objects;

/**
 * A question about an image, ready for a {@link Predictor}.
 *
 * @param question the question text
 * @param image the image as the model takes it, flat: pixels {@code [3, H, W]} in [0, 1] (see
 *     {@link ai.glimpse.preprocessing.features.ImageLoader}), a feature grid {@code [C, H, W]}, or
 *     object features {@code [K, D + 6]} (see {@link Predictor#imageShape()})
 */
public record VqaQuery(String question, float[] image) {
  /**
   * Validates that both parts are present; the image array is not copied.
   *
   * @param question the question text
   * @param image the image as the model takes it, flat: pixels {@code [3, H, W]} in [0, 1] (see
   *     {@link ai.glimpse.preprocessing.features.ImageLoader}), a feature grid {@code [C, H, W]}, or object
   *     features {@code [K, D + 6]} (see {@link Predictor#imageShape()})
   * @throws NullPointerException if {@code question} or {@code image} is null
   */
  public VqaQuery {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(image, "image");
  }
}
