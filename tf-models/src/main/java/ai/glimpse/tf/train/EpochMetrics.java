package ai.glimpse.tf.train;

/**
 * The figures of one training epoch, one line of {@code metrics.jsonl}.
 *
 * @param epoch the epoch number, from 1
 * @param step optimizer steps completed so far
 * @param loss mean training loss over the epoch
 * @param trainAccuracy mean soft score (VQA-style, percent) of the training copy's top answer
 * @param valAccuracy mean soft score (percent) of the inference graph's top answer on val
 * @param learningRate the learning rate used
 * @param seconds wall time of the epoch (training and validation)
 * @param stepSeconds of that, the time spent in training steps (TensorFlow session runs)
 * @param inputWaitSeconds of that, the time the training loop waited for its next batch and
 *     built the batch's tensors: the input pipeline's cost to the step (0 in files written
 *     before it was measured)
 */
public record EpochMetrics(int epoch, long step, double loss, double trainAccuracy,
    double valAccuracy, double learningRate, double seconds, double stepSeconds,
    double inputWaitSeconds) {

  /**
   * The figures without the input pipeline's timing: {@code stepSeconds} and
   * {@code inputWaitSeconds} are 0.
   *
   * @param epoch the epoch number, from 1
   * @param step optimizer steps completed so far
   * @param loss mean training loss over the epoch
   * @param trainAccuracy mean soft score (VQA-style, percent) of the training copy's top answer
   * @param valAccuracy mean soft score (percent) of the inference graph's top answer on val
   * @param learningRate the learning rate used
   * @param seconds wall time of the epoch (training and validation)
   */
  public EpochMetrics(int epoch, long step, double loss, double trainAccuracy, double valAccuracy,
      double learningRate, double seconds) {
    this(epoch, step, loss, trainAccuracy, valAccuracy, learningRate, seconds, 0, 0);
  }

  /**
   * The input wait as a fraction of the step time (0 when no step was timed).
   *
   * @return {@code inputWaitSeconds / stepSeconds}, or 0 when {@code stepSeconds} is not positive
   */
  public double inputWaitFraction() {
    return stepSeconds > 0 ? inputWaitSeconds / stepSeconds : 0;
  }
}
