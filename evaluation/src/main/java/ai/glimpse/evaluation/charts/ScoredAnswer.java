package ai.glimpse.evaluation.charts;

import java.util.Objects;

/**
 * One of a model's top answers.
 *
 * @param answer the answer
 * @param probability its probability in [0, 1]
 */
public record ScoredAnswer(String answer, double probability) {
  /** Checks the fields. */
  public ScoredAnswer {
    Objects.requireNonNull(answer, "answer");
    if (!(probability >= 0 && probability <= 1.0001)) {
      throw new IllegalArgumentException("probability of '" + answer + "' must be in [0, 1], got "
          + probability);
    }
  }
}
