package ai.glimpse.preprocessing.features;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Object (bottom-up attention) features in an HDF5 file, read lazily row by row. The layout that
 * {@link TsvConverter} writes: {@code image_ids [N]} (integers or strings), {@code image_features
 * [N, K, D]} (float16 or float32), {@code spatial_features [N, K, 6]}, {@code image_bb [N, K, 4]}
 * (x1, y1, x2, y2 in pixels; optional) and {@code num_boxes [N]} (int32; optional, K when
 * absent). Rows past an image's box count are zero padding.
 *
 * <p>The GQA layout has no {@code image_ids}: the rows are found through a JSON index
 * {@code {"<image id>": {"index": row, ...}}} given in {@link Options}. The caller that opens the
 * store closes it; a store is not thread-safe.
 */
public final class ObjectFeatureStore extends ImageFeatureStore implements FeatureSource {
  /** The ids dataset {@code [N]}. */
  public static final String IMAGE_IDS = "image_ids";
  /** The box features dataset {@code [N, K, D]}. */
  public static final String IMAGE_FEATURES = "image_features";
  /** The boxes dataset {@code [N, K, 4]}, pixels. */
  public static final String IMAGE_BB = "image_bb";
  /** The spatial features dataset {@code [N, K, 6]}. */
  public static final String SPATIAL_FEATURES = "spatial_features";
  /** The box counts dataset {@code [N]}. */
  public static final String NUM_BOXES = "num_boxes";
  /** The number of spatial features per box. */
  public static final int SPATIAL_DIM = 6;
  /** The number of coordinates per box. */
  public static final int BOX_DIM = 4;

  private static final Logger LOG = LoggerFactory.getLogger(ObjectFeatureStore.class);

  /**
   * How to open an object feature file.
   *
   * @param indexFile a JSON index mapping image ids to rows (the GQA layout), or null to use the
   *     file's {@code image_ids} dataset
   */
  public record Options(Path indexFile) {
    /** Rows found through the file's {@code image_ids} dataset. */
    public static final Options DEFAULT = new Options(null);

    /**
     * Returns options that find rows through the JSON index {@code indexFile}.
     *
     * @param indexFile the JSON index {@code {"<image id>": {"index": row, ...}}}, not null; read
     *     when the store is opened
     * @return options with that index
     */
    public static Options withIndex(Path indexFile) {
      return new Options(Objects.requireNonNull(indexFile, "indexFile"));
    }
  }

  private final FloatRows features;
  private final FloatRows spatial;
  private final FloatRows boxes;
  private final int[] boxCounts;
  private final int maxBoxes;
  private final int featureDim;
  private final float[] scratchFeatures;
  private final float[] scratchSpatial;

  private ObjectFeatureStore(FeatureFile file, ImageIdIndex ids, FloatRows features, FloatRows spatial,
      FloatRows boxes, int[] boxCounts) {
    super(file, ids);
    this.features = features;
    this.spatial = spatial;
    this.boxes = boxes;
    this.boxCounts = boxCounts;
    this.maxBoxes = features.dims()[1];
    this.featureDim = features.dims()[2];
    this.scratchFeatures = new float[features.rowLength()];
    this.scratchSpatial = new float[spatial.rowLength()];
  }

  /**
   * Opens an object feature file that has an {@code image_ids} dataset.
   *
   * @param path the HDF5 feature file, e.g. written by {@link TsvConverter}
   * @return the open store; the caller closes it (try-with-resources)
   * @throws IOException if the file is missing or not readable HDF5, a dataset is missing or has
   *     the wrong shape or type, a box count is outside {@code 0..K}, or an id appears twice; the
   *     message names the file and the dataset. The file is closed before it is thrown.
   */
  public static ObjectFeatureStore open(Path path) throws IOException {
    return open(path, Options.DEFAULT);
  }

