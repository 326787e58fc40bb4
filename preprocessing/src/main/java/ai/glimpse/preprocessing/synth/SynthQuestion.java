package ai.glimpse.preprocessing.synth;

import java.util.List;
import java.util.Objects;

/**
 * One generated question with its true answer, before human answers are sampled.
 *
 * @param key the canonical wording, the same for all paraphrases; no two questions about one
 *     image share a key
 * @param text the question as written to {@code questions.json}
 * @param questionType the {@code question_type} of the annotation
 * @param answerType {@link #YES_NO}, {@link #NUMBER} or {@link #OTHER}
 * @param answer the true answer in canonical form: lowercase words, counts as digits
 * @param mistakes plausible wrong answers of the same family, e.g. other colors or a count off by
 *     one; never empty and never containing {@code answer}
 */
record SynthQuestion(String key, String text, String questionType, String answerType,
    String answer, List<String> mistakes) {
  static final String YES_NO = "yes/no";
  static final String NUMBER = "number";
  static final String OTHER = "other";

  SynthQuestion {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(questionType, "questionType");
    Objects.requireNonNull(answerType, "answerType");
    Objects.requireNonNull(answer, "answer");
    mistakes = List.copyOf(mistakes);
    if (mistakes.isEmpty() || mistakes.contains(answer)) {
      throw new IllegalArgumentException("question '" + text + "' needs mistakes other than its answer '"
          + answer + "', got " + mistakes);
    }
  }

  /** Returns a question whose wording is its own key. */
  static SynthQuestion of(String text, String questionType, String answerType, String answer,
      List<String> mistakes) {
    return new SynthQuestion(text, text, questionType, answerType, answer, mistakes);
  }

  /** Returns the yes/no question {@code text} whose answer is {@code truth}. */
  static SynthQuestion yesNo(String key, String text, String questionType, boolean truth) {
    return new SynthQuestion(key, text, questionType, YES_NO, truth ? "yes" : "no",
        List.of(truth ? "no" : "yes"));
  }

  /** Returns the counting question {@code text} whose answer is {@code count} in [min, max]. */
  static SynthQuestion count(String key, String text, String questionType, int count, int min,
      int max) {
    List<String> mistakes = count - 1 >= min
        ? (count + 1 <= max ? List.of(String.valueOf(count - 1), String.valueOf(count + 1))
            : List.of(String.valueOf(count - 1)))
        : List.of(String.valueOf(count + 1));
    return new SynthQuestion(key, text, questionType, NUMBER, String.valueOf(count), mistakes);
  }

  /** Returns the question {@code text} with answer type other, one of {@code domain}. */
  static SynthQuestion choice(String key, String text, String questionType, String answer,
      List<String> domain) {
    List<String> mistakes = domain.stream().filter(d -> !d.equals(answer)).toList();
    return new SynthQuestion(key, text, questionType, OTHER, answer, mistakes);
  }
}
