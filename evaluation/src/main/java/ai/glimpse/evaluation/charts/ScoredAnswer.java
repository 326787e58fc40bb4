package ai.glimpse.evaluation.charts;

import java.util.Objects;

/**
 * One of a model's top answers.
 *
 * @param answer the answer
 * @param probability its probability in [0, 1]
 */
public record ScoredAnswer(String answer, double probability) {
  /**
   * Checks the fields; a probability up to 1.0001 is accepted to allow for float rounding.
   *
   * @param answer the answer
   * @param probability its probability in [0, 1]
   * @throws IllegalArgumentException if {@code probability} is outside [0, 1] or NaN
   * @throws NullPointerException if {@code answer} is null
   */
  public ScoredAnswer {
    Objects.requireNonNull(answer, "answer");
    if (!(probability >= 0 && probability <= 1.0001)) {
      throw new IllegalArgumentException("probability of '" + answer + "' must be in [0, 1], got "
          + probability);
    }
  }
}
