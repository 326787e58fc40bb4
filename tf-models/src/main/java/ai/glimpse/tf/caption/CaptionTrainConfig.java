package ai.glimpse.tf.caption;

import ai.glimpse.tf.train.OptimizerKind;
import java.util.Objects;

/**
 * How {@link CaptionTrainer} trains a captioner.
 *
 * @param epochs the number of epochs, >= 1; each sees every training image once, with one of its
 *     captions drawn per epoch
 * @param batchSize images per optimizer step, >= 1
 * @param learningRate the optimizer's learning rate, > 0
 * @param optimizer ADAM or ADAMAX (SGD_MOMENTUM works too)
 * @param clipNorm the global gradient norm to clip to, 0 for none
 * @param minWordCount the vocabulary keeps training words seen at least this often, >= 1
 * @param valImages how many validation images to caption after each epoch, 0 for all
 * @param seed the seed of the caption draws and batch order
 */
public record CaptionTrainConfig(int epochs, int batchSize, double learningRate, OptimizerKind optimizer,
    double clipNorm, int minWordCount, int valImages, long seed) {

  /**
   * Validates every field; messages name the field and the value.
   *
   * @param epochs the number of epochs, >= 1; each sees every training image once, with one of its
   *     captions drawn per epoch
   * @param batchSize images per optimizer step, >= 1
   * @param learningRate the optimizer's learning rate, > 0
   * @param optimizer ADAM or ADAMAX (SGD_MOMENTUM works too)
   * @param clipNorm the global gradient norm to clip to, 0 for none
   * @param minWordCount the vocabulary keeps training words seen at least this often, >= 1
   * @param valImages how many validation images to caption after each epoch, 0 for all
   * @param seed the seed of the caption draws and batch order
   * @throws NullPointerException if {@code optimizer} is null
   * @throws IllegalArgumentException if a field is out of its range (a NaN or infinite learning
   *     rate, a NaN clip norm included)
   */
  public CaptionTrainConfig {
    Objects.requireNonNull(optimizer, "optimizer");
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be finite and > 0, got " + learningRate);
    }
    if (!(clipNorm >= 0)) {
      throw new IllegalArgumentException("clipNorm must be >= 0, got " + clipNorm);
    }
    if (minWordCount < 1) {
      throw new IllegalArgumentException("minWordCount must be >= 1, got " + minWordCount);
    }
    if (valImages < 0) {
      throw new IllegalArgumentException("valImages must be >= 0, got " + valImages);
    }
  }

  /**
   * 20 epochs of 32 images, Adam at 0.002, clipping at 5, words seen 3 times, 500 val images.
   *
   * @return the defaults, with seed 1
   */
  public static CaptionTrainConfig defaults() {
    return new CaptionTrainConfig(20, 32, 0.002, OptimizerKind.ADAM, 5, 3, 500, 1);
  }

  /**
   * Returns this configuration with another number of epochs.
   *
   * @param n the number of epochs, &gt;= 1
   * @return a copy with {@code epochs} set to {@code n} and every other field unchanged
   * @throws IllegalArgumentException if {@code n} is below 1
   */
  public CaptionTrainConfig withEpochs(int n) {
    return new CaptionTrainConfig(n, batchSize, learningRate, optimizer, clipNorm, minWordCount, valImages, seed);
  }
}
