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

  /** A configuration with randomly initialized word embeddings. */
  public SanConfig(DataShape data, int embeddingDim, int lstmUnits, List<Integer> stemChannels, boolean batchNorm, int attentionDim, int layers, double dropout, long seed) {
    this(data, embeddingDim, lstmUnits, stemChannels, batchNorm, attentionDim, layers, dropout, seed, EmbeddingInit.RANDOM);
  }

  /** Validates every size and the dropout rate. */
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

  /** The defaults for small synthetic scenes: two attention layers. */
  public static SanConfig defaults(DataShape data, long seed) {
    return new SanConfig(data, 64, 128, List.of(16, 32, 64), true, 128, 2, 0.1, seed);
  }

  @Override
  public String modelName() {
    return "san";
  }

  /** Returns the number of attention locations (stem cells, grid cells or object slots). */
  public int locations() {
    return ModelParts.locations(data, stemChannels);
  }

  /** Returns the feature size of one location. */
  public int regionChannels() {
    return ModelParts.channels(data, stemChannels);
  }
}
