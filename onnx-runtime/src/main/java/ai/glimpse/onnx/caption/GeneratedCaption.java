package ai.glimpse.onnx.caption;

import java.util.List;

/**
 * A caption generated on ONNX Runtime.
 *
 * @param words the words, without {@code <start>} and {@code <end>}
 * @param attention each word's attention weights over the grid, {@code [words][gridHeight·gridWidth]} row-major
 * @param gridHeight the attention grid's height
 * @param gridWidth the attention grid's width
 * @param logProbability the natural log-probability of the words and, if produced, {@code <end>}
 */
public record GeneratedCaption(List<String> words, float[][] attention, int gridHeight, int gridWidth,
    double logProbability) {
  /**
   * Copies the word list into an unmodifiable list.
   *
   * @param words the words, without {@code <start>} and {@code <end>}
   * @param attention each word's attention weights over the grid, {@code [words][gridHeight·gridWidth]}
   *     row-major
   * @param gridHeight the attention grid's height
   * @param gridWidth the attention grid's width
   * @param logProbability the natural log-probability of the words and, if produced, {@code <end>}
   * @throws NullPointerException if {@code words} or one of its elements is null
   */
  public GeneratedCaption {
    words = List.copyOf(words);
  }

  /**
   * Returns the words joined with single spaces.
   *
   * @return the caption text, empty if no words were generated
   */
  public String text() {
    return String.join(" ", words);
  }
}
