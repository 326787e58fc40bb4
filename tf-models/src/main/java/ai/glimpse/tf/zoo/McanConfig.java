package ai.glimpse.tf.zoo;

import java.util.List;
import java.util.Objects;

/**
 * Deep Modular Co-Attention Networks (Yu et al. 2019), encoder-decoder variant. The defaults are
 * small enough to train on a CPU; the paper's MCAN-ed-6 sizes ({@code hiddenSize} 512,
 * {@code heads} 8, {@code layers} 6, {@code ffnSize} 2048, {@code outSize} 1024, 300-d GloVe
 * embeddings) are reachable through the same record, see {@link #paperSizes(DataShape, long)}.
 *
 * @param data the data sizes; object features are the paper's input, a feature grid's cells and
 *     the stem's cells over pixels work too
 * @param embeddingDim word embedding size (300 in the paper, with GloVe)
 * @param hiddenSize the model size {@code d}: the LSTM state, the projected image regions and
 *     every attention unit's input and output
 * @param heads attention heads per unit; {@code hiddenSize} must be divisible by them
 * @param layers encoder layers (self-attention over the question) and, as many, decoder layers
 *     (self-attention over the image, then attention guided by the encoded question)
 * @param ffnSize the hidden size of each unit's feed-forward network (4·hiddenSize in the paper)
 * @param flatGlimpses attention maps of each attentional reduction ({@code AttFlat}; 1 in the paper)
 * @param outSize the size of the reduced question and image vectors and of their fusion
 *     (2·hiddenSize in the paper)
 * @param stemChannels output channels of the stem's stages (3×3 convolution, ReLU, 2×2 max pool),
 *     in order; used with pixel input only
 * @param batchNorm whether each stem convolution is followed by batch normalization
 * @param dropout dropout rate in training, in [0, 1), on attention maps, attention outputs,
 *     feed-forward networks and the reductions' MLPs
 * @param seed the seed of the dropout masks
 * @param embeddingInit where the word embeddings start ({@code null} reads as random); with
 *     GloVe, {@code embeddingDim} must equal the prepared vectors' size
 */
