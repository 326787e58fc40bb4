package ai.glimpse.tf.zoo;

import java.util.List;
import java.util.Objects;

/**
 * Multimodal Compact Bilinear pooling with attention (Fukui et al. 2016), with a small
 * convolutional stem for pixel input (or grid and object features, as {@code saaa} reads them).
 *
 * @param data the data sizes
 * @param embeddingDim word embedding size
 * @param lstmUnits LSTM state size (the question vector)
 * @param stemChannels output channels of the stem's stages (3×3 convolution, ReLU, 2×2 max pool),
 *     in order
 * @param batchNorm whether each stem convolution is followed by batch normalization
 * @param sketchDim the count sketch size {@code d} of both compact bilinear poolings (the paper
 *     uses 16000; a few thousand suffice for small synthetic scenes)
 * @param attentionHidden the channels of the attention's hidden 1×1 convolution (512 in the paper)
 * @param glimpses number of attention glimpses (2 in the paper)
 * @param dropout dropout rate in training, in [0, 1)
 * @param seed the seed of the dropout masks (the weights and the count sketches are drawn by
 *     {@link ai.glimpse.tf.layers.Params} from the graph's seed, as for every model, and the
 *     sketches are saved in checkpoints with the weights)
 * @param embeddingInit where the word embeddings start ({@code null} reads as random); with
 *     GloVe, {@code embeddingDim} must equal the prepared vectors' size
 */
public record McbConfig(
    DataShape data,
    int embeddingDim,
    int lstmUnits,
    List<Integer> stemChannels,
    boolean batchNorm,
    int sketchDim,
    int attentionHidden,
    int glimpses,
    double dropout,
    long seed,
    EmbeddingInit embeddingInit) implements ModelConfig {

  /**
   * A configuration with randomly initialized word embeddings.
   *
   * @param data the data sizes
   * @param embeddingDim word embedding size
   * @param lstmUnits LSTM state size (the question vector)
   * @param stemChannels output channels of the stem's stages (3×3 convolution, ReLU, 2×2 max pool),
   *     in order
   * @param batchNorm whether each stem convolution is followed by batch normalization
   * @param sketchDim the count sketch size {@code d} of both compact bilinear poolings (the paper
   *     uses 16000; a few thousand suffice for small synthetic scenes)
   * @param attentionHidden the channels of the attention's hidden 1×1 convolution (512 in the paper)
   * @param glimpses number of attention glimpses (2 in the paper)
   * @param dropout dropout rate in training, in [0, 1)
   * @param seed the seed of the dropout masks (the weights and the count sketches are drawn by
   *     {@link ai.glimpse.tf.layers.Params} from the graph's seed, as for every model, and the
   *     sketches are saved in checkpoints with the weights)
   * @throws NullPointerException if {@code data} or {@code stemChannels} is null, or {@code stemChannels}
   *     holds a null
   * @throws IllegalArgumentException if {@code embeddingDim}, {@code lstmUnits}, {@code attentionHidden} or
   *     {@code glimpses} is below 1, {@code sketchDim} is below 2, {@code dropout} is outside [0, 1), or,
   *     with pixel input, {@code stemChannels} is empty, holds a value below 1, or the image size is not
   *     divisible by {@code 2^stemChannels.size()}; the message names the field at fault
   */
  public McbConfig(DataShape data, int embeddingDim, int lstmUnits, List<Integer> stemChannels,
      boolean batchNorm, int sketchDim, int attentionHidden, int glimpses, double dropout, long seed) {
    this(data, embeddingDim, lstmUnits, stemChannels, batchNorm, sketchDim, attentionHidden, glimpses,
        dropout, seed, EmbeddingInit.RANDOM);
  }

  /**
   * Validates every size and the dropout rate; a null {@code embeddingInit} becomes
   * {@link EmbeddingInit#RANDOM} and {@code stemChannels} is copied into an unmodifiable list.
   *
   * @param data the data sizes
   * @param embeddingDim word embedding size
   * @param lstmUnits LSTM state size (the question vector)
   * @param stemChannels output channels of the stem's stages (3×3 convolution, ReLU, 2×2 max pool),
   *     in order
   * @param batchNorm whether each stem convolution is followed by batch normalization
   * @param sketchDim the count sketch size {@code d} of both compact bilinear poolings (the paper
   *     uses 16000; a few thousand suffice for small synthetic scenes)
   * @param attentionHidden the channels of the attention's hidden 1×1 convolution (512 in the paper)
   * @param glimpses number of attention glimpses (2 in the paper)
   * @param dropout dropout rate in training, in [0, 1)
   * @param seed the seed of the dropout masks (the weights and the count sketches are drawn by
   *     {@link ai.glimpse.tf.layers.Params} from the graph's seed, as for every model, and the
   *     sketches are saved in checkpoints with the weights)
   * @param embeddingInit where the word embeddings start ({@code null} reads as random); with
   *     GloVe, {@code embeddingDim} must equal the prepared vectors' size
   * @throws NullPointerException if {@code data} or {@code stemChannels} is null, or {@code stemChannels}
   *     holds a null
   * @throws IllegalArgumentException if {@code embeddingDim}, {@code lstmUnits}, {@code attentionHidden} or
   *     {@code glimpses} is below 1, {@code sketchDim} is below 2, {@code dropout} is outside [0, 1), or,
   *     with pixel input, {@code stemChannels} is empty, holds a value below 1, or the image size is not
   *     divisible by {@code 2^stemChannels.size()}; the message names the field at fault
   */
  public McbConfig {
    Objects.requireNonNull(data, "data");
    if (embeddingInit == null) {
      embeddingInit = EmbeddingInit.RANDOM;
    }
    Objects.requireNonNull(stemChannels, "stemChannels");
    stemChannels = List.copyOf(stemChannels);
    ConfigChecks.positive("embeddingDim", embeddingDim);
    ConfigChecks.positive("lstmUnits", lstmUnits);
    if (sketchDim < 2) {
      throw new IllegalArgumentException("sketchDim must be >= 2, got " + sketchDim);
    }
    ConfigChecks.positive("attentionHidden", attentionHidden);
    ConfigChecks.positive("glimpses", glimpses);
    ModelParts.checkStem(data, stemChannels);
    ConfigChecks.dropout(dropout);
  }

  /**
   * The defaults for small synthetic scenes: a 1024-d sketch instead of the paper's 16000 (the
   * bilinear products of the 128-d question and regions of up to 198 values are 8k to 25k long,
   * compressed 8 to 25 times, where the paper compresses 2048×2048 into 16000). On the synthetic
   * shapes, 512, 1024 and 2048 gave the same first-epoch accuracy, and 2048 took three times as long.
   * The other defaults: 64-d random embeddings, 128 LSTM units, a three-stage stem (16, 32, 64
   * channels) with batch normalization, 128 attention hidden channels, two glimpses, dropout 0.1.
   *
   * @param data the data sizes the model is built for
   * @param seed the seed of the dropout masks
   * @return a validated configuration whose {@link #modelName()} is {@code mcb}
   * @throws IllegalArgumentException if {@code data} has pixel input whose size is not divisible
   *     by 8 (the default stem has three stages)
   */
  public static McbConfig defaults(DataShape data, long seed) {
    return new McbConfig(data, 64, 128, List.of(16, 32, 64), true, 1024, 128, 2, 0.1, seed);
  }

  @Override
  public String modelName() {
    return "mcb";
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
