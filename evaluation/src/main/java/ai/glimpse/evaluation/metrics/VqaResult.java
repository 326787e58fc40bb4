package ai.glimpse.evaluation.metrics;

import java.util.Objects;

/**
 * One predicted answer, one element of the official results format
 * {@code [{"question_id": int, "answer": str}]}.
 *
 * @param questionId the question answered
 * @param answer the predicted answer, raw (the evaluator does the official processing)
 */
public record VqaResult(long questionId, String answer) {
  /**
   * Checks that the answer is present.
   *
   * @param questionId the question answered
   * @param answer the predicted answer, raw (the evaluator does the official processing)
   * @throws NullPointerException if {@code answer} is null; the message names the question id
   */
  public VqaResult {
    Objects.requireNonNull(answer, () -> "answer of question_id " + questionId);
  }
}
