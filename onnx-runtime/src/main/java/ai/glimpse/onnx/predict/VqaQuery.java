package ai.glimpse.onnx.predict;

import java.util.Objects;

/**
 * A question about an image, ready for a {@link Predictor}.
 *
 * @param question the question text
 * @param pixels the image as a tensor {@code [3, H, W]} in [0, 1], flat (see
 *     {@link ai.glimpse.preprocessing.features.ImageLoader})
 */
public record VqaQuery(String question, float[] pixels) {
  /** Validates that both parts are present. */
  public VqaQuery {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(pixels, "pixels");
  }
}
