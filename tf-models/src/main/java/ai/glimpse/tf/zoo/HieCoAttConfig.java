package ai.glimpse.tf.zoo;

import java.util.List;
import java.util.Objects;

/**
 * Hierarchical Question-Image Co-Attention (Lu et al. 2016) with parallel co-attention at the
 * word, phrase and question levels, and a small convolutional stem for pixel input.
 *
 * @param data the data sizes
 * @param embeddingDim word embedding size; the word-level features are {@code tanh} of the
 *     embeddings, projected to {@code hiddenDim} first only when the two sizes differ
 * @param hiddenDim the common feature size {@code d} of the image regions (embedded by a
 *     {@code tanh} layer), of the phrase features, of the question LSTM's state and of the
 *     recursive encoding
 * @param stemChannels output channels of the stem's stages (3×3 convolution, ReLU, 2×2 max pool),
 *     in order; used with pixel input only
 * @param batchNorm whether each stem convolution is followed by batch normalization
 * @param coAttentionDim the size {@code k} of the co-attention's hidden maps {@code H_v}, {@code H_q}
 * @param dropout dropout rate in training, in [0, 1), before each layer of the recursive encoding
 *     and before the classifier
 * @param seed the seed of the weights and dropout masks
 * @param embeddingInit where the word embeddings start ({@code null} reads as random); with
 *     GloVe, {@code embeddingDim} must equal the prepared vectors' size
 */
public record HieCoAttConfig(
    DataShape data,
    int embeddingDim,
    int hiddenDim,
    List<Integer> stemChannels,
    boolean batchNorm,
    int coAttentionDim,
    double dropout,
    long seed,
    EmbeddingInit embeddingInit) implements ModelConfig {

  /** A configuration with randomly initialized word embeddings. */
  public HieCoAttConfig(DataShape data, int embeddingDim, int hiddenDim, List<Integer> stemChannels,
      boolean batchNorm, int coAttentionDim, double dropout, long seed) {
    this(data, embeddingDim, hiddenDim, stemChannels, batchNorm, coAttentionDim, dropout, seed,
        EmbeddingInit.RANDOM);
  }

  /** Validates every size and the dropout rate, naming the field at fault. */
  public HieCoAttConfig {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(stemChannels, "stemChannels");
    if (embeddingInit == null) {
      embeddingInit = EmbeddingInit.RANDOM;
    }
    stemChannels = List.copyOf(stemChannels);
    ConfigChecks.positive("embeddingDim", embeddingDim);
    ConfigChecks.positive("hiddenDim", hiddenDim);
    ConfigChecks.positive("coAttentionDim", coAttentionDim);
    ModelParts.checkStem(data, stemChannels);
    ConfigChecks.dropout(dropout);
  }

  /** The defaults for small synthetic scenes (the paper uses 512 for every size). */
  public static HieCoAttConfig defaults(DataShape data, long seed) {
    return new HieCoAttConfig(data, 64, 64, List.of(16, 32, 64), true, 64, 0.1, seed);
  }

  @Override
  public String modelName() {
    return "hiecoatt";
  }

  /** Returns the number of image regions attended over (stem cells, grid cells or object slots). */
  public int locations() {
    return ModelParts.locations(data, stemChannels);
  }

  /** Returns the feature size of one region as it enters the image embedding. */
  public int regionChannels() {
    return ModelParts.channels(data, stemChannels);
  }
}
