package ai.glimpse.tf.train;

import java.util.List;

/**
 * Receives training progress from a {@link Trainer}: one call per optimizer step, one per epoch,
 * and a question after each epoch whether to stop. Every method defaults to doing nothing, so an
 * implementation overrides only what it needs: its own logging, metrics export or an early
 * stopping rule. Calls come on the thread that called {@link Trainer#train}, one at a time; a
 * slow listener slows training.
 *
 * <pre>{@code
 * TrainingListener stopAt90 = new TrainingListener() {
 *   public boolean stopAfter(EpochMetrics latest, List<EpochMetrics> history) {
 *     return latest.valAccuracy() >= 90;
 *   }
 * };
 * }</pre>
 */
public interface TrainingListener {
  /**
   * Called after each optimizer step.
   *
   * @param epoch the epoch, from 1
   * @param batch the batches of this epoch done so far, from 1
   * @param batches the batches of one epoch
   * @param step the optimizer steps of the whole run so far, from 1 (a resumed run goes on counting)
   * @param loss the mean training loss per question over this epoch's batches so far
   */
  default void onStep(int epoch, int batch, int batches, long step, double loss) {}

  /**
   * Called after each epoch, once validation is done, the checkpoint is written and the epoch's
   * line is appended to {@code metrics.jsonl}.
   *
   * @param metrics the epoch's loss, accuracies (percent), learning rate and timings (seconds)
   */
  default void onEpoch(EpochMetrics metrics) {}

  /**
   * Asked after {@link #onEpoch}: returning true stops training after this epoch, as the
   * trainer's own {@code patience} rule does. The run directory stays complete (last and best
   * checkpoints, metrics) and {@link TrainResult#stoppedEarly()} is true. The decision is not
   * stored: running the same configuration again resumes after this epoch.
   *
   * @param latest the epoch just finished
   * @param history every epoch of the run so far, oldest first, {@code latest} last
   * @return true to stop now
   */
  default boolean stopAfter(EpochMetrics latest, List<EpochMetrics> history) {
    return false;
  }
}
