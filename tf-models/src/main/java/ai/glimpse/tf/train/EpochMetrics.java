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
 */
public record EpochMetrics(int epoch, long step, double loss, double trainAccuracy,
    double valAccuracy, double learningRate, double seconds) {}
