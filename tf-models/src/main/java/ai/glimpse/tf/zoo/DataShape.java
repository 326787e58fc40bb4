package ai.glimpse.tf.zoo;

import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.preprocessing.features.FeatureShape;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The sizes a model takes from its data: question vocabulary, question length, answers, and the
 * per-image input (pixels, a feature grid or object features).
 *
 * @param vocabularySize question tokens, padding and unknown included
 * @param maxQuestionLength token positions per question
 * @param answerCount answers in the answer vocabulary
 * @param image the per-image input, e.g. pixels {@code [3, 64, 64]}
 */
public record DataShape(int vocabularySize, int maxQuestionLength, int answerCount, FeatureShape image) {
  /**
   * Validates the sizes.
   *
   * @param vocabularySize question tokens, padding and unknown included; at least 2
   * @param maxQuestionLength token positions per question; at least 1
   * @param answerCount answers in the answer vocabulary; at least 2
   * @param image the per-image input, e.g. pixels {@code [3, 64, 64]}; pixel input must be at least
   *     8 pixels high
   * @throws NullPointerException if {@code image} is null
   * @throws IllegalArgumentException if a size is below its minimum or pixel images are smaller
   *     than 8×8; the message gives all three sizes or the image shape
   */
  public DataShape {
    Objects.requireNonNull(image, "image");
    if (vocabularySize < 2 || maxQuestionLength < 1 || answerCount < 2) {
      throw new IllegalArgumentException("invalid data shape: vocabulary " + vocabularySize
          + ", length " + maxQuestionLength + ", answers " + answerCount);
    }
    if (image.kind() == FeatureKind.PIXELS && image.dims().get(1) < 8) {
      throw new IllegalArgumentException("pixel input must be at least 8×8, got " + image);
    }
  }

  /**
   * Data with square pixel images {@code [3, imageSize, imageSize]}.
   *
   * @param vocabularySize question tokens, padding and unknown included; at least 2
   * @param maxQuestionLength token positions per question; at least 1
   * @param answerCount answers in the answer vocabulary; at least 2
   * @param imageSize the images' height and width in pixels; at least 8
   * @throws IllegalArgumentException if a size is below its minimum
   */
  public DataShape(int vocabularySize, int maxQuestionLength, int answerCount, int imageSize) {
    this(vocabularySize, maxQuestionLength, answerCount, FeatureShape.pixels(imageSize));
  }

  /**
   * Reads a data shape from JSON: {@code image}, or {@code imageSize} as run configurations wrote
   * it before models read grids and objects (square pixels {@code [3, imageSize, imageSize]}).
   */
  @JsonCreator
  static DataShape fromJson(@JsonProperty("vocabularySize") int vocabularySize,
      @JsonProperty("maxQuestionLength") int maxQuestionLength,
      @JsonProperty("answerCount") int answerCount,
      @JsonProperty("image") FeatureShape image,
      @JsonProperty("imageSize") Integer imageSize) {
    if (image == null && imageSize == null) {
      throw new IllegalArgumentException("a data shape needs \"image\" (or the older \"imageSize\")");
    }
    return new DataShape(vocabularySize, maxQuestionLength, answerCount,
        image != null ? image : FeatureShape.pixels(imageSize));
  }

  /**
   * Returns the kind of image input.
   *
   * @return {@link FeatureKind#PIXELS}, {@link FeatureKind#GRID} or {@link FeatureKind#OBJECTS},
   *     as {@link #image()} says
   */
  public FeatureKind imageKind() {
    return image.kind();
  }

  /**
   * Returns a copy with another image input.
   *
   * @param other the new per-image input; not null
   * @return a new data shape with this one's vocabulary, question length and answers and
   *     {@code other} as its image input
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if {@code other} holds pixels smaller than 8×8
   */
  public DataShape withImage(FeatureShape other) {
    return new DataShape(vocabularySize, maxQuestionLength, answerCount, other);
  }
}
