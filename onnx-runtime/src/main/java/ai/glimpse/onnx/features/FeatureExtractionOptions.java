package ai.glimpse.onnx.features;

import java.util.Arrays;
import java.util.Objects;

/**
 * How {@link GridFeatureExtractor} prepares images and stores features.
 *
 * @param imageSize the side of the square the images are resized to, in pixels
 * @param mean the per-channel (R, G, B) mean subtracted from pixels in [0, 1]
 * @param std the per-channel (R, G, B) standard deviation pixels are divided by
 * @param outputName the model output holding the grid features; null takes the first output
 * @param batchSize the number of images per ONNX Runtime run (a model with a fixed batch size
 *     overrides it)
 * @param float16 whether features are stored as float16 (half the size) rather than float32
 */
public record FeatureExtractionOptions(int imageSize, float[] mean, float[] std, String outputName,
    int batchSize, boolean float16) {
  /** The default image side, as in the VQA seeds' ResNet-152 features (14 × 14 grids). */
  public static final int DEFAULT_IMAGE_SIZE = 448;
  /** The default batch size. */
  public static final int DEFAULT_BATCH_SIZE = 8;

  private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

  /**
   * Validates the options and copies the arrays.
   *
   * @param imageSize the side of the square the images are resized to, in pixels
   * @param mean the per-channel (R, G, B) mean subtracted from pixels in [0, 1]
   * @param std the per-channel (R, G, B) standard deviation pixels are divided by
   * @param outputName the model output holding the grid features; null takes the first output
   * @param batchSize the number of images per ONNX Runtime run (a model with a fixed batch size overrides
   *     it)
   * @param float16 whether features are stored as float16 (half the size) rather than float32
   * @throws IllegalArgumentException if {@code imageSize} or {@code batchSize} is below 1, {@code mean} or
   *     {@code std} does not hold exactly 3 values, a mean is not finite, a standard deviation is not
   *     positive and finite, or {@code outputName} is blank
   * @throws NullPointerException if {@code mean} or {@code std} is null
   */
  public FeatureExtractionOptions {
    if (imageSize < 1) {
      throw new IllegalArgumentException("image size must be >= 1 pixel, got " + imageSize);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    mean = checkChannels(mean, "mean");
    std = checkChannels(std, "std");
    for (int c = 0; c < 3; c++) {
      if (!(std[c] > 0) || !Float.isFinite(std[c])) {
        throw new IllegalArgumentException("std must be positive and finite, got " + Arrays.toString(std));
      }
      if (!Float.isFinite(mean[c])) {
        throw new IllegalArgumentException("mean must be finite, got " + Arrays.toString(mean));
      }
    }
    if (outputName != null && outputName.isBlank()) {
      throw new IllegalArgumentException("output name must not be blank; use null for the model's first output");
    }
  }

  private static float[] checkChannels(float[] values, String name) {
    Objects.requireNonNull(values, name);
    if (values.length != 3) {
      throw new IllegalArgumentException(name + " needs 3 values (R, G, B), got " + Arrays.toString(values));
    }
    return values.clone();
  }

  /**
   * 448 px, ImageNet mean and std, the first output, batches of 8, float16 storage.
   *
   * @return the default options
   */
  public static FeatureExtractionOptions defaults() {
    return new FeatureExtractionOptions(DEFAULT_IMAGE_SIZE, IMAGENET_MEAN, IMAGENET_STD, null,
        DEFAULT_BATCH_SIZE, true);
  }

  /**
   * Returns a copy of the per-channel mean.
   *
   * @return a new 3-element array (R, G, B) the caller may modify
   */
  @Override
  public float[] mean() {
    return mean.clone();
  }

  /**
   * Returns a copy of the per-channel standard deviation.
   *
   * @return a new 3-element array (R, G, B) the caller may modify
   */
  @Override
  public float[] std() {
    return std.clone();
  }

  /**
   * Returns these options with another image size.
   *
   * @param size the side of the square images are resized to, in pixels, at least 1
   * @return a new options instance; this one is unchanged
   * @throws IllegalArgumentException if {@code size} is below 1
   */
  public FeatureExtractionOptions withImageSize(int size) {
    return new FeatureExtractionOptions(size, mean, std, outputName, batchSize, float16);
  }

  /**
   * Returns these options with another per-channel mean and standard deviation.
   *
   * @param newMean the (R, G, B) mean subtracted from pixels in [0, 1]; 3 finite values, copied
   * @param newStd the (R, G, B) standard deviation pixels are divided by; 3 positive finite values, copied
   * @return a new options instance; this one is unchanged
   * @throws IllegalArgumentException if either array does not hold 3 valid values
   */
  public FeatureExtractionOptions withNormalization(float[] newMean, float[] newStd) {
    return new FeatureExtractionOptions(imageSize, newMean, newStd, outputName, batchSize, float16);
  }

  /**
   * Returns these options reading output {@code name} (null: the first output).
   *
   * @param name the model output holding the grid features, or null; not blank
   * @return a new options instance; this one is unchanged
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public FeatureExtractionOptions withOutputName(String name) {
    return new FeatureExtractionOptions(imageSize, mean, std, name, batchSize, float16);
  }

  /**
   * Returns these options with another batch size.
   *
   * @param size the number of images per ONNX Runtime run, at least 1 (a model with a fixed batch size
   *     overrides it)
   * @return a new options instance; this one is unchanged
   * @throws IllegalArgumentException if {@code size} is below 1
   */
  public FeatureExtractionOptions withBatchSize(int size) {
    return new FeatureExtractionOptions(imageSize, mean, std, outputName, size, float16);
  }

  /**
   * Returns these options storing float16 ({@code true}) or float32 features.
   *
   * @param half true to store features as float16 (half the bytes), false for float32
   * @return a new options instance; this one is unchanged
   */
  public FeatureExtractionOptions withFloat16(boolean half) {
    return new FeatureExtractionOptions(imageSize, mean, std, outputName, batchSize, half);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureExtractionOptions other && other.imageSize == imageSize
        && Arrays.equals(other.mean, mean) && Arrays.equals(other.std, std)
        && Objects.equals(other.outputName, outputName) && other.batchSize == batchSize
        && other.float16 == float16;
  }

  @Override
  public int hashCode() {
    return Objects.hash(imageSize, Arrays.hashCode(mean), Arrays.hashCode(std), outputName, batchSize, float16);
  }

  @Override
  public String toString() {
    return "FeatureExtractionOptions[imageSize=" + imageSize + ", mean=" + Arrays.toString(mean)
        + ", std=" + Arrays.toString(std) + ", outputName=" + outputName + ", batchSize=" + batchSize
        + ", float16=" + float16 + "]";
  }
}
