package ai.glimpse.preprocessing.answers;

/**
 * The soft target scores of one question, sparse: {@code scores[i]} is the score of the answer
 * at index {@code indices[i]} of the answer vocabulary; every other answer scores 0.
 *
 * @param indices answer-vocabulary indices, distinct
 * @param scores their scores in (0, 1]
 */
public record SoftTargets(int[] indices, float[] scores) {
  /** Validates that both arrays have the same length. */
  public SoftTargets {
    if (indices.length != scores.length) {
      throw new IllegalArgumentException("indices and scores differ in length: "
          + indices.length + " vs " + scores.length);
    }
  }

  /** Returns the number of answers with a non-zero score. */
  public int size() {
    return indices.length;
  }

  /** Returns the score of answer {@code answerIndex} (0 when absent). */
  public float score(int answerIndex) {
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] == answerIndex) {
        return scores[i];
      }
    }
    return 0f;
  }
}
