package ai.glimpse.tf.zoo;

import java.util.List;
import java.util.Objects;

/**
 * Stacked Attention Networks (Yang et al. 2016) with a convolutional stem for pixel input.
 *
 * @param data the data sizes
 * @param embeddingDim word embedding size
 * @param lstmUnits LSTM state size d: the question vector u and the projected image regions
 *     share it, since each layer adds the attended image vector to u
 * @param stemChannels output channels of the stem's stages (see {@link SaaaConfig})
 * @param batchNorm batch normalization in the stem
 * @param attentionDim k, the hidden size of each attention layer
 * @param layers the number of stacked attention layers, 1 to 3
 * @param dropout dropout rate in training, in [0, 1)
 * @param seed the seed of the weights and dropout masks
 * @param embeddingInit where the word embeddings start ({@code null} reads as random); with
 *     GloVe, {@code embeddingDim} must equal the prepared vectors' size
 */
public record SanConfig(
    DataShape data,
    int embeddingDim,
    int lstmUnits,
    List<Integer> stemChannels,
    boolean batchNorm,
    int attentionDim,
    int layers,
    double dropout,
    long seed,
    EmbeddingInit embeddingInit) implements ModelConfig {

  /**
   * A configuration with randomly initialized word embeddings.
   *
   * @param data the data sizes
   * @param embeddingDim word embedding size
   * @param lstmUnits LSTM state size d: the question vector u and the projected image regions
   *     share it, since each layer adds the attended image vector to u
   * @param stemChannels output channels of the stem's stages (see {@link SaaaConfig})
   * @param batchNorm batch normalization in the stem
   * @param attentionDim k, the hidden size of each attention layer
   * @param layers the number of stacked attention layers, 1 to 3
   * @param dropout dropout rate in training, in [0, 1)
   * @param seed the seed of the weights and dropout masks
   * @throws NullPointerException if {@code data} or {@code stemChannels} is null, or {@code stemChannels}
   *     holds a null
   * @throws IllegalArgumentException if {@code embeddingDim}, {@code lstmUnits} or {@code attentionDim} is
   *     below 1, {@code layers} is not 1, 2 or 3, {@code dropout} is outside [0, 1), or, with pixel input,
   *     {@code stemChannels} is empty, holds a value below 1, or the image size is not divisible by
   *     {@code 2^stemChannels.size()}; the message names the field at fault
   */
  public SanConfig(DataShape data, int embeddingDim, int lstmUnits, List<Integer> stemChannels, boolean batchNorm, int attentionDim, int layers, double dropout, long seed) {
    this(data, embeddingDim, lstmUnits, stemChannels, batchNorm, attentionDim, layers, dropout, seed, EmbeddingInit.RANDOM);
  }

  /**
   * Validates every size and the dropout rate; a null {@code embeddingInit} becomes
   * {@link EmbeddingInit#RANDOM} and {@code stemChannels} is copied into an unmodifiable list.
   *
   * @param data the data sizes
   * @param embeddingDim word embedding size
   * @param lstmUnits LSTM state size d: the question vector u and the projected image regions
   *     share it, since each layer adds the attended image vector to u
   * @param stemChannels output channels of the stem's stages (see {@link SaaaConfig})
   * @param batchNorm batch normalization in the stem
   * @param attentionDim k, the hidden size of each attention layer
   * @param layers the number of stacked attention layers, 1 to 3
   * @param dropout dropout rate in training, in [0, 1)
   * @param seed the seed of the weights and dropout masks
   * @param embeddingInit where the word embeddings start ({@code null} reads as random); with
   *     GloVe, {@code embeddingDim} must equal the prepared vectors' size
   * @throws NullPointerException if {@code data} or {@code stemChannels} is null, or {@code stemChannels}
   *     holds a null
   * @throws IllegalArgumentException if {@code embeddingDim}, {@code lstmUnits} or {@code attentionDim} is
   *     below 1, {@code layers} is not 1, 2 or 3, {@code dropout} is outside [0, 1), or, with pixel input,
   *     {@code stemChannels} is empty, holds a value below 1, or the image size is not divisible by
   *     {@code 2^stemChannels.size()}; the message names the field at fault
   */
  public SanConfig {
    Objects.requireNonNull(data, "data");
    if (embeddingInit == null) {
      embeddingInit = EmbeddingInit.RANDOM;
    }
    stemChannels = List.copyOf(stemChannels);
    ConfigChecks.positive("embeddingDim", embeddingDim);
    ConfigChecks.positive("lstmUnits", lstmUnits);
    ConfigChecks.positive("attentionDim", attentionDim);
    if (layers < 1 || layers > 3) {
      throw new IllegalArgumentException("layers must be 1, 2 or 3, got " + layers);
    }
    ModelParts.checkStem(data, stemChannels);
    ConfigChecks.dropout(dropout);
  }

  /**
   * The defaults for small synthetic scenes: two attention layers, 64-d random embeddings,
   * 128 LSTM units, a three-stage stem (16, 32, 64 channels) with batch normalization, attention
   * size 128, dropout 0.1.
   *
   * @param data the data sizes the model is built for
   * @param seed the seed of the weights and dropout masks
   * @return a validated configuration whose {@link #modelName()} is {@code san}
   * @throws IllegalArgumentException if {@code data} has pixel input whose size is not divisible
   *     by 8 (the default stem has three stages)
   */
  public static SanConfig defaults(DataShape data, long seed) {
    return new SanConfig(data, 64, 128, List.of(16, 32, 64), true, 128, 2, 0.1, seed);
  }

  @Override
  public String modelName() {
    return "san";
  }

  /**
   * Returns the number of attention locations (stem cells, grid cells or object slots).
   *
   * @return {@code (size / 2^stages)²} for pixels, {@code H · W} for a grid {@code [C, H, W]},
   *     {@code K} for objects {@code [K, D + 6]}
   */
  public int locations() {
    return ModelParts.locations(data, stemChannels);
  }

  /**
   * Returns the feature size of one location.
   *
   * @return the stem's last channel count for pixels, {@code C} for a grid {@code [C, H, W]},
   *     {@code D + 6} for objects {@code [K, D + 6]}
   */
  public int regionChannels() {
    return ModelParts.channels(data, stemChannels);
  }
}
