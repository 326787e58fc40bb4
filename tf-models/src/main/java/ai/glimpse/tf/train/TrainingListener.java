package ai.glimpse.tf.train;

/** Receives training progress: one call per step and one per epoch. Both default to doing nothing. */
public interface TrainingListener {
  /** Called after each optimizer step with the batch's loss. */
  default void onStep(int epoch, int batch, int batches, long step, double loss) {}

  /** Called after each epoch, once validation is done and the checkpoint is written. */
  default void onEpoch(EpochMetrics metrics) {}
}