public record McanConfig(
    DataShape data,
    int embeddingDim,
    int hiddenSize,
    int heads,
    int layers,
    int ffnSize,
    int flatGlimpses,
    int outSize,
    List<Integer> stemChannels,
    boolean batchNorm,
    double dropout,
    long seed,
    EmbeddingInit embeddingInit) implements ModelConfig {

  /**
   * Validates every size, the heads against the model size, and the dropout rate, naming the
   * field at fault; a null {@code embeddingInit} becomes {@link EmbeddingInit#RANDOM} and
   * {@code stemChannels} is copied into an unmodifiable list.
   *
   * @param data the data sizes; object features are the paper's input, a feature grid's cells and
   *     the stem's cells over pixels work too
   * @param embeddingDim word embedding size (300 in the paper, with GloVe)
   * @param hiddenSize the model size {@code d}: the LSTM state, the projected image regions and
   *     every attention unit's input and output
   * @param heads attention heads per unit; {@code hiddenSize} must be divisible by them
   * @param layers encoder layers (self-attention over the question) and, as many, decoder layers
   *     (self-attention over the image, then attention guided by the encoded question)
   * @param ffnSize the hidden size of each unit's feed-forward network (4·hiddenSize in the paper)
   * @param flatGlimpses attention maps of each attentional reduction ({@code AttFlat}; 1 in the paper)
   * @param outSize the size of the reduced question and image vectors and of their fusion
   *     (2·hiddenSize in the paper)
   * @param stemChannels output channels of the stem's stages (3×3 convolution, ReLU, 2×2 max pool),
   *     in order; used with pixel input only
   * @param batchNorm whether each stem convolution is followed by batch normalization
   * @param dropout dropout rate in training, in [0, 1), on attention maps, attention outputs,
   *     feed-forward networks and the reductions' MLPs
   * @param seed the seed of the dropout masks
   * @param embeddingInit where the word embeddings start ({@code null} reads as random); with
   *     GloVe, {@code embeddingDim} must equal the prepared vectors' size
   * @throws NullPointerException if {@code data} or {@code stemChannels} is null, or {@code stemChannels}
   *     holds a null
   * @throws IllegalArgumentException if a size is below 1, {@code hiddenSize} is not divisible by
   *     {@code heads}, {@code dropout} is outside [0, 1), or, with pixel input, {@code stemChannels} is
   *     empty, holds a value below 1, or the image size is not divisible by {@code 2^stemChannels.size()};
   *     the message names the field at fault
   */
  public McanConfig {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(stemChannels, "stemChannels");
    if (embeddingInit == null) {
      embeddingInit = EmbeddingInit.RANDOM;
    }
    stemChannels = List.copyOf(stemChannels);
    ConfigChecks.positive("embeddingDim", embeddingDim);
    ConfigChecks.positive("hiddenSize", hiddenSize);
    ConfigChecks.positive("heads", heads);
    ConfigChecks.positive("layers", layers);
    ConfigChecks.positive("ffnSize", ffnSize);
    ConfigChecks.positive("flatGlimpses", flatGlimpses);
    ConfigChecks.positive("outSize", outSize);
    if (hiddenSize % heads != 0) {
      throw new IllegalArgumentException("hiddenSize " + hiddenSize + " must be divisible by heads "
          + heads + " (each head gets hiddenSize / heads features)");
    }
    ModelParts.checkStem(data, stemChannels);
    ConfigChecks.dropout(dropout);
  }

  /**
   * The defaults for small synthetic scenes: {@code d} 64, 4 heads, 2 encoder and 2 decoder
   * layers, feed-forward 256 (4·d), one glimpse, output 128 (2·d), dropout 0.1, 64-d embeddings,
   * a three-stage stem with batch normalization for pixels. At this size a training step on a
   * batch of 64 questions over 8 objects takes about 50 ms of CPU time, so an epoch of the default
   * synthetic data (1,250 steps) about a minute; {@code d} 128 with feed-forward 512 takes 2.5
   * times as long.
   *
   * @param data the data sizes the model is built for
   * @param seed the seed of the dropout masks
   * @return a validated configuration whose {@link #modelName()} is {@code mcan}
   * @throws IllegalArgumentException if {@code data} has pixel input whose size is not divisible
   *     by 8 (the default stem has three stages)
   */
  public static McanConfig defaults(DataShape data, long seed) {
    return new McanConfig(data, 64, 64, 4, 2, 256, 1, 128, List.of(16, 32, 64), true, 0.1, seed,
        EmbeddingInit.RANDOM);
  }

  /**
   * The paper's MCAN-ed-6 sizes: 300-d GloVe embeddings (kept training), {@code d} 512, 8 heads,
   * 6 + 6 layers, feed-forward 2048, one glimpse, output 1024, dropout 0.1.
   *
   * @param data the data sizes the model is built for
   * @param seed the seed of the dropout masks
   * @return a validated configuration whose {@link #modelName()} is {@code mcan}
   * @throws IllegalArgumentException if {@code data} has pixel input whose size is not divisible
   *     by 8 (the default stem has three stages)
   */
  public static McanConfig paperSizes(DataShape data, long seed) {
    return new McanConfig(data, 300, 512, 8, 6, 2048, 1, 1024, List.of(16, 32, 64), true, 0.1, seed,
        EmbeddingInit.GLOVE);
  }

  @Override
  public String modelName() {
    return "mcan";
  }

  /** MCAN trains with binary cross-entropy on the soft scores, as in the paper's code. */
  @Override
  public String defaultLoss() {
    return "bce";
  }

  /**
   * Returns the number of image regions {@code m} (stem cells, grid cells or object slots).
   *
   * @return {@code (size / 2^stages)²} for pixels, {@code H · W} for a grid {@code [C, H, W]},
   *     {@code K} for objects {@code [K, D + 6]}
   */
  public int locations() {
    return ModelParts.locations(data, stemChannels);
  }

  /**
   * Returns the feature size of one region before its projection to {@code hiddenSize}.
   *
   * @return the stem's last channel count for pixels, {@code C} for a grid {@code [C, H, W]},
   *     {@code D + 6} for objects {@code [K, D + 6]}
   */
  public int regionChannels() {
    return ModelParts.channels(data, stemChannels);
  }
}
