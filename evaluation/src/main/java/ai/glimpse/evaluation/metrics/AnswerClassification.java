package ai.glimpse.evaluation.metrics;

import ai.glimpse.evaluation.report.Provenance;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Answers scored as single-label classification by Tribuo's {@code LabelEvaluator}: the label of
 * a question is its normalized {@code multiple_choice_answer}, the prediction the normalized
 * predicted answer. See {@link AnswerLabelEvaluator}.
 *
 * @param questions how many questions were scored
 * @param accuracy Tribuo's accuracy, percent with two decimals
 * @param macroF1 Tribuo's macro-averaged F1 over the label domain, in [0, 1]
 * @param microF1 Tribuo's micro-averaged F1, in [0, 1] (equal to accuracy / 100 for single-label
 *     predictions)
 * @param labels the number of labels in the domain Tribuo evaluated
 * @param pooledQuestions how many questions had a gold answer that was never predicted and was
 *     pooled into the one label {@value AnswerLabelEvaluator#POOLED}; 0 when the domain was small
 *     enough to keep every answer
 * @param perAnswer per answer, most frequent gold answer first: precision, recall, F1 and support
 * @param confusion the confusion matrix of the most frequent gold answers
 * @param provenance the model, data, config and time the numbers come from
 */
@JsonPropertyOrder({"questions", "accuracy", "macroF1", "microF1", "labels", "pooledQuestions",
    "perAnswer", "confusion", "provenance"})
public record AnswerClassification(int questions, double accuracy, double macroF1, double microF1,
    int labels, int pooledQuestions, Map<String, AnswerScores> perAnswer, Confusion confusion,
    Provenance provenance) {

  /**
   * Tribuo's figures for one answer.
   *
   * @param precision correct predictions of the answer over all its predictions, in [0, 1]
   * @param recall correct predictions of the answer over its gold occurrences, in [0, 1]
   * @param f1 harmonic mean of precision and recall, in [0, 1]
   * @param support how many questions have this gold answer
   * @param predicted how many questions were given this answer
   */
  public record AnswerScores(double precision, double recall, double f1, long support,
      long predicted) {}

  /**
   * A confusion matrix restricted to some answers.
   *
   * @param answers the answers, most frequent gold answer first; rows are gold, columns predicted
   * @param counts {@code counts[i][j]}: questions with gold {@code answers[i]} predicted as
   *     {@code answers[j]}; shape {@code [answers, answers]}
   */
  public record Confusion(List<String> answers, long[][] counts) {
    /**
     * Checks that the matrix is square with one row per answer; copies the answer list but not the matrix.
     *
     * @param answers the answers, most frequent gold answer first; rows are gold, columns predicted
     * @param counts {@code counts[i][j]}: questions with gold {@code answers[i]} predicted as
     *     {@code answers[j]}; shape {@code [answers, answers]}
     * @throws IllegalArgumentException if {@code counts} does not have one row and one column per answer
     * @throws NullPointerException if {@code answers}, an answer, or {@code counts} is null
     */
    public Confusion {
      answers = List.copyOf(answers);
      Objects.requireNonNull(counts, "counts");
      if (counts.length != answers.size()) {
        throw new IllegalArgumentException("confusion has " + counts.length + " rows for "
            + answers.size() + " answers");
      }
      for (int i = 0; i < counts.length; i++) {
        if (counts[i].length != answers.size()) {
          throw new IllegalArgumentException("confusion row " + i + " (" + answers.get(i)
              + ") has " + counts[i].length + " columns, expected " + answers.size());
        }
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Confusion c && answers.equals(c.answers)
          && java.util.Arrays.deepEquals(counts, c.counts);
    }

    @Override
    public int hashCode() {
      return 31 * answers.hashCode() + java.util.Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
      return "Confusion[answers=" + answers + ", counts=" + java.util.Arrays.deepToString(counts) + "]";
    }
  }

  /**
   * Checks the ranges and keeps the per-answer order (an unmodifiable copy); {@code labels} and
   * {@code pooledQuestions} are not checked.
   *
   * @param questions how many questions were scored
   * @param accuracy Tribuo's accuracy, percent with two decimals
   * @param macroF1 Tribuo's macro-averaged F1 over the label domain, in [0, 1]
   * @param microF1 Tribuo's micro-averaged F1, in [0, 1] (equal to accuracy / 100 for single-label
   *     predictions)
   * @param labels the number of labels in the domain Tribuo evaluated
   * @param pooledQuestions how many questions had a gold answer that was never predicted and was pooled
   *     into the one label {@value AnswerLabelEvaluator#POOLED}; 0 when the domain was small enough to keep
   *     every answer
   * @param perAnswer per answer, most frequent gold answer first: precision, recall, F1 and support
   * @param confusion the confusion matrix of the most frequent gold answers
   * @param provenance the model, data, config and time the numbers come from
   * @throws IllegalArgumentException if {@code questions} is below 1, {@code accuracy} is outside [0, 100],
   *     or an F1 is outside [0, 1]
   * @throws NullPointerException if {@code perAnswer}, {@code confusion} or {@code provenance} is null
   */
  public AnswerClassification {
    if (questions < 1) {
      throw new IllegalArgumentException("questions must be >= 1, got " + questions);
    }
    if (!(accuracy >= 0 && accuracy <= 100)) {
      throw new IllegalArgumentException("accuracy must be a percentage in [0, 100], got " + accuracy);
    }
    unit("macroF1", macroF1);
    unit("microF1", microF1);
    perAnswer = Collections.unmodifiableMap(new LinkedHashMap<>(
        Objects.requireNonNull(perAnswer, "perAnswer")));
    Objects.requireNonNull(confusion, "confusion");
    Objects.requireNonNull(provenance, "provenance");
  }

  private static void unit(String name, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
    }
  }
}
