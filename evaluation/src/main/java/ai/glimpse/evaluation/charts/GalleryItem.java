package ai.glimpse.evaluation.charts;

import java.util.List;
import java.util.Objects;

/**
 * One validation question shown in the report gallery: the image (if the data has pixels), the
 * model's attention, its top answers and the ground truth.
 *
 * @param questionId the question id
 * @param question the question text
 * @param image the image pixels, flat {@code [3, side, side]} in [0, 1], or {@code null} when the
 *     prepared data has no pixels
 * @param imageSide the side of {@code image} in pixels (0 without image)
 * @param attention the attention weights {@code [glimpses][locations]}, empty without attention
 * @param gridSize the side of the square attention grid, or 0 when attention runs over boxes
 * @param boxes per location, the box as normalized {@code (x1, y1, x2, y2)} in [0, 1], shape
 *     {@code [locations][4]}; {@code null} when unknown (then attention over boxes is shown as a
 *     bar strip)
 * @param topAnswers the model's top answers, most probable first
 * @param groundTruth the most common human answer
 * @param accuracy the official VQA accuracy of the top answer, in [0, 1]
 */
public record GalleryItem(long questionId, String question, float[] image, int imageSide,
    float[][] attention, int gridSize, float[][] boxes, List<ScoredAnswer> topAnswers,
    String groundTruth, double accuracy) {

  /**
   * Checks that the arrays agree with the sizes and copies {@code topAnswers}; the arrays are not copied.
   *
   * @param questionId the question id
   * @param question the question text
   * @param image the image pixels, flat {@code [3, side, side]} in [0, 1], or {@code null} when the
   *     prepared data has no pixels
   * @param imageSide the side of {@code image} in pixels (0 without image)
   * @param attention the attention weights {@code [glimpses][locations]}, empty without attention
   * @param gridSize the side of the square attention grid, or 0 when attention runs over boxes
   * @param boxes per location, the box as normalized {@code (x1, y1, x2, y2)} in [0, 1], shape
   *     {@code [locations][4]}; {@code null} when unknown (then attention over boxes is shown as a bar
   *     strip)
   * @param topAnswers the model's top answers, most probable first
   * @param groundTruth the most common human answer
   * @param accuracy the official VQA accuracy of the top answer, in [0, 1]
   * @throws IllegalArgumentException if {@code image} does not hold {@code 3 * imageSide * imageSide}
   *     values, a glimpse of grid attention does not hold {@code gridSize * gridSize} weights, or a glimpse
   *     of box attention has more weights than {@code boxes}
   * @throws NullPointerException if {@code question}, {@code attention}, {@code groundTruth} or
   *     {@code topAnswers} is null
   */
  public GalleryItem {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(attention, "attention");
    Objects.requireNonNull(groundTruth, "groundTruth");
    topAnswers = List.copyOf(topAnswers);
    if (image != null && image.length != 3 * imageSide * imageSide) {
      throw new IllegalArgumentException("question_id " + questionId + ": image has "
          + image.length + " values, expected 3 x " + imageSide + " x " + imageSide);
    }
    for (int g = 0; g < attention.length; g++) {
      int n = attention[g].length;
      if (gridSize > 0 && n != gridSize * gridSize) {
        throw new IllegalArgumentException("question_id " + questionId + ": glimpse " + g + " has "
            + n + " weights, expected " + gridSize + " x " + gridSize);
      }
      if (boxes != null && gridSize == 0 && n > boxes.length) {
        throw new IllegalArgumentException("question_id " + questionId + ": glimpse " + g + " has "
            + n + " weights but only " + boxes.length + " boxes");
      }
    }
  }
}
