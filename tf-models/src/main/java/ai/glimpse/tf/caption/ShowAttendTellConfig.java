package ai.glimpse.tf.caption;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;

/**
 * The configuration of a {@link ShowAttendTell} captioner.
 *
 * @param imageInput whether the model reads pixels through its convolutional stem or a feature grid
 * @param imageDims the image tensor of one image: {@code [3, S, S]} pixels in [0, 1] (S divisible
 *     by {@code 2^stages}), or a grid {@code [C, H, W]}
 * @param stemChannels the output channels of each stem stage (pixels only; each stage halves the
 *     side); ignored and may be empty for a grid
 * @param maxWords the longest caption in words; training captions are cut to it and decoding
 *     stops after it (the decoder runs {@code maxWords + 1} steps, the last for {@code <end>})
 * @param embeddingDim the word embedding size, also the size of the deep output layer
 * @param lstmUnits the decoder LSTM's hidden size
 * @param attentionDim the hidden size of the attention MLP
 * @param dropout the dropout rate before the output layer in training, in [0, 1)
 * @param alphaC the weight c of the doubly stochastic attention penalty c·Σ_i(1 − Σ_t α_ti)², >= 0
 * @param seed the seed of the initial weights and the dropout masks
 */
public record ShowAttendTellConfig(ImageInput imageInput, List<Integer> imageDims,
    List<Integer> stemChannels, int maxWords, int embeddingDim, int lstmUnits, int attentionDim,
    double dropout, double alphaC, long seed) {

  /** How the model receives images. */
  public enum ImageInput {
    /** Pixels {@code [3, S, S]} in [0, 1], turned into a grid by a convolutional stem. */
    PIXELS,
    /** A precomputed feature grid {@code [C, H, W]}. */
    GRID
  }

  /**
   * Validates every field; the messages name the field, the expectation and the value. The
   * lists are copied into unmodifiable lists.
   *
   * @param imageInput whether the model reads pixels through its convolutional stem or a feature grid
   * @param imageDims the image tensor of one image: {@code [3, S, S]} pixels in [0, 1] (S divisible
   *     by {@code 2^stages}), or a grid {@code [C, H, W]}
   * @param stemChannels the output channels of each stem stage (pixels only; each stage halves the
   *     side); ignored and may be empty for a grid
   * @param maxWords the longest caption in words; training captions are cut to it and decoding
   *     stops after it (the decoder runs {@code maxWords + 1} steps, the last for {@code <end>})
   * @param embeddingDim the word embedding size, also the size of the deep output layer
   * @param lstmUnits the decoder LSTM's hidden size
   * @param attentionDim the hidden size of the attention MLP
   * @param dropout the dropout rate before the output layer in training, in [0, 1)
   * @param alphaC the weight c of the doubly stochastic attention penalty c·Σ_i(1 − Σ_t α_ti)², >= 0
   * @param seed the seed of the initial weights and the dropout masks
   * @throws NullPointerException if {@code imageInput}, {@code imageDims} or {@code stemChannels} is
   *     null, or a list holds a null
   * @throws IllegalArgumentException if {@code imageDims} is not three positive sizes; for pixels,
   *     if it is not {@code [3, S, S]}, if {@code stemChannels} is empty or holds a value below 1, or
   *     if S is not divisible by {@code 2^stages}; if a size is below 1, {@code dropout} is outside
   *     [0, 1), or {@code alphaC} is negative, NaN or infinite
   */
  public ShowAttendTellConfig {
    Objects.requireNonNull(imageInput, "imageInput");
    imageDims = List.copyOf(Objects.requireNonNull(imageDims, "imageDims"));
    stemChannels = List.copyOf(Objects.requireNonNull(stemChannels, "stemChannels"));
    if (imageDims.size() != 3 || imageDims.stream().anyMatch(d -> d < 1)) {
      throw new IllegalArgumentException("imageDims must be 3 positive sizes [C, H, W], got " + imageDims);
    }
    if (imageInput == ImageInput.PIXELS) {
      if (imageDims.get(0) != 3 || !imageDims.get(1).equals(imageDims.get(2))) {
        throw new IllegalArgumentException("pixel input must be [3, S, S], got " + imageDims);
      }
      if (stemChannels.isEmpty() || stemChannels.stream().anyMatch(c -> c < 1)) {
        throw new IllegalArgumentException("pixel input needs at least one positive stem stage, got "
            + stemChannels);
      }
      int side = imageDims.get(1);
      if (side % (1 << stemChannels.size()) != 0) {
        throw new IllegalArgumentException("image side " + side + " must be divisible by 2^"
            + stemChannels.size() + " for a stem of " + stemChannels.size() + " stages");
      }
    }
    positive("maxWords", maxWords);
    positive("embeddingDim", embeddingDim);
    positive("lstmUnits", lstmUnits);
    positive("attentionDim", attentionDim);
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }
    if (!(alphaC >= 0) || Double.isInfinite(alphaC)) {
      throw new IllegalArgumentException("alphaC must be finite and >= 0, got " + alphaC);
    }
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
  }

  /**
   * Small defaults that train on a CPU in minutes on {@code glimpse synth} data: 64×64 pixels, a
   * stem of 16, 32 and 64 channels (an 8×8 grid of 64 annotations of size 64), embeddings of 64,
   * an LSTM of 128 units, attention of 64, dropout 0.2, c = 1, captions up to 16 words.
   *
   * @return the defaults, with seed 1
   */
  public static ShowAttendTellConfig defaults() {
    return new ShowAttendTellConfig(ImageInput.PIXELS, List.of(3, 64, 64), List.of(16, 32, 64), 16,
        64, 128, 64, 0.2, 1.0, 1L);
  }

  /**
   * Returns this configuration with another seed.
   *
   * @param newSeed the seed of the initial weights and the dropout masks
   * @return a copy with {@code seed} set to {@code newSeed} and every other field unchanged
   */
  public ShowAttendTellConfig withSeed(long newSeed) {
    return new ShowAttendTellConfig(imageInput, imageDims, stemChannels, maxWords, embeddingDim,
        lstmUnits, attentionDim, dropout, alphaC, newSeed);
  }

  /**
   * Returns the height of the annotation grid: the side over {@code 2^stages}, or the grid's H.
   *
   * @return the grid height in cells, &gt;= 1
   */
  @JsonIgnore
  public int gridHeight() {
    return imageInput == ImageInput.PIXELS ? imageDims.get(1) >> stemChannels.size() : imageDims.get(1);
  }

  /**
   * Returns the width of the annotation grid.
   *
   * @return the grid width in cells: the side over {@code 2^stages} for pixels, or the grid's W
   */
  @JsonIgnore
  public int gridWidth() {
    return imageInput == ImageInput.PIXELS ? imageDims.get(2) >> stemChannels.size() : imageDims.get(2);
  }

  /**
   * Returns the number L of annotation vectors a_i (grid cells).
   *
   * @return {@link #gridHeight()} · {@link #gridWidth()}
   */
  @JsonIgnore
  public int locations() {
    return gridHeight() * gridWidth();
  }

  /**
   * Returns the size D of one annotation vector: the stem's last channels, or the grid's C.
   *
   * @return the annotation size D, &gt;= 1
   */
  @JsonIgnore
  public int annotationDim() {
    return imageInput == ImageInput.PIXELS ? stemChannels.get(stemChannels.size() - 1) : imageDims.get(0);
  }

  /**
   * Returns the number of floats of one image, {@code C·H·W}.
   *
   * @return the length of one flat image array as {@link CaptionDecoder} and the trainer take it
   */
  @JsonIgnore
  public int imageLength() {
    return imageDims.get(0) * imageDims.get(1) * imageDims.get(2);
  }

  /**
   * Returns the number of decoder steps in training, {@code maxWords + 1}.
   *
   * @return {@code maxWords + 1}: one step per word plus one for {@code <end>}
   */
  @JsonIgnore
  public int steps() {
    return maxWords + 1;
  }
}
