package ai.glimpse.preprocessing.features;

import java.util.List;

/**
 * What the HDF5 feature stores share: an open feature file, its image ids and their lookup, and
 * closing. The subclasses read the features themselves.
 */
public abstract class ImageFeatureStore implements AutoCloseable {
  /** The open HDF5 file. */
  final FeatureFile file;
  /** The image id of each row. */
  final ImageIdIndex ids;
  private boolean closed;

  ImageFeatureStore(FeatureFile file, ImageIdIndex ids) {
    this.file = file;
    this.ids = ids;
  }

  /**
   * Returns the image ids in row order; fails with {@link IllegalStateException} when some id is
   * a string that is not a decimal number (use {@link #imageKeys()}).
   *
   * @return a new array of the ids ordered by row; entry {@code i} is row {@code i} unless a JSON
   *     index leaves some rows without an id
   */
  public long[] imageIds() {
    return ids.numbers();
  }

  /**
   * Returns the image ids as strings in row order.
   *
   * @return an unmodifiable list of the ids as stored (integer ids in decimal)
   */
  public List<String> imageKeys() {
    return ids.keys();
  }

  /**
   * Returns whether the store holds image {@code imageId}.
   *
   * @param imageId the image id
   * @return true when {@link #row(long)} finds it
   */
  public boolean contains(long imageId) {
    return ids.rowOf(imageId) >= 0;
  }

  /**
   * Returns the row of image {@code imageId}, or -1 when the store has no such image.
   *
   * @param imageId the image id
   * @return the row in {@code 0 .. N - 1}, or -1
   */
  public int row(long imageId) {
    return ids.rowOf(imageId);
  }

  /**
   * Returns the row of image {@code imageId}; an unknown id is an {@link IllegalArgumentException}.
   *
   * @param imageId the image id
   * @return the row in {@code 0 .. N - 1}
   * @throws IllegalArgumentException if the store has no such image; the message names the file
   */
  public int rowOf(long imageId) {
    return ids.requireRow(imageId, file.path());
  }

  /**
   * Returns the row of an image id given as a string: the string itself ({@code "n161313"}) or,
   * for a decimal number, that number. An unknown id is an {@link IllegalArgumentException}.
   *
   * @param imageId the id as a string; surrounding whitespace is ignored
   * @return the row in {@code 0 .. N - 1}
   * @throws IllegalArgumentException if the store has no such image; the message names the file
   */
  public int rowOf(String imageId) {
    return ids.requireRow(imageId, file.path());
  }

  /** Throws {@link IllegalStateException} once the store is closed. */
  void checkOpen() {
    if (closed) {
      throw new IllegalStateException(getClass().getSimpleName() + " is closed (" + file.path() + ")");
    }
  }

  /** Closes the HDF5 file; later reads throw {@link IllegalStateException}. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      file.close();
    }
  }
}
