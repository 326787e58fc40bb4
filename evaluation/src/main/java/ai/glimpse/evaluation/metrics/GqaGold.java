package ai.glimpse.evaluation.metrics;

import ai.glimpse.preprocessing.data.GqaTypes;
import java.util.Objects;

/**
 * The gold answer of one GQA question with its types, as {@link GqaEvaluator} needs them (the
 * structural type cannot be recovered from a VQA-style annotation, which only keeps the answer
 * type).
 *
 * @param questionId the question's {@code long} id (see {@code GqaIds})
 * @param answer the GQA answer, raw
 * @param types the question's structural, semantic and detailed types; fields may be null
 */
public record GqaGold(long questionId, String answer, GqaTypes types) {
  /**
   * Checks the fields.
   *
   * @param questionId the question's {@code long} id (see {@code GqaIds})
   * @param answer the GQA answer, raw
   * @param types the question's structural, semantic and detailed types; fields may be null
   * @throws NullPointerException if {@code answer} or {@code types} is null
   */
  public GqaGold {
    Objects.requireNonNull(answer, () -> "answer of question_id " + questionId);
    Objects.requireNonNull(types, () -> "types of question_id " + questionId);
  }
}
