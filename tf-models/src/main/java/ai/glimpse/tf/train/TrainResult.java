package ai.glimpse.tf.train;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a training run.
 *
 * @param epochs the metrics of every epoch, including epochs of an earlier run that was resumed
 * @param bestEpoch the epoch with the best validation accuracy
 * @param bestValAccuracy that accuracy, percent
 * @param bestCheckpoint the checkpoint of that epoch
 * @param parameters the number of trainable values
 * @param stoppedEarly whether early stopping ended the run before its last epoch
 */
public record TrainResult(List<EpochMetrics> epochs, int bestEpoch, double bestValAccuracy,
    Path bestCheckpoint, long parameters, boolean stoppedEarly) {}
