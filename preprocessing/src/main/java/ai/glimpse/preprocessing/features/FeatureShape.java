package ai.glimpse.preprocessing.features;

import java.util.List;
import java.util.Objects;

/**
 * The per-image tensor of one {@link FeatureKind}: {@code [3, H, W]} pixels, a {@code [C, H, W]}
 * grid, or {@code [K, D + 6]} objects.
 *
 * @param kind the kind of input
 * @param dims the per-image dimensions (without the batch axis)
 */
public record FeatureShape(FeatureKind kind, List<Integer> dims) {
  /** The spatial features appended to each object's features. */
  public static final int SPATIAL_DIM = 6;

  /**
   * Validates the rank and sizes for the kind.
   *
   * @param kind the kind of input, not null
   * @param dims the per-image dimensions, all at least 1: three for pixels (the first 3) and grids,
   *     two for objects (the second more than 6); copied
   * @throws IllegalArgumentException if the rank or a size does not fit the kind
   */
  public FeatureShape {
    Objects.requireNonNull(kind, "kind");
    dims = List.copyOf(dims);
    int rank = kind == FeatureKind.OBJECTS ? 2 : 3;
    if (dims.size() != rank || dims.stream().anyMatch(d -> d < 1)) {
      throw new IllegalArgumentException(kind.cliName() + " input needs " + rank
          + " positive dimensions, got " + dims);
    }
    if (kind == FeatureKind.PIXELS && dims.get(0) != 3) {
      throw new IllegalArgumentException("pixel input must be [3, H, W], got " + dims);
    }
    if (kind == FeatureKind.OBJECTS && dims.get(1) <= SPATIAL_DIM) {
      throw new IllegalArgumentException("object input [K, D + 6] needs D >= 1, got " + dims);
    }
  }

  /**
   * Square pixel tensors {@code [3, size, size]}.
   *
   * @param size the side of the image in pixels, at least 1
   * @return the pixels shape
   */
  public static FeatureShape pixels(int size) {
    return new FeatureShape(FeatureKind.PIXELS, List.of(3, size, size));
  }

  /**
   * A feature grid {@code [channels, height, width]}.
   *
   * @param channels the channels {@code C}, at least 1
   * @param height the grid height {@code H} in cells, at least 1
   * @param width the grid width {@code W} in cells, at least 1
   * @return the grid shape
   */
  public static FeatureShape grid(int channels, int height, int width) {
    return new FeatureShape(FeatureKind.GRID, List.of(channels, height, width));
  }

  /**
   * Up to {@code boxes} objects of {@code featureDim} features each, plus 6 spatial features.
   *
   * @param boxes the box slots per image {@code K}, at least 1
   * @param featureDim the features per box {@code D}, at least 1
   * @return the objects shape {@code [boxes, featureDim + 6]}
   */
  public static FeatureShape objects(int boxes, int featureDim) {
    return new FeatureShape(FeatureKind.OBJECTS, List.of(boxes, featureDim + SPATIAL_DIM));
  }

  /**
   * Returns the number of floats of one image.
   *
   * @return the product of {@link #dims()}
   * @throws ArithmeticException if the product overflows an {@code int}
   */
  public int length() {
    int n = 1;
    for (int d : dims) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /**
   * Returns the dimensions with a leading batch axis of {@code batch}.
   *
   * @param batch the size of the leading axis, e.g. the number of images of a batch
   * @return a new array {@code [batch, dims...]}, e.g. {@code [batch, C, H, W]}
   */
  public long[] withBatch(long batch) {
    long[] out = new long[dims.size() + 1];
    out[0] = batch;
    for (int i = 0; i < dims.size(); i++) {
      out[i + 1] = dims.get(i);
    }
    return out;
  }

  /**
   * Returns the boxes of one object image {@code [K, D + 6]}: per slot the first four spatial
   * features, the box as normalized {@code (x1, y1, x2, y2)} in [0, 1] (padding slots give zeros).
   *
   * @param row one image's values, {@link #length()} of them
   * @return a new array {@code [K][4]}
   * @throws IllegalStateException if this is not an objects shape
   * @throws IllegalArgumentException if {@code row} has the wrong length
   */
  public float[][] boxes(float[] row) {
    if (kind != FeatureKind.OBJECTS) {
      throw new IllegalStateException(this + " has no boxes; only objects input does");
    }
    if (row.length != length()) {
      throw new IllegalArgumentException("an image of " + this + " has " + length() + " values, got " + row.length);
    }
    int k = dims.get(0);
    int width = dims.get(1);
    float[][] boxes = new float[k][4];
    for (int i = 0; i < k; i++) {
      System.arraycopy(row, i * width + width - SPATIAL_DIM, boxes[i], 0, 4);
    }
    return boxes;
  }

  /** Returns the shape as text, e.g. {@code grid [2048, 14, 14]}. */
  @Override
  public String toString() {
    return kind.cliName() + " " + dims;
  }
}
