package ai.glimpse.tf.zoo;

/**
 * The sizes a model takes from its data: question vocabulary, question length, answers, and the
 * side of the square pixel input.
 *
 * @param vocabularySize question tokens, padding and unknown included
 * @param maxQuestionLength token positions per question
 * @param answerCount answers in the answer vocabulary
 * @param imageSize side of the pixel input {@code [batch, 3, imageSize, imageSize]}
 */
public record DataShape(int vocabularySize, int maxQuestionLength, int answerCount, int imageSize) {
  /** Validates the sizes. */
  public DataShape {
    if (vocabularySize < 2 || maxQuestionLength < 1 || answerCount < 2 || imageSize < 8) {
      throw new IllegalArgumentException("invalid data shape: vocabulary " + vocabularySize
          + ", length " + maxQuestionLength + ", answers " + answerCount + ", image " + imageSize);
    }
  }
}
