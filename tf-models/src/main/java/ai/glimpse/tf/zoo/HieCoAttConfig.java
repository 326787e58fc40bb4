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

  /**
   * A configuration with randomly initialized word embeddings.
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
   * @throws NullPointerException if {@code data} or {@code stemChannels} is null, or {@code stemChannels}
   *     holds a null
   * @throws IllegalArgumentException if {@code embeddingDim}, {@code hiddenDim} or {@code coAttentionDim} is
   *     below 1, {@code dropout} is outside [0, 1), or, with pixel input, {@code stemChannels} is empty,
   *     holds a value below 1, or the image size is not divisible by {@code 2^stemChannels.size()}; the
   *     message names the field and the value
   */
  public HieCoAttConfig(DataShape data, int embeddingDim, int hiddenDim, List<Integer> stemChannels,
      boolean batchNorm, int coAttentionDim, double dropout, long seed) {
    this(data, embeddingDim, hiddenDim, stemChannels, batchNorm, coAttentionDim, dropout, seed,
        EmbeddingInit.RANDOM);
  }

  /**
   * Validates every size and the dropout rate, naming the field at fault; a null
   * {@code embeddingInit} becomes {@link EmbeddingInit#RANDOM} and {@code stemChannels} is copied into an
   * unmodifiable list.
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
   * @throws NullPointerException if {@code data} or {@code stemChannels} is null, or {@code stemChannels}
   *     holds a null
   * @throws IllegalArgumentException if {@code embeddingDim}, {@code hiddenDim} or {@code coAttentionDim} is
   *     below 1, {@code dropout} is outside [0, 1), or, with pixel input, {@code stemChannels} is empty,
   *     holds a value below 1, or the image size is not divisible by {@code 2^stemChannels.size()}; the
   *     message names the field and the value
   */
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

  /**
   * The defaults for small synthetic scenes (the paper uses 512 for every size): 64 for the
   * embedding, hidden and co-attention sizes, random embeddings, a three-stage stem (16, 32, 64
   * channels) with batch normalization, dropout 0.1.
   *
   * @param data the data sizes the model is built for
   * @param seed the seed of the weights and dropout masks
   * @return a validated configuration whose {@link #modelName()} is {@code hiecoatt}
   * @throws IllegalArgumentException if {@code data} has pixel input whose size is not divisible
   *     by 8 (the default stem has three stages)
   */
  public static HieCoAttConfig defaults(DataShape data, long seed) {
    return new HieCoAttConfig(data, 64, 64, List.of(16, 32, 64), true, 64, 0.1, seed);
  }

  @Override
  public String modelName() {
    return "hiecoatt";
  }

  /**
   * Returns the number of image regions attended over (stem cells, grid cells or object slots).
   *
   * @return {@code (size / 2^stages)²} for pixels, {@code H · W} for a grid {@code [C, H, W]},
   *     {@code K} for objects {@code [K, D + 6]}
   */
  public int locations() {
    return ModelParts.locations(data, stemChannels);
  }

  /**
   * Returns the feature size of one region as it enters the image embedding.
   *
   * @return the stem's last channel count for pixels, {@code C} for a grid {@code [C, H, W]},
   *     {@code D + 6} for objects {@code [K, D + 6]}
   */
  public int regionChannels() {
    return ModelParts.channels(data, stemChannels);
  }
}
