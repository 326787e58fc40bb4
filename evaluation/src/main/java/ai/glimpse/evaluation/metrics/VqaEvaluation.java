package ai.glimpse.evaluation.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one run of {@link VqaEvaluator} computed: the rounded percentages and the
 * unrounded accuracy of every question.
 *
 * @param accuracy the official percentages
 * @param perQuestion one entry per annotated question, in annotation order
 */
public record VqaEvaluation(VqaAccuracy accuracy, List<QuestionAccuracy> perQuestion) {
  /**
   * Checks the fields and makes the list immutable.
   *
   * @param accuracy the official percentages
   * @param perQuestion one entry per annotated question, in annotation order
   * @throws NullPointerException if {@code accuracy}, {@code perQuestion} or one of its entries is null
   */
  public VqaEvaluation {
    Objects.requireNonNull(accuracy, "accuracy");
    perQuestion = List.copyOf(perQuestion);
  }

  /**
   * Returns the per-question accuracies in [0, 1], in annotation order; shape [questions].
   *
   * @return a new array, not rounded, index for index with {@link #perQuestion()}
   */
  public double[] accuracies() {
    return perQuestion.stream().mapToDouble(QuestionAccuracy::accuracy).toArray();
  }

  /**
   * Returns question id to accuracy in [0, 1], iterating in annotation order.
   *
   * @return a new unmodifiable map, accuracies not rounded
   */
  public Map<Long, Double> accuracyByQuestionId() {
    Map<Long, Double> map = new LinkedHashMap<>();
    for (QuestionAccuracy q : perQuestion) {
      map.put(q.questionId(), q.accuracy());
    }
    return Collections.unmodifiableMap(map);
  }
}
