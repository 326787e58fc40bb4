package ai.glimpse.tf.zoo;

import java.util.List;
import java.util.Objects;

/**
 * Show, Ask, Attend and Answer (Kazemi and Elqursh 2017), with a small convolutional stem for
 * pixel input.
 *
 * @param data the data sizes
 * @param embeddingDim word embedding size
 * @param lstmUnits LSTM state size (the question vector)
 * @param stemChannels output channels of the stem's stages (3×3 convolution, ReLU, 2×2 max pool), in order
 * @param batchNorm whether each stem convolution is followed by batch normalization (moving
 *     averages in inference); it lets the stem learn from scratch in a few epochs
 * @param attentionDim hidden size of the attention MLP (1×1 convolutions)
 * @param fusion how the attention MLP joins image locations and the question
 * @param imageScale the grid features are L2-normalized over channels (as in the paper) and then
 *     multiplied by this factor; {@code sqrt(channels)} gives unit-variance features to a learned
 *     stem, where the paper's scale of 1 suits large pretrained grids
 * @param glimpses number of attention glimpses
 * @param hiddenUnits hidden size of the classifier
 * @param dropout dropout rate in training, in [0, 1)
 * @param seed the seed of the weights and dropout masks
 * @param embeddingInit where the word embeddings start ({@code null} reads as random); with
 *     GloVe, {@code embeddingDim} must equal the prepared vectors' size
 */
