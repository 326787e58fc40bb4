package ai.glimpse.preprocessing.data;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One GQA questions file in the project's records: the questions, their annotations, and the
 * tables that map the {@code long} ids back to GQA's string ids (see {@link GqaIds}).
 *
 * @param questions the questions, in file order
 * @param annotations one annotation per question, in the same order; empty for a file read
 *     without answers ({@link GqaJson.AnswerMode#QUESTIONS_ONLY})
 * @param questionIds every question's {@code long} id → its GQA id (e.g. 2930152 → "02930152")
 * @param imageIds every image's {@code long} id → its GQA id (e.g. 2354786 → "2354786")
 * @param types every question's {@code long} id → its GQA types (structural, semantic, detailed;
 *     {@link GqaTypes#none()} when the record has none)
 */
public record GqaSplit(
    List<Question> questions,
    List<Annotation> annotations,
    Map<Long, String> questionIds,
    Map<Long, String> imageIds,
    Map<Long, GqaTypes> types) {
  /**
   * Validates the parts; the lists are copied, the (large) id tables are wrapped unmodifiable, not
   * copied.
   *
   * @param questions the questions, in file order; no null elements
   * @param annotations none, or exactly one per question in the same order; no null elements
   * @param questionIds the question id table; not null
   * @param imageIds the image id table; not null
   * @param types the GQA types per question id; not null
   * @throws NullPointerException if any part is null or a list holds null
   * @throws IllegalArgumentException if there are annotations but not one per question
   */
  public GqaSplit {
    questions = List.copyOf(questions);
    annotations = List.copyOf(annotations);
    if (!annotations.isEmpty() && annotations.size() != questions.size()) {
      throw new IllegalArgumentException("expected no annotations or one per question ("
          + questions.size() + "), got " + annotations.size());
    }
    questionIds = Collections.unmodifiableMap(Objects.requireNonNull(questionIds, "questionIds"));
    imageIds = Collections.unmodifiableMap(Objects.requireNonNull(imageIds, "imageIds"));
    types = Collections.unmodifiableMap(Objects.requireNonNull(types, "types"));
  }

  /**
   * Returns the GQA types of a question's {@code long} id.
   *
   * @param questionId the question's {@code long} id
   * @return its types, never null; all three fields are null when the record had none
   * @throws IllegalArgumentException if the id is not a question of this split
   */
  public GqaTypes typesOf(long questionId) {
    GqaTypes t = types.get(questionId);
    if (t == null) {
      throw new IllegalArgumentException("unknown question id " + questionId);
    }
    return t;
  }

  /**
   * Tells whether answers were read.
   *
   * @return whether the split has annotations (answers), i.e. it was not read
   *     {@link GqaJson.AnswerMode#QUESTIONS_ONLY} or was empty
   */
  public boolean hasAnswers() {
    return !annotations.isEmpty();
  }

  /**
   * Returns the GQA question id of a question's {@code long} id.
   *
   * @param questionId the question's {@code long} id
   * @return the GQA string id, e.g. {@code "02930152"}
   * @throws IllegalArgumentException if the id is not a question of this split
   */
  public String gqaQuestionId(long questionId) {
    return lookUp(questionIds, questionId, "question id");
  }

  /**
   * Returns the GQA image id of an image's {@code long} id.
   *
   * @param imageId the image's {@code long} id
   * @return the GQA string id, e.g. {@code "n161313"}
   * @throws IllegalArgumentException if the id is not an image of this split
   */
  public String gqaImageId(long imageId) {
    return lookUp(imageIds, imageId, "image id");
  }

  private static String lookUp(Map<Long, String> table, long id, String kind) {
    String name = table.get(id);
    if (name == null) {
      throw new IllegalArgumentException("unknown " + kind + " " + id);
    }
    return name;
  }
}
