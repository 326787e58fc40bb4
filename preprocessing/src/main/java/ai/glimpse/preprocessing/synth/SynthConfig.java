package ai.glimpse.preprocessing.synth;

import java.util.Objects;

/**
 * What {@link SyntheticGenerator} writes: the preset, the number of images per split, the seed of
 * every random choice and the share of noisy human answers.
 *
 * @param preset the kind of dataset
 * @param trainImages the number of training images, 1 to {@value #MAX_IMAGES}
 * @param valImages the number of validation images, 1 to {@value #MAX_IMAGES}
 * @param seed the seed from which the scenes, questions and answers of both splits are derived
 * @param noise the probability, in [0, 1), that one human answer is not the true answer verbatim
 *     (either a plausible mistake or a format variant such as {@code "Two"} for {@code "2"})
 */
public record SynthConfig(Preset preset, int trainImages, int valImages, long seed, double noise) {
  /** The largest number of images per split; it keeps the image ids of the splits apart. */
  public static final int MAX_IMAGES = 1_000_000;

  /**
   * Validates the counts and the noise.
   *
   * @param preset the kind of dataset; not null
   * @param trainImages the number of training images, 1 to {@value #MAX_IMAGES}
   * @param valImages the number of validation images, 1 to {@value #MAX_IMAGES}
   * @param seed the seed of every random choice; any value
   * @param noise the probability of a noisy human answer, in [0, 1)
   * @throws NullPointerException if {@code preset} is null
   * @throws IllegalArgumentException if an image count or the noise is out of range (NaN included)
   */
  public SynthConfig {
    Objects.requireNonNull(preset, "preset");
    if (trainImages < 1 || trainImages > MAX_IMAGES) {
      throw new IllegalArgumentException(
          "trainImages must be in [1, " + MAX_IMAGES + "], got " + trainImages);
    }
    if (valImages < 1 || valImages > MAX_IMAGES) {
      throw new IllegalArgumentException(
          "valImages must be in [1, " + MAX_IMAGES + "], got " + valImages);
    }
    if (!(noise >= 0 && noise < 1)) {
      throw new IllegalArgumentException("noise must be in [0, 1), got " + noise);
    }
  }

  /**
   * Returns the defaults.
   *
   * @return shapes, 2000 training and 500 validation images, seed 7, noise 0.1
   */
  public static SynthConfig defaults() {
    return new SynthConfig(Preset.SHAPES, 2000, 500, 7L, 0.1);
  }

  /**
   * Returns a copy with another preset.
   *
   * @param newPreset the preset; not null
   * @return a new config, the other fields unchanged
   */
  public SynthConfig withPreset(Preset newPreset) {
    return new SynthConfig(newPreset, trainImages, valImages, seed, noise);
  }

  /**
   * Returns a copy with other image counts.
   *
   * @param newTrainImages the number of training images, 1 to {@value #MAX_IMAGES}
   * @param newValImages the number of validation images, 1 to {@value #MAX_IMAGES}
   * @return a new config, the other fields unchanged
   * @throws IllegalArgumentException if a count is out of range
   */
  public SynthConfig withImages(int newTrainImages, int newValImages) {
    return new SynthConfig(preset, newTrainImages, newValImages, seed, noise);
  }

  /**
   * Returns a copy with another seed.
   *
   * @param newSeed the seed
   * @return a new config, the other fields unchanged
   */
  public SynthConfig withSeed(long newSeed) {
    return new SynthConfig(preset, trainImages, valImages, newSeed, noise);
  }

  /**
   * Returns a copy with another answer noise.
   *
   * @param newNoise the probability of a noisy human answer, in [0, 1)
   * @return a new config, the other fields unchanged
   * @throws IllegalArgumentException if {@code newNoise} is outside [0, 1)
   */
  public SynthConfig withNoise(double newNoise) {
    return new SynthConfig(preset, trainImages, valImages, seed, newNoise);
  }
}
