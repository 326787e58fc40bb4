package ai.glimpse.evaluation.metrics;

import java.util.Objects;

/**
 * The official VQA accuracy of one prediction.
 *
 * @param questionId the question
 * @param questionType the question type from the annotation
 * @param answerType the answer type from the annotation
 * @param prediction the predicted answer as submitted (before any processing)
 * @param accuracy the accuracy in [0, 1], not rounded
 */
public record QuestionAccuracy(
    long questionId, String questionType, String answerType, String prediction, double accuracy) {
  /**
   * Checks the fields.
   *
   * @param questionId the question
   * @param questionType the question type from the annotation
   * @param answerType the answer type from the annotation
   * @param prediction the predicted answer as submitted (before any processing)
   * @param accuracy the accuracy in [0, 1], not rounded
   * @throws IllegalArgumentException if {@code accuracy} is outside [0, 1] or NaN
   * @throws NullPointerException if {@code questionType}, {@code answerType} or {@code prediction} is null
   */
  public QuestionAccuracy {
    Objects.requireNonNull(questionType, "questionType");
    Objects.requireNonNull(answerType, "answerType");
    Objects.requireNonNull(prediction, "prediction");
    if (!(accuracy >= 0 && accuracy <= 1)) {
      throw new IllegalArgumentException(
          "accuracy of question_id " + questionId + " must be in [0, 1], got " + accuracy);
    }
  }
}