public record SaaaConfig(
    DataShape data,
    int embeddingDim,
    int lstmUnits,
    List<Integer> stemChannels,
    boolean batchNorm,
    int attentionDim,
    Fusion fusion,
    double imageScale,
    int glimpses,
    int hiddenUnits,
    double dropout,
    long seed,
    EmbeddingInit embeddingInit) implements ModelConfig {

  /** How image locations and the question are joined before the attention logits. */
  public enum Fusion {
    /**
     * The paper's form: the question tiled over locations and concatenated with the image, then a
     * 1×1 convolution and ReLU, i.e. {@code ReLU(W_v v + W_q q)}.
     */
    CONCAT,
    /** Element-wise product of the projections, {@code ReLU(W_v v) ⊙ ReLU(W_q q)} (as in MLB/BUTD). */
    PRODUCT
  }

  /**
   * A configuration with randomly initialized word embeddings.
   *
   * @param data the data sizes
   * @param embeddingDim word embedding size
   * @param lstmUnits LSTM state size (the question vector)
   * @param stemChannels output channels of the stem's stages (3×3 convolution, ReLU, 2×2 max pool),
   *     in order
   * @param batchNorm whether each stem convolution is followed by batch normalization (moving
   *     averages in inference); it lets the stem learn from scratch in a few epochs
   * @param attentionDim hidden size of the attention MLP (1×1 convolutions)
   * @param fusion how the attention MLP joins image locations and the question
   * @param imageScale the grid features are L2-normalized over channels (as in the paper) and then
   *     multiplied by this factor; {@code sqrt(channels)} gives unit-variance features to a learned
   *     stem, where the paper's scale of 1 suits large pretrained grids
   * @param glimpses number of attention glimpses
   * @param hiddenUnits hidden size of the classifier
   * @param dropout dropout rate in training, in [0, 1)
   * @param seed the seed of the weights and dropout masks
   * @throws NullPointerException if {@code data}, {@code fusion} or {@code stemChannels} is null, or
   *     {@code stemChannels} holds a null
   * @throws IllegalArgumentException if {@code embeddingDim}, {@code lstmUnits}, {@code attentionDim},
   *     {@code glimpses} or {@code hiddenUnits} is below 1, {@code imageScale} is not above 0,
   *     {@code dropout} is outside [0, 1), or, with pixel input, {@code stemChannels} is empty, holds a value
   *     below 1, or the image size is not divisible by {@code 2^stemChannels.size()}; the message names the
   *     field and the value
   */
  public SaaaConfig(DataShape data, int embeddingDim, int lstmUnits, List<Integer> stemChannels, boolean batchNorm, int attentionDim, Fusion fusion, double imageScale, int glimpses, int hiddenUnits, double dropout, long seed) {
    this(data, embeddingDim, lstmUnits, stemChannels, batchNorm, attentionDim, fusion, imageScale, glimpses, hiddenUnits, dropout, seed, EmbeddingInit.RANDOM);
  }

  /**
   * Validates every size, the image scale and the dropout rate; a null {@code embeddingInit}
   * becomes {@link EmbeddingInit#RANDOM} and {@code stemChannels} is copied into an unmodifiable list.
   *
   * @param data the data sizes
   * @param embeddingDim word embedding size
   * @param lstmUnits LSTM state size (the question vector)
   * @param stemChannels output channels of the stem's stages (3×3 convolution, ReLU, 2×2 max pool),
   *     in order
   * @param batchNorm whether each stem convolution is followed by batch normalization (moving
   *     averages in inference); it lets the stem learn from scratch in a few epochs
   * @param attentionDim hidden size of the attention MLP (1×1 convolutions)
   * @param fusion how the attention MLP joins image locations and the question
   * @param imageScale the grid features are L2-normalized over channels (as in the paper) and then
   *     multiplied by this factor; {@code sqrt(channels)} gives unit-variance features to a learned
   *     stem, where the paper's scale of 1 suits large pretrained grids
   * @param glimpses number of attention glimpses
   * @param hiddenUnits hidden size of the classifier
   * @param dropout dropout rate in training, in [0, 1)
   * @param seed the seed of the weights and dropout masks
   * @param embeddingInit where the word embeddings start ({@code null} reads as random); with
   *     GloVe, {@code embeddingDim} must equal the prepared vectors' size
   * @throws NullPointerException if {@code data}, {@code fusion} or {@code stemChannels} is null, or
   *     {@code stemChannels} holds a null
   * @throws IllegalArgumentException if {@code embeddingDim}, {@code lstmUnits}, {@code attentionDim},
   *     {@code glimpses} or {@code hiddenUnits} is below 1, {@code imageScale} is not above 0,
   *     {@code dropout} is outside [0, 1), or, with pixel input, {@code stemChannels} is empty, holds a value
   *     below 1, or the image size is not divisible by {@code 2^stemChannels.size()}; the message names the
   *     field and the value
   */
  public SaaaConfig {
    Objects.requireNonNull(data, "data");
    if (embeddingInit == null) {
      embeddingInit = EmbeddingInit.RANDOM;
    }
    Objects.requireNonNull(fusion, "fusion");
    stemChannels = List.copyOf(stemChannels);
    ConfigChecks.positive("embeddingDim", embeddingDim);
    ConfigChecks.positive("lstmUnits", lstmUnits);
    ConfigChecks.positive("attentionDim", attentionDim);
    ConfigChecks.positive("glimpses", glimpses);
    ConfigChecks.positive("hiddenUnits", hiddenUnits);
    ModelParts.checkStem(data, stemChannels);
    if (!(imageScale > 0)) {
      throw new IllegalArgumentException("imageScale must be > 0, got " + imageScale);
    }
    ConfigChecks.dropout(dropout);
  }

  /**
   * The defaults for small synthetic scenes: 64-d random embeddings, 128 LSTM units, a three-stage
   * stem (16, 32, 64 channels) with batch normalization, attention size 128 with
   * {@link Fusion#CONCAT}, image scale 8, two glimpses, 256 hidden units, dropout 0.1.
   *
   * @param data the data sizes the model is built for
   * @param seed the seed of the weights and dropout masks
   * @return a validated configuration whose {@link #modelName()} is {@code saaa}
   * @throws IllegalArgumentException if {@code data} has pixel input whose size is not divisible
   *     by 8 (the default stem has three stages)
   */
  public static SaaaConfig defaults(DataShape data, long seed) {
    return new SaaaConfig(data, 64, 128, List.of(16, 32, 64), true, 128, Fusion.CONCAT, 8.0, 2, 256, 0.1, seed);
  }

  @Override
  public String modelName() {
    return "saaa";
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
