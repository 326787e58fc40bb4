package ai.glimpse.evaluation.charts;

/**
 * One epoch of a training run, one line of the run's {@code metrics.jsonl}.
 *
 * @param epoch the epoch number, from 1
 * @param loss mean training loss over the epoch
 * @param valLoss validation loss, or {@code null} when the run does not record it
 * @param trainAccuracy training accuracy, percent
 * @param valAccuracy validation accuracy, percent
 */
public record EpochPoint(int epoch, double loss, Double valLoss, double trainAccuracy,
    double valAccuracy) {
  /**
   * Checks the epoch number and that the figures are finite ({@code valLoss} is not checked).
   *
   * @param epoch the epoch number, from 1
   * @param loss mean training loss over the epoch
   * @param valLoss validation loss, or {@code null} when the run does not record it
   * @param trainAccuracy training accuracy, percent
   * @param valAccuracy validation accuracy, percent
   * @throws IllegalArgumentException if {@code epoch} is below 1 or {@code loss}, {@code trainAccuracy} or
   *     {@code valAccuracy} is not finite
   */
  public EpochPoint {
    if (epoch < 1) {
      throw new IllegalArgumentException("epoch must be >= 1, got " + epoch);
    }
    for (double v : new double[] {loss, trainAccuracy, valAccuracy}) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("epoch " + epoch + " has a non-finite figure: " + v);
      }
    }
  }
}
