package ai.glimpse.preprocessing.captions;

import java.util.Objects;

/**
 * One human caption of one image, as in the {@code "annotations"} list of a COCO captions file
 * ({@code {"image_id", "id", "caption"}}).
 *
 * @param id the caption's (annotation's) id, unique within a file
 * @param imageId the id of the image it describes
 * @param caption the caption text, as written (not tokenized)
 */
public record Caption(long id, long imageId, String caption) {
  /**
   * Validates that the text is present.
   *
   * @param id the caption's (annotation's) id, unique within a file
   * @param imageId the id of the image it describes
   * @param caption the caption text, as written (not tokenized); not null
   * @throws NullPointerException if {@code caption} is null
   */
  public Caption {
    Objects.requireNonNull(caption, "caption");
  }
}