  /**
   * Opens an object feature file, finding rows as {@code options} says.
   *
   * @param path the HDF5 feature file
   * @param options how to find the rows, not null; {@link Options#DEFAULT} for the
   *     {@code image_ids} dataset
   * @return the open store; the caller closes it (try-with-resources)
   * @throws IOException as {@link #open(Path)}, and also if the JSON index is missing, malformed,
   *     or maps an id outside the file's rows or two ids to one row; without an index, if the
   *     file has no {@code image_ids} dataset
   */
  public static ObjectFeatureStore open(Path path, Options options) throws IOException {
    Objects.requireNonNull(options, "options");
    FeatureFile file = FeatureFile.open(path);
    try {
      return create(file, options);
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  private static ObjectFeatureStore create(FeatureFile file, Options options) throws IOException {
    FloatRows features = file.floatRows(IMAGE_FEATURES, "[N, K, D]", 3);
    int[] fd = features.dims();
    int n = fd[0];
    int k = fd[1];
    FloatRows spatial = file.floatRows(SPATIAL_FEATURES, "[N, K, 6]", 3);
    checkShape(file, SPATIAL_FEATURES, spatial.dims(), new int[] {n, k, SPATIAL_DIM});
    FloatRows boxes = null;
    if (file.has(IMAGE_BB)) {
      boxes = file.floatRows(IMAGE_BB, "[N, K, 4]", 3);
      checkShape(file, IMAGE_BB, boxes.dims(), new int[] {n, k, BOX_DIM});
    }
    int[] counts = readCounts(file, n, k);
    ImageIdIndex ids;
    if (options.indexFile() != null) {
      ids = ImageIdIndex.readJson(options.indexFile(), n);
    } else if (file.has(IMAGE_IDS)) {
      int[] idDims = file.dataset(IMAGE_IDS).getDimensions();
      if (idDims.length != 1 || idDims[0] != n) {
        throw file.shapeError(IMAGE_IDS, "[" + n + "] (one id per row of '" + IMAGE_FEATURES + "')", idDims);
      }
      ids = ImageIdIndex.ofDataset(file.readAll(IMAGE_IDS), file.path() + ": dataset '" + IMAGE_IDS + "'");
    } else {
      throw new IOException(file.path() + ": no dataset '" + IMAGE_IDS + "' (found " + file.names()
          + ") and no JSON index: a GQA-layout file needs the index that maps image ids to rows, "
          + "pass it with ObjectFeatureStore.Options.withIndex(path)");
    }
    ObjectFeatureStore store = new ObjectFeatureStore(file, ids, features, spatial, boxes, counts);
    LOG.debug("opened {}: {} images, {} boxes of {} features", file.path(), n, k, fd[2]);
    return store;
  }

  private static void checkShape(FeatureFile file, String name, int[] found, int[] expected) throws IOException {
    if (!Arrays.equals(found, expected)) {
      throw file.shapeError(name, Arrays.toString(expected) + " (matching '" + IMAGE_FEATURES + "')", found);
    }
  }

  private static int[] readCounts(FeatureFile file, int n, int k) throws IOException {
    int[] counts = new int[n];
    if (!file.has(NUM_BOXES)) {
      Arrays.fill(counts, k);
      return counts;
    }
    int[] dims = file.dataset(NUM_BOXES).getDimensions();
    if (dims.length != 1 || dims[0] != n) {
      throw file.shapeError(NUM_BOXES, "[" + n + "]", dims);
    }
    Object data = file.readAll(NUM_BOXES);
    if (data instanceof int[] ints) {
      counts = ints;
    } else if (data instanceof long[] longs) {
      for (int i = 0; i < n; i++) {
        counts[i] = (int) Math.max(-1, Math.min(Integer.MAX_VALUE, longs[i]));
      }
    } else {
      throw new IOException(file.path() + ": dataset '" + NUM_BOXES + "' must hold integers, got "
          + data.getClass().getSimpleName());
    }
    for (int i = 0; i < n; i++) {
      if (counts[i] < 0 || counts[i] > k) {
        throw new IOException(file.path() + ": dataset '" + NUM_BOXES + "' row " + i + " holds "
            + counts[i] + ", expected 0.." + k);
      }
    }
    return counts;
  }

  /**
   * Returns the file this store reads.
   *
   * @return the path the store was opened with
   */
  public Path file() {
    return file.path();
  }

  /** Returns the joined shape {@code [K, D + 6]} that models take. */
  @Override
  public FeatureShape shape() {
    return FeatureShape.objects(maxBoxes, featureDim);
  }

  /**
   * Copies row {@code row} as models take it, flat {@code [K, D + 6]}: each real box's features
   * followed by its spatial features, and zeros in the slots beyond the box count.
   */
  @Override
  public void readRow(int row, float[] dst, int offset) {
    int count = readRow(row, scratchFeatures, scratchSpatial, 0);
    int width = featureDim + SPATIAL_DIM;
    java.util.Arrays.fill(dst, offset, offset + maxBoxes * width, 0f);
    for (int k = 0; k < count; k++) {
      System.arraycopy(scratchFeatures, k * featureDim, dst, offset + k * width, featureDim);
      System.arraycopy(scratchSpatial, k * SPATIAL_DIM, dst, offset + k * width + featureDim, SPATIAL_DIM);
    }
  }

  /** Returns the number of rows, {@code N}. */
  @Override
  public int size() {
    return features.rows();
  }

  /**
   * Returns the number of box slots per image, {@code K}.
   *
   * @return {@code K}, the second dimension of {@code image_features}
   */
  public int maxBoxes() {
    return maxBoxes;
  }

  /**
   * Returns the feature size of one box, {@code D}.
   *
   * @return {@code D}, e.g. 2048 for bottom-up-attention features
   */
  public int featureDim() {
    return featureDim;
  }

  /**
   * Returns whether the file holds the pixel boxes ({@code image_bb}).
   *
   * @return true when {@link #boxes(long)} can be called
   */
  public boolean hasBoxes() {
    return boxes != null;
  }

  /**
   * Returns the number of real boxes of image {@code imageId}.
   *
   * @param imageId the image id
   * @return the count in {@code 0..K} from {@code num_boxes}, or {@code K} when the file has none
   * @throws IllegalArgumentException if the store has no such image
   */
  public int boxCount(long imageId) {
    return boxCounts[rowOf(imageId)];
  }

  /**
   * Copies image {@code imageId} into batch position {@code slot}: its features {@code [K, D]} to
   * {@code features} at {@code slot * K * D} and its spatial features {@code [K, 6]} to
   * {@code spatial} at {@code slot * K * 6}; returns its box count. Read failures are
   * {@link java.io.UncheckedIOException}s naming the file.
   *
   * @param imageId the image id
   * @param features the batch's features, flat {@code [batch, K, D]}
   * @param spatial the batch's spatial features, flat {@code [batch, K, 6]}
   * @param slot the position in the batch, from 0
   * @return the number of real boxes, {@code 0..K}; the slots past it hold zeros
   * @throws IllegalArgumentException if the store has no such image, or an array is too short
   *     for {@code slot}
   * @throws IllegalStateException if the store is closed
   */
  public int read(long imageId, float[] features, float[] spatial, int slot) {
    return readRow(rowOf(imageId), features, spatial, slot);
  }

  /**
   * Copies row {@code row} into batch position {@code slot} as
   * {@link #read(long, float[], float[], int)} does.
   *
   * @param row the row, in {@code 0 .. size() - 1}
   * @param features the batch's features, flat {@code [batch, K, D]}
   * @param spatial the batch's spatial features, flat {@code [batch, K, 6]}
   * @param slot the position in the batch, from 0
   * @return the number of real boxes of the row, {@code 0..K}
   * @throws IllegalArgumentException if {@code row} is out of range or an array is too short
   * @throws IllegalStateException if the store is closed
   */
  public int readRow(int row, float[] features, float[] spatial, int slot) {
    checkOpen();
    checkRow(row);
    this.features.read(row, features, slot * this.features.rowLength());
    this.spatial.read(row, spatial, slot * this.spatial.rowLength());
    return boxCounts[row];
  }

  /**
   * Copies a batch of images: features flat {@code [batch, K, D]} and spatial features flat
   * {@code [batch, K, 6]}, image {@code imageIds[i]} at position i; returns the box counts
   * {@code [batch]}. Only these rows are read, adjacent rows in one slice.
   *
   * @param imageIds the images of the batch, in batch order; repeats are allowed
   * @param features the destination of the features, at least {@code batch * K * D} floats
   * @param spatial the destination of the spatial features, at least {@code batch * K * 6} floats
   * @return a new array of the real box counts, {@code counts[i]} for {@code imageIds[i]}
   * @throws IllegalArgumentException if an id is unknown or an array is too short
   * @throws IllegalStateException if the store is closed
   */
  public int[] readBatch(long[] imageIds, float[] features, float[] spatial) {
    checkOpen();
    int n = imageIds.length;
    int[] rows = new int[n];
    int[] counts = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = rowOf(imageIds[i]);
      counts[i] = boxCounts[rows[i]];
    }
    this.features.readRows(rows, features, offsets(n, this.features.rowLength()));
    this.spatial.readRows(rows, spatial, offsets(n, this.spatial.rowLength()));
    return counts;
  }

  /**
   * Reads everything the file holds on image {@code imageId}, padded to {@code K} boxes.
   *
   * @param imageId the image id
   * @return the image's features, spatial features, box count and (when the file has
   *     {@code image_bb}) pixel boxes, in new arrays
   * @throws IllegalArgumentException if the store has no such image
   * @throws IllegalStateException if the store is closed
   */
  public ObjectFeatures read(long imageId) {
    int row = rowOf(imageId);
    float[] f = new float[features.rowLength()];
    float[] s = new float[spatial.rowLength()];
    int count = readRow(row, f, s, 0);
    float[] b = new float[boxes == null ? 0 : boxes.rowLength()];
    if (boxes != null) {
      boxes.read(row, b, 0);
    }
    return new ObjectFeatures(imageId, count, f, s, b);
  }

  /**
   * Returns the real boxes of image {@code imageId} in pixels, flat {@code [boxCount, 4]} (x1, y1,
   * x2, y2); fails with {@link IllegalStateException} when the file has no {@code image_bb}.
   *
   * @param imageId the image id
   * @return a new array of {@code boxCount(imageId) * 4} floats, without the padding slots
   * @throws IllegalArgumentException if the store has no such image
   * @throws IllegalStateException if the file has no {@code image_bb} or the store is closed
   */
  public float[] boxes(long imageId) {
    checkOpen();
    if (boxes == null) {
      throw new IllegalStateException(file.path() + ": no dataset '" + IMAGE_BB + "' (found "
          + file.names() + ")");
    }
    int row = rowOf(imageId);
    float[] all = new float[boxes.rowLength()];
    boxes.read(row, all, 0);
    return Arrays.copyOf(all, boxCounts[row] * BOX_DIM);
  }

  private static int[] offsets(int n, int rowLength) {
    int[] offsets = new int[n];
    for (int i = 0; i < n; i++) {
      offsets[i] = Math.multiplyExact(i, rowLength);
    }
    return offsets;
  }

  private void checkRow(int row) {
    if (row < 0 || row >= size()) {
      throw new IllegalArgumentException(file.path() + ": row " + row + " is outside 0.." + (size() - 1));
    }
  }
}
