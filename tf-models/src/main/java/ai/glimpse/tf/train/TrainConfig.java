package ai.glimpse.tf.train;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a model is trained.
 *
 * @param epochs passes over the training split
 * @param batchSize questions per step
 * @param learningRate the optimizer's step size
 * @param optimizer the optimizer
 * @param gradClipNorm the global gradient norm is clipped to this value; 0 turns clipping off
 * @param seed the seed of the shuffles
 * @param threads TensorFlow intra-op threads; 0 lets TensorFlow choose
 * @param runDir where config, metrics and checkpoints go
 */
public record TrainConfig(
    int epochs,
    int batchSize,
    double learningRate,
    OptimizerKind optimizer,
    double gradClipNorm,
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
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
    }
    Objects.requireNonNull(optimizer, "optimizer");
    if (!(gradClipNorm >= 0)) {
      throw new IllegalArgumentException("gradClipNorm must be >= 0, got " + gradClipNorm);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0, got " + threads);
    }
    Objects.requireNonNull(runDir, "runDir");
  }

  /** Adamax at 2e-3, batch 64, clipping at 10, for {@code epochs} epochs into {@code runDir}. */
  public static TrainConfig defaults(int epochs, long seed, Path runDir) {
    return new TrainConfig(epochs, 64, 2e-3, OptimizerKind.ADAMAX, 10.0, seed, 0, runDir);
  }

  /** Returns a copy with another batch size. */
  public TrainConfig withBatchSize(int size) {
    return new TrainConfig(epochs, size, learningRate, optimizer, gradClipNorm, seed, threads, runDir);
  }

  /** Returns a copy with another learning rate. */
  public TrainConfig withLearningRate(double rate) {
    return new TrainConfig(epochs, batchSize, rate, optimizer, gradClipNorm, seed, threads, runDir);
  }
}
