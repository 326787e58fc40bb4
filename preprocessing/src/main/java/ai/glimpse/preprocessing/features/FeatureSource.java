package ai.glimpse.preprocessing.features;

/**
 * Per-image model input found by row: pixels, a feature grid or object features, each image a
 * flat tensor of {@link #shape()}. Readers may be lazy (HDF5) or in memory. Reads come from one
 * thread at a time.
 */
public interface FeatureSource extends AutoCloseable {
  /**
   * Returns the shape of one image's tensor.
   *
   * @return the per-image shape, without the batch axis
   */
  FeatureShape shape();

  /**
   * Returns the number of images.
   *
   * @return the number of rows; valid rows are {@code 0 .. size() - 1}
   */
  int size();

  /**
   * Returns the row of image {@code imageId}, or -1 when the source has no such image.
   *
   * @param imageId the image id, e.g. a COCO image id
   * @return the row in {@code 0 .. size() - 1}, or -1
   */
  int row(long imageId);

  /**
   * Copies row {@code row}, {@code shape().length()} floats, into {@code dst} at {@code offset}.
   * Read failures are {@link java.io.UncheckedIOException}s naming the file.
   *
   * @param row the row, in {@code 0 .. size() - 1}
   * @param dst the destination; needs room for {@code shape().length()} floats from {@code offset}
   * @param offset the index in {@code dst} of the first float written
   */
  void readRow(int row, float[] dst, int offset);

  /** Releases the source's file, if it has one. */
  @Override
  default void close() {}
}
