package ai.glimpse.preprocessing.prepare;

import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.preprocessing.format.FormatVersion;
import ai.glimpse.preprocessing.text.TokenizerConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a prepared directory holds ({@code manifest.json}).
 *
 * @param formatVersion the version of the prepared layout; readers refuse newer major versions
 * @param imageSize the side of the pixel tensors (0 without images)
 * @param maxQuestionLength the number of token positions per question
 * @param vocabularySize the number of question tokens, padding and unknown included
 * @param answerCount the number of answers in the answer vocabulary
 * @param splits per split: its question and image counts and answer coverage
 * @param dataSha256 a SHA-256 over the encoded splits, for provenance
 * @param features the image inputs the splits have; {@code null} in directories prepared before
 *     it was recorded, which hold pixels alone
 * @param tokenizer how questions were tokenized (also in {@code vocab.json}); in directories
 *     prepared before it was recorded, the words tokenizer's defaults, which they used
 */
public record Manifest(
    FormatVersion formatVersion,
    int imageSize,
    int maxQuestionLength,
    int vocabularySize,
    int answerCount,
    Map<String, SplitInfo> splits,
    String dataSha256,
    List<FeatureInfo> features,
    TokenizerConfig tokenizer) {

  /**
   * The layout version this code writes and the newest it reads. 1.1 added {@code features} and
   * {@code tokenizer} and made the version {@code MAJOR.MINOR}.
   */
  public static final FormatVersion FORMAT_VERSION = new FormatVersion(1, 1);

  /**
   * Validates the fields and fills in what directories prepared by older versions lack.
   *
   * @param formatVersion the layout version, {@link #FORMAT_VERSION} for new directories
   * @param imageSize the side of the pixel tensors, pixels (0 without images)
   * @param maxQuestionLength the number of token positions per question
   * @param vocabularySize the number of question tokens, padding and unknown included
   * @param answerCount the number of answers in the answer vocabulary
   * @param splits per split name: its counts
   * @param dataSha256 a SHA-256 over the encoded splits, hex
   * @param features the image inputs; {@code null} means pixels alone, in
   *     {@code SPLIT/features.h5}
   * @param tokenizer the tokenizer settings; {@code null} means the words tokenizer's defaults
   * @throws NullPointerException when {@code formatVersion} or {@code splits} is null
   */
  public Manifest {
    Objects.requireNonNull(formatVersion, "formatVersion");
    Objects.requireNonNull(splits, "splits");
    splits = Map.copyOf(splits);
    features = features == null
        ? List.of(new FeatureInfo(FeatureShape.pixels(imageSize),
            Map.of("train", "train/features.h5", "val", "val/features.h5")))
        : List.copyOf(features);
    if (tokenizer == null && maxQuestionLength >= 1) {
      tokenizer = TokenizerConfig.defaults(maxQuestionLength);
    }
  }

  /**
   * A manifest with the words tokenizer's default settings.
   *
   * @param formatVersion the layout version, {@link #FORMAT_VERSION} for new directories
   * @param imageSize the side of the pixel tensors, pixels (0 without images)
   * @param maxQuestionLength the number of token positions per question
   * @param vocabularySize the number of question tokens, padding and unknown included
   * @param answerCount the number of answers in the answer vocabulary
   * @param splits per split name: its counts
   * @param dataSha256 a SHA-256 over the encoded splits, hex
   * @param features the image inputs; {@code null} means pixels alone
   */
  public Manifest(FormatVersion formatVersion, int imageSize, int maxQuestionLength, int vocabularySize,
      int answerCount, Map<String, SplitInfo> splits, String dataSha256, List<FeatureInfo> features) {
    this(formatVersion, imageSize, maxQuestionLength, vocabularySize, answerCount, splits,
        dataSha256, features, null);
  }

  /**
   * Returns the image input of {@code kind}.
   *
   * @param kind pixels, grid or objects
   * @return its shape and files, or null when the splits do not have it
   */
  public FeatureInfo feature(FeatureKind kind) {
    return features.stream().filter(f -> f.shape().kind() == kind).findFirst().orElse(null);
  }

  /**
   * One image input of the prepared splits.
   *
   * @param shape the per-image tensor
   * @param files per split, the file holding it: relative to the prepared directory, or absolute
   *     for a feature file that stays where the user keeps it
   */
  public record FeatureInfo(FeatureShape shape, Map<String, String> files) {
    /**
     * Validates the fields.
     *
     * @param shape the per-image tensor, not null
     * @param files per split name, the file holding it; copied
     */
    public FeatureInfo {
      Objects.requireNonNull(shape, "shape");
      files = Map.copyOf(files);
    }
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
