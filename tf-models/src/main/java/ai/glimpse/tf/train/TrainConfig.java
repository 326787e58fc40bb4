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

  /** Validates every field. */
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
   */
  public static TrainConfig defaults(int epochs, long seed, Path runDir) {
    return new TrainConfig(epochs, 64, DEFAULT_QUESTIONS_PER_IMAGE, 2e-3, OptimizerKind.ADAMAX,
        LossKind.SOFT_CROSS_ENTROPY, 10.0,
        LearningRateSchedule.CONSTANT, 0, 0, DEFAULT_CHECKPOINT_EVERY_STEPS, seed, 0, runDir);
  }

  /** Returns a copy with another batch size. */
  public TrainConfig withBatchSize(int size) {
    return new TrainConfig(epochs, size, questionsPerImage, learningRate, optimizer, loss, gradClipNorm, schedule, patience,
        keepBest, checkpointEverySteps, seed, threads, runDir);
  }

  /** Returns a copy with another schedule, patience, number of best checkpoints kept and mid-epoch checkpoint interval. */
  public TrainConfig withPolicy(LearningRateSchedule newSchedule, int newPatience, int newKeepBest,
      int newCheckpointEverySteps) {
    return new TrainConfig(epochs, batchSize, questionsPerImage, learningRate, optimizer, loss, gradClipNorm,
        newSchedule, newPatience, newKeepBest, newCheckpointEverySteps, seed, threads, runDir);
  }

  /** Returns a copy with another number of intra-op threads. */
  public TrainConfig withThreads(int newThreads) {
    return new TrainConfig(epochs, batchSize, questionsPerImage, learningRate, optimizer, loss, gradClipNorm,
        schedule, patience, keepBest, checkpointEverySteps, seed, newThreads, runDir);
  }

  /** Returns a copy with another learning rate. */
  public TrainConfig withLearningRate(double rate) {
    return new TrainConfig(epochs, batchSize, questionsPerImage, rate, optimizer, loss, gradClipNorm, schedule, patience,
        keepBest, checkpointEverySteps, seed, threads, runDir);
  }
}
