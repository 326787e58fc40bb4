package ai.glimpse.preprocessing.data;

import java.util.List;
import java.util.Objects;

/**
 * The human answers to one question, as in the official VQA v2 annotations file.
 *
 * @param questionId the question this annotation answers
 * @param imageId the image of the question
 * @param questionType the question type (the first words of the question, e.g. {@code "what color is the"})
 * @param answerType {@code "yes/no"}, {@code "number"} or {@code "other"}
 * @param multipleChoiceAnswer the most common human answer
 * @param answers the annotators' raw answers (10 in VQA v2), in file order
 */
public record Annotation(
    long questionId,
    long imageId,
    String questionType,
    String answerType,
    String multipleChoiceAnswer,
    List<String> answers) {
  /**
   * Validates the fields and makes the answer list immutable (a copy).
   *
   * @param questionId the question this annotation answers
   * @param imageId the image of the question
   * @param questionType the question type; not null
   * @param answerType the answer type, e.g. {@code "yes/no"}; not null (the value is not checked)
   * @param multipleChoiceAnswer the most common human answer; not null
   * @param answers the raw answers, at least one, no null elements; copied
   * @throws NullPointerException if a string field or {@code answers} is null, or an answer is null
   * @throws IllegalArgumentException if {@code answers} is empty
   */
  public Annotation {
    Objects.requireNonNull(questionType, "questionType");
    Objects.requireNonNull(answerType, "answerType");
    Objects.requireNonNull(multipleChoiceAnswer, "multipleChoiceAnswer");
    answers = List.copyOf(answers);
    if (answers.isEmpty()) {
      throw new IllegalArgumentException("question_id " + questionId + " has no answers");
    }
  }
}
