package ai.glimpse.preprocessing.data;

import java.util.Objects;

/**
 * One question about one image, as in the official VQA v2 questions file
 * ({@code {"question_id", "image_id", "question"}}).
 *
 * @param questionId the question's id, unique within a dataset
 * @param imageId the id of the image the question is about
 * @param question the question text, as asked
 */
public record Question(long questionId, long imageId, String question) {
  /**
   * Validates that the text is present.
   *
   * @param questionId the question's id
   * @param imageId the id of the image the question is about
   * @param question the question text; not null (may be empty)
   * @throws NullPointerException if {@code question} is null
   */
  public Question {
    Objects.requireNonNull(question, "question");
  }
}
