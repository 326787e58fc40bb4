package ai.glimpse.preprocessing.answers;

/**
 * The soft target scores of one question, sparse: {@code scores[i]} is the score of the answer
 * at index {@code indices[i]} of the answer vocabulary; every other answer scores 0.
 *
 * @param indices answer-vocabulary indices, distinct
 * @param scores their scores in (0, 1]
 */
public record SoftTargets(int[] indices, float[] scores) {
  /**
   * Validates that both arrays have the same length; the contents are not checked and the arrays
   * are held, not copied.
   *
   * @param indices answer-vocabulary indices, distinct; not null
   * @param scores their scores in (0, 1], as many as {@code indices}; not null
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public SoftTargets {
    if (indices.length != scores.length) {
      throw new IllegalArgumentException("indices and scores differ in length: "
          + indices.length + " vs " + scores.length);
    }
  }

  /**
   * Returns the number of scored answers.
   *
   * @return the number of answers with a non-zero score, {@code indices.length}
   */
  public int size() {
    return indices.length;
  }

  /**
   * Returns the score of one answer, by a linear search (at most ten entries for VQA v2).
   *
   * @param answerIndex an answer-vocabulary index
   * @return its score in (0, 1], or 0 when it is not among {@link #indices()}
   */
  public float score(int answerIndex) {
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] == answerIndex) {
        return scores[i];
      }
    }
    return 0f;
  }
}
