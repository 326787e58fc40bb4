package ai.glimpse.tf.caption;

import java.util.Map;

/**
 * The metrics of one caption training epoch, one line of {@code metrics.jsonl}.
 *
 * @param epoch the epoch, from 1
 * @param loss the mean training loss (cross-entropy plus attention penalty) over the epoch's batches
 * @param crossEntropy the mean per-token training cross-entropy, in nats
 * @param penalty the mean doubly stochastic attention penalty
 * @param seconds the wall time of the epoch's training steps
 * @param val the validation scores of greedy captions (e.g. {@code bleu4}, {@code cider_d})
 */
public record CaptionEpochMetrics(int epoch, double loss, double crossEntropy, double penalty,
    double seconds, Map<String, Double> val) {
  /**
   * Copies the scores.
   *
   * @param epoch the epoch, from 1
   * @param loss the mean training loss (cross-entropy plus attention penalty) over the epoch's batches
   * @param crossEntropy the mean per-token training cross-entropy, in nats
   * @param penalty the mean doubly stochastic attention penalty
   * @param seconds the wall time of the epoch's training steps, in seconds (validation excluded)
   * @param val the validation scores of greedy captions (e.g. {@code bleu4}, {@code cider_d}),
   *     copied into an unmodifiable map
   * @throws NullPointerException if {@code val} is null or holds a null key or value
   */
  public CaptionEpochMetrics {
    val = Map.copyOf(val);
  }
}
