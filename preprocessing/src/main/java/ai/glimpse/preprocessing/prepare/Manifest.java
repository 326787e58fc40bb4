package ai.glimpse.preprocessing.prepare;

import java.util.Map;
import java.util.Objects;

/**
 * What a prepared directory holds ({@code manifest.json}).
 *
 * @param formatVersion the version of the prepared layout; readers refuse newer major versions
 * @param imageSize the side of the pixel tensors
 * @param maxQuestionLength the number of token positions per question
 * @param vocabularySize the number of question tokens, padding and unknown included
 * @param answerCount the number of answers in the answer vocabulary
 * @param splits per split: its question and image counts and answer coverage
 * @param dataSha256 a SHA-256 over the encoded splits, for provenance
 */
public record Manifest(
    int formatVersion,
    int imageSize,
    int maxQuestionLength,
    int vocabularySize,
    int answerCount,
    Map<String, SplitInfo> splits,
    String dataSha256) {

  /** The layout version this code writes. */
  public static final int FORMAT_VERSION = 1;

  /** Validates the fields. */
  public Manifest {
    Objects.requireNonNull(splits, "splits");
    splits = Map.copyOf(splits);
  }

  /**
   * The counts of one split.
   *
   * @param questions the number of questions kept
   * @param images the number of distinct images
   * @param answerCoverage the share of questions with at least one in-vocabulary answer, in [0, 1]
   */
  public record SplitInfo(int questions, int images, double answerCoverage) {}
}
