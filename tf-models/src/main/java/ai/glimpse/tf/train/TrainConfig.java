package ai.glimpse.tf.train;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a model is trained.
 *
 * @param epochs passes over the training split
 * @param batchSize questions per step
 * @param questionsPerImage training batches keep up to this many questions of one image together
 *     so that the image stem runs once for them (1: every question drawn independently)
 * @param learningRate the optimizer's step size
 * @param optimizer the optimizer
 * @param loss the loss on the soft answer scores ({@code null} reads as soft-target cross-entropy)
 * @param gradClipNorm the global gradient norm is clipped to this value; 0 turns clipping off
 * @param schedule how the learning rate moves over the steps ({@code null} reads as constant)
 * @param patience stop when validation accuracy has not improved for this many epochs (0: never)
 * @param keepBest how many of the best epochs' checkpoints to keep in {@code checkpoints/}
 *     besides {@code best/checkpoint.h5} (0: only that one)
 * @param checkpointEverySteps also checkpoint within an epoch every this many steps, so that a
 *     killed run resumes mid-epoch (0: at epoch ends only)
 * @param seed the seed of the shuffles
 * @param threads TensorFlow intra-op threads; 0 lets TensorFlow choose
 * @param runDir where config, metrics and checkpoints go
 */
public record TrainConfig(
    int epochs,
    int batchSize,
    int questionsPerImage,
    double learningRate,
    OptimizerKind optimizer,
    LossKind loss,
    double gradClipNorm,
    LearningRateSchedule schedule,
    int patience,
    int keepBest,
    int checkpointEverySteps,
    long seed,
    int threads,
    Path runDir) {

  /**
   * Validates every field.
   *
   * @param epochs passes over the training split, {@code >= 1}
   * @param batchSize questions per step, {@code >= 1}
   * @param questionsPerImage questions of one image kept together in training batches,
   *     {@code >= 1}
   * @param learningRate the optimizer's step size, {@code > 0}
   * @param optimizer the optimizer, not null
   * @param loss the loss on the soft answer scores; null becomes {@link LossKind#SOFT_CROSS_ENTROPY}
   * @param gradClipNorm the global gradient norm clip, {@code >= 0}; 0 turns clipping off
   * @param schedule the learning-rate schedule; null becomes {@link LearningRateSchedule#CONSTANT}
   * @param patience epochs without improvement before stopping, {@code >= 0} (0: never stop early)
   * @param keepBest best epochs' checkpoints kept besides {@code best/checkpoint.h5}, {@code >= 0}
   * @param checkpointEverySteps steps between mid-epoch checkpoints, {@code >= 0} (0: none)
   * @param seed the seed of the shuffles
   * @param threads TensorFlow intra-op threads, {@code >= 0}; 0 lets TensorFlow choose
   * @param runDir where config, metrics and checkpoints go, not null
   * @throws IllegalArgumentException if a number is out of range
   * @throws NullPointerException if {@code optimizer} or {@code runDir} is null
   */
  public TrainConfig {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    if (questionsPerImage < 1) {
      throw new IllegalArgumentException("questionsPerImage must be >= 1, got " + questionsPerImage);
    }
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
    }
    Objects.requireNonNull(optimizer, "optimizer");
    if (!(gradClipNorm >= 0)) {
      throw new IllegalArgumentException("gradClipNorm must be >= 0, got " + gradClipNorm);
    }
    if (loss == null) {
      loss = LossKind.SOFT_CROSS_ENTROPY;
    }
    if (schedule == null) {
      schedule = LearningRateSchedule.CONSTANT;
    }
    if (patience < 0 || keepBest < 0 || checkpointEverySteps < 0) {
      throw new IllegalArgumentException("patience, keepBest and checkpointEverySteps must be >= 0, got "
          + patience + ", " + keepBest + ", " + checkpointEverySteps);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0, got " + threads);
    }
    Objects.requireNonNull(runDir, "runDir");
  }

  /** Steps between mid-epoch checkpoints by default. */
  public static final int DEFAULT_CHECKPOINT_EVERY_STEPS = 500;

  /** Questions of one image kept together in training batches by default. */
  public static final int DEFAULT_QUESTIONS_PER_IMAGE = 10;

  /**
   * Adamax at 2e-3, batch 64 in groups of {@value #DEFAULT_QUESTIONS_PER_IMAGE} questions per image,
   * clipping at 10, for {@code epochs} epochs into {@code runDir}.
   *
   * @param epochs passes over the training split, {@code >= 1}
   * @param seed the seed of the shuffles
   * @param runDir where config, metrics and checkpoints go
   * @return the configuration: soft-target cross-entropy, a constant rate, no early stopping,
   *     only {@code best/checkpoint.h5} kept, a checkpoint every
   *     {@value #DEFAULT_CHECKPOINT_EVERY_STEPS} steps, TensorFlow's choice of threads
   */
  public static TrainConfig defaults(int epochs, long seed, Path runDir) {
    return new TrainConfig(epochs, 64, DEFAULT_QUESTIONS_PER_IMAGE, 2e-3, OptimizerKind.ADAMAX,
        LossKind.SOFT_CROSS_ENTROPY, 10.0,
        LearningRateSchedule.CONSTANT, 0, 0, DEFAULT_CHECKPOINT_EVERY_STEPS, seed, 0, runDir);
  }

  /**
   * Returns a copy with another batch size.
   *
   * @param size questions per step, {@code >= 1}
   * @return the new configuration; this one is unchanged
   * @throws IllegalArgumentException if {@code size} is less than 1
   */
  public TrainConfig withBatchSize(int size) {
    return new TrainConfig(epochs, size, questionsPerImage, learningRate, optimizer, loss, gradClipNorm, schedule, patience,
        keepBest, checkpointEverySteps, seed, threads, runDir);
  }

  /**
   * Returns a copy with another schedule, patience, number of best checkpoints kept and mid-epoch
   * checkpoint interval.
   *
   * @param newSchedule the learning-rate schedule; null becomes {@link LearningRateSchedule#CONSTANT}
   * @param newPatience epochs without improvement before stopping, {@code >= 0} (0: never)
   * @param newKeepBest best epochs' checkpoints kept besides {@code best/checkpoint.h5}, {@code >= 0}
   * @param newCheckpointEverySteps steps between mid-epoch checkpoints, {@code >= 0} (0: none)
   * @return the new configuration; this one is unchanged
   * @throws IllegalArgumentException if a number is negative
   */
  public TrainConfig withPolicy(LearningRateSchedule newSchedule, int newPatience, int newKeepBest,
      int newCheckpointEverySteps) {
    return new TrainConfig(epochs, batchSize, questionsPerImage, learningRate, optimizer, loss, gradClipNorm,
        newSchedule, newPatience, newKeepBest, newCheckpointEverySteps, seed, threads, runDir);
  }

  /**
   * Returns a copy with another number of intra-op threads.
   *
   * @param newThreads TensorFlow intra-op threads, {@code >= 0}; 0 lets TensorFlow choose
   * @return the new configuration; this one is unchanged
   * @throws IllegalArgumentException if {@code newThreads} is negative
   */
  public TrainConfig withThreads(int newThreads) {
    return new TrainConfig(epochs, batchSize, questionsPerImage, learningRate, optimizer, loss, gradClipNorm,
        schedule, patience, keepBest, checkpointEverySteps, seed, newThreads, runDir);
  }

  /**
   * Returns a copy with another learning rate.
   *
   * @param rate the optimizer's step size, {@code > 0}
   * @return the new configuration; this one is unchanged
   * @throws IllegalArgumentException if {@code rate} is not positive (or NaN)
   */
  public TrainConfig withLearningRate(double rate) {
    return new TrainConfig(epochs, batchSize, questionsPerImage, rate, optimizer, loss, gradClipNorm, schedule, patience,
        keepBest, checkpointEverySteps, seed, threads, runDir);
  }
}
