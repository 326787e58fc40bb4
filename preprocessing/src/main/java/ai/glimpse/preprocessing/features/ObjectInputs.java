package ai.glimpse.preprocessing.features;

/**
 * Object images as an exported model takes them: the joined rows {@code [n, K, D + 6]} that
 * Glimpse stores and trains on, split into {@link FeatureKind#OBJECT_FEATURES} {@code [n, K, D]},
 * {@link FeatureKind#OBJECT_SPATIALS} {@code [n, K, 6]} and {@link FeatureKind#OBJECT_MASK}
 * {@code [n, K]} (1 for a real box, 0 for a padding slot, whose values are all zero).
 *
 * @param n the number of images
 * @param boxes K, the box slots per image
 * @param featureDim D, the features per box
 * @param features flat {@code [n, K, D]}
 * @param spatials flat {@code [n, K, 6]}
 * @param mask flat {@code [n, K]}
 */
public record ObjectInputs(int n, int boxes, int featureDim, float[] features, float[] spatials, float[] mask) {

  /**
   * Splits the first {@code n} images of {@code joined} (flat, {@code shape} per image). A slot is
   * marked real when any of its {@code D + 6} values is non-zero.
   *
   * @param joined the joined rows, flat {@code [n, K, D + 6]} (more images after them are ignored)
   * @param shape the per-image shape {@code [K, D + 6]}, of kind {@link FeatureKind#OBJECTS}
   * @param n the number of images to split, {@code >= 0}
   * @return the three inputs in new arrays
   * @throws IllegalArgumentException if {@code shape} is not an objects shape or {@code joined}
   *     holds fewer than {@code n} images
   */
  public static ObjectInputs split(float[] joined, FeatureShape shape, int n) {
    if (shape.kind() != FeatureKind.OBJECTS) {
      throw new IllegalArgumentException(shape + " is not object input");
    }
    if ((long) n * shape.length() > joined.length) {
      throw new IllegalArgumentException(n + " images of " + shape + " need " + (long) n * shape.length()
          + " values, got " + joined.length);
    }
    int k = shape.dims().get(0);
    int width = shape.dims().get(1);
    int d = width - FeatureShape.SPATIAL_DIM;
    float[] features = new float[n * k * d];
    float[] spatials = new float[n * k * FeatureShape.SPATIAL_DIM];
    float[] mask = new float[n * k];
    for (int slot = 0; slot < n * k; slot++) {
      int from = slot * width;
      System.arraycopy(joined, from, features, slot * d, d);
      System.arraycopy(joined, from + d, spatials, slot * FeatureShape.SPATIAL_DIM, FeatureShape.SPATIAL_DIM);
      boolean real = false;
      for (int i = from; i < from + width && !real; i++) {
        real = joined[i] != 0f;
      }
      mask[slot] = real ? 1f : 0f;
    }
    return new ObjectInputs(n, k, d, features, spatials, mask);
  }

  /**
   * The shape of {@link #features()}: {@code [n, K, D]}.
   *
   * @return a new array {@code [n, K, D]}, e.g. for an ONNX Runtime tensor
   */
  public long[] featuresShape() {
    return new long[] {n, boxes, featureDim};
  }

  /**
   * The shape of {@link #spatials()}: {@code [n, K, 6]}.
   *
   * @return a new array {@code [n, K, 6]}
   */
  public long[] spatialsShape() {
    return new long[] {n, boxes, FeatureShape.SPATIAL_DIM};
  }

  /**
   * The shape of {@link #mask()}: {@code [n, K]}.
   *
   * @return a new array {@code [n, K]}
   */
  public long[] maskShape() {
    return new long[] {n, boxes};
  }
}
