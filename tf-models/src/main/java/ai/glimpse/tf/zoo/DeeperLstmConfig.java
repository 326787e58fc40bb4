package ai.glimpse.tf.zoo;

import java.util.List;
import java.util.Objects;

/**
 * Deeper LSTM Q + norm I (Antol et al. 2015), with a convolutional stem for pixel input in place
 * of VGG's fc7.
 *
 * @param data the data sizes
 * @param embeddingDim word embedding size (tanh of the embedding feeds the LSTM)
 * @param lstmUnits state size of each LSTM layer
 * @param lstmLayers stacked LSTM layers; the question vector concatenates every layer's final
 *     cell and hidden state
 * @param stemChannels output channels of the stem's stages (see {@link SaaaConfig}); the whole
 *     grid, flattened and L2-normalized, is the image vector
 * @param batchNorm batch normalization in the stem
 * @param commonDim the size both modalities are projected to (tanh) before their product
 * @param hiddenUnits hidden size of the classifier (tanh)
 * @param dropout dropout rate in training, in [0, 1)
 * @param seed the seed of the weights and dropout masks
 * @param embeddingInit where the word embeddings start ({@code null} reads as random); with
 *     GloVe, {@code embeddingDim} must equal the prepared vectors' size
 */
public record DeeperLstmConfig(
    DataShape data,
    int embeddingDim,
    int lstmUnits,
    int lstmLayers,
    List<Integer> stemChannels,
    boolean batchNorm,
    int commonDim,
    int hiddenUnits,
    double dropout,
    long seed,
    EmbeddingInit embeddingInit) implements ModelConfig {

  /**
   * A configuration with randomly initialized word embeddings.
   *
   * @param data the data sizes
   * @param embeddingDim word embedding size (tanh of the embedding feeds the LSTM)
   * @param lstmUnits state size of each LSTM layer
   * @param lstmLayers stacked LSTM layers; the question vector concatenates every layer's final
   *     cell and hidden state
   * @param stemChannels output channels of the stem's stages (see {@link SaaaConfig}); the whole
   *     grid, flattened and L2-normalized, is the image vector
   * @param batchNorm batch normalization in the stem
   * @param commonDim the size both modalities are projected to (tanh) before their product
   * @param hiddenUnits hidden size of the classifier (tanh)
   * @param dropout dropout rate in training, in [0, 1)
   * @param seed the seed of the weights and dropout masks
   * @throws NullPointerException if {@code data} or {@code stemChannels} is null, or {@code stemChannels}
   *     holds a null
   * @throws IllegalArgumentException if {@code embeddingDim}, {@code lstmUnits}, {@code lstmLayers},
   *     {@code commonDim} or {@code hiddenUnits} is below 1, {@code dropout} is outside [0, 1), or, with
   *     pixel input, {@code stemChannels} is empty, holds a value below 1, or the image size is not divisible
   *     by {@code 2^stemChannels.size()}; the message names the field at fault
   */
  public DeeperLstmConfig(DataShape data, int embeddingDim, int lstmUnits, int lstmLayers, List<Integer> stemChannels, boolean batchNorm, int commonDim, int hiddenUnits, double dropout, long seed) {
    this(data, embeddingDim, lstmUnits, lstmLayers, stemChannels, batchNorm, commonDim, hiddenUnits, dropout, seed, EmbeddingInit.RANDOM);
  }

  /**
   * Validates every size and the dropout rate; a null {@code embeddingInit} becomes
   * {@link EmbeddingInit#RANDOM} and {@code stemChannels} is copied into an unmodifiable list.
   *
   * @param data the data sizes
   * @param embeddingDim word embedding size (tanh of the embedding feeds the LSTM)
   * @param lstmUnits state size of each LSTM layer
   * @param lstmLayers stacked LSTM layers; the question vector concatenates every layer's final
   *     cell and hidden state
   * @param stemChannels output channels of the stem's stages (see {@link SaaaConfig}); the whole
   *     grid, flattened and L2-normalized, is the image vector
   * @param batchNorm batch normalization in the stem
   * @param commonDim the size both modalities are projected to (tanh) before their product
   * @param hiddenUnits hidden size of the classifier (tanh)
   * @param dropout dropout rate in training, in [0, 1)
   * @param seed the seed of the weights and dropout masks
   * @param embeddingInit where the word embeddings start ({@code null} reads as random); with
   *     GloVe, {@code embeddingDim} must equal the prepared vectors' size
   * @throws NullPointerException if {@code data} or {@code stemChannels} is null, or {@code stemChannels}
   *     holds a null
   * @throws IllegalArgumentException if {@code embeddingDim}, {@code lstmUnits}, {@code lstmLayers},
   *     {@code commonDim} or {@code hiddenUnits} is below 1, {@code dropout} is outside [0, 1), or, with
   *     pixel input, {@code stemChannels} is empty, holds a value below 1, or the image size is not divisible
   *     by {@code 2^stemChannels.size()}; the message names the field at fault
   */
  public DeeperLstmConfig {
    Objects.requireNonNull(data, "data");
    if (embeddingInit == null) {
      embeddingInit = EmbeddingInit.RANDOM;
    }
    stemChannels = List.copyOf(stemChannels);
    ConfigChecks.positive("embeddingDim", embeddingDim);
    ConfigChecks.positive("lstmUnits", lstmUnits);
    ConfigChecks.positive("lstmLayers", lstmLayers);
    ConfigChecks.positive("commonDim", commonDim);
    ConfigChecks.positive("hiddenUnits", hiddenUnits);
    ModelParts.checkStem(data, stemChannels);
    ConfigChecks.dropout(dropout);
  }

  /**
   * The defaults for small synthetic scenes: two LSTM layers as in the paper, 64-d random
   * embeddings, 128 LSTM units, a three-stage stem (16, 32, 64 channels) with batch normalization,
   * common size 512, 256 hidden units, dropout 0.1.
   *
   * @param data the data sizes the model is built for
   * @param seed the seed of the weights and dropout masks
   * @return a validated configuration whose {@link #modelName()} is {@code deeper-lstm}
   * @throws IllegalArgumentException if {@code data} has pixel input whose size is not divisible
   *     by 8 (the default stem has three stages)
   */
  public static DeeperLstmConfig defaults(DataShape data, long seed) {
    return new DeeperLstmConfig(data, 64, 128, 2, List.of(16, 32, 64), true, 512, 256, 0.1, seed);
  }

  @Override
  public String modelName() {
    return "deeper-lstm";
  }

  /**
   * Returns the length of the image vector: the flattened stem grid for pixels, the channels of a
   * pooled feature grid or of pooled object features.
   *
   * @return the image vector's length: {@code (size / 2^stages)² · lastStemChannels} for pixels,
   *     {@code C} for a grid {@code [C, H, W]}, {@code D + 6} for objects {@code [K, D + 6]}
   */
  public int imageVectorLength() {
    return ModelParts.imageVectorLength(data, stemChannels);
  }
}
