package ai.glimpse.preprocessing.captions;

import java.util.Objects;

/**
 * One image of a COCO captions file ({@code {"id", "file_name", "width", "height"}} in the
 * {@code "images"} list).
 *
 * @param id the image id, unique within a file
 * @param fileName the image's file name, e.g. {@code COCO_train2014_000000000009.jpg}
 * @param width the width in pixels, at least 1
 * @param height the height in pixels, at least 1
 */
public record CaptionImage(long id, String fileName, int width, int height) {
  /**
   * Validates that the file name is present and the size is positive.
   *
   * @param id the image id, unique within a file
   * @param fileName the image's file name, e.g. {@code COCO_train2014_000000000009.jpg}; not null
   * @param width the width in pixels, at least 1
   * @param height the height in pixels, at least 1
   * @throws NullPointerException if {@code fileName} is null
   * @throws IllegalArgumentException if the width or height is below 1; the message names the image
   */
  public CaptionImage {
    Objects.requireNonNull(fileName, "fileName");
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("image " + id + ": width and height must be >= 1, got "
          + width + "x" + height);
    }
  }
}
