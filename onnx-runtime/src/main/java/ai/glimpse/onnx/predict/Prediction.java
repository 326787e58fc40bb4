package ai.glimpse.onnx.predict;

import java.util.List;

/**
 * The model's answer to one question.
 *
 * @param answers the top answers, most probable first
 * @param attention the attention weights {@code [glimpses][locations]}; locations run over the
 *     attention grid row by row; empty ({@code [0][]}) for a model without attention
 * @param gridSize the side of the square attention grid (0 without attention, and for object
 *     input, where attention runs over the image's boxes)
 */
public record Prediction(List<RankedAnswer> answers, float[][] attention, int gridSize) {
  /**
   * Returns the most probable answer.
   *
   * @return the first of {@link #answers()}
   */
  public RankedAnswer top() {
    return answers.get(0);
  }
}
