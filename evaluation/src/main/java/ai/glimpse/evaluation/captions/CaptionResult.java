package ai.glimpse.evaluation.captions;

import java.util.Objects;

/**
 * One generated caption, one element of the COCO captions results format
 * {@code [{"image_id": int, "caption": str}]}.
 *
 * @param imageId the image captioned
 * @param caption the generated caption, raw (the evaluator tokenizes it)
 */
public record CaptionResult(long imageId, String caption) {
  /**
   * Checks that the caption is present.
   *
   * @param imageId the image captioned
   * @param caption the generated caption, raw (the evaluator tokenizes it)
   * @throws NullPointerException if {@code caption} is null; the message names the image id
   */
  public CaptionResult {
    Objects.requireNonNull(caption, () -> "caption of image_id " + imageId);
  }
}
