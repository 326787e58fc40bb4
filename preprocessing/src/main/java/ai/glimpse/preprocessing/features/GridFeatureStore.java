package ai.glimpse.preprocessing.features;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grid image features (a CNN's last feature map) in an HDF5 file, read lazily row by row: an ids
 * dataset {@code [N]} (int32, int64 or strings) and a features dataset {@code [N, C, H, W]}
 * (float16 or float32, returned as float32). Images are looked up by id; {@link #readBatch}
 * reads only the rows of the batch. The caller that opens the store closes it; a store is not
 * thread-safe.
 */
public final class GridFeatureStore extends ImageFeatureStore implements FeatureSource {
  private static final Logger LOG = LoggerFactory.getLogger(GridFeatureStore.class);

  /**
   * The names of the two datasets of a grid feature file; they may be paths into groups.
   *
   * @param idsName the ids dataset {@code [N]}
   * @param featuresName the features dataset {@code [N, C, H, W]}
   */
  public record Layout(String idsName, String featuresName) {
    /** Glimpse's names: {@code image_ids} and {@code features}. */
    public static final Layout DEFAULT = new Layout("image_ids", "features");
    /** The names of the seed projects' files: {@code img_ids} and {@code img_features}. */
    public static final Layout SEED = new Layout("img_ids", "img_features");

    /**
     * Validates that both names are given and differ.
     *
     * @param idsName the ids dataset {@code [N]}; not null or blank
     * @param featuresName the features dataset {@code [N, C, H, W]}; not null or blank, and not
     *     {@code idsName}
     * @throws IllegalArgumentException if a name is blank or both names are the same
     */
    public Layout {
      Objects.requireNonNull(idsName, "idsName");
      Objects.requireNonNull(featuresName, "featuresName");
      if (idsName.isBlank() || featuresName.isBlank()) {
        throw new IllegalArgumentException("dataset names must not be blank, got '" + idsName
            + "' and '" + featuresName + "'");
      }
      if (idsName.equals(featuresName)) {
        throw new IllegalArgumentException("ids and features need two datasets, got '" + idsName + "' twice");
      }
    }
  }

  private final Layout layout;
  private final FloatRows features;
  private final int channels;
  private final int height;
  private final int width;

  private GridFeatureStore(FeatureFile file, Layout layout, ImageIdIndex ids, FloatRows features) {
    super(file, ids);
    this.layout = layout;
    this.features = features;
    int[] dims = features.dims();
    this.channels = dims[1];
    this.height = dims[2];
    this.width = dims[3];
  }

  /**
   * Opens a grid feature file with the {@link Layout#DEFAULT} names, or the {@link Layout#SEED}
   * names when the default ones are absent.
   *
   * @param path the HDF5 feature file
   * @return the open store; the caller closes it (try-with-resources)
   * @throws IOException if the file is missing or not readable HDF5, has neither pair of datasets,
   *     or its ids or features have the wrong rank, type or row count, or an id appears twice;
   *     the message names the file (and the dataset). The file is closed before it is thrown.
   */
  public static GridFeatureStore open(Path path) throws IOException {
    FeatureFile file = FeatureFile.open(path);
    try {
      Layout layout;
      if (file.has(Layout.DEFAULT.idsName()) && file.has(Layout.DEFAULT.featuresName())) {
        layout = Layout.DEFAULT;
      } else if (file.has(Layout.SEED.idsName()) && file.has(Layout.SEED.featuresName())) {
        layout = Layout.SEED;
      } else {
        throw new IOException(path + ": expected datasets '" + Layout.DEFAULT.idsName() + "' and '"
            + Layout.DEFAULT.featuresName() + "', or '" + Layout.SEED.idsName() + "' and '"
            + Layout.SEED.featuresName() + "', found " + file.names());
      }
      return create(file, layout);
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  /**
   * Opens a grid feature file whose datasets have the names of {@code layout}.
   *
   * @param path the HDF5 feature file
   * @param layout the names of the ids and features datasets, not null
   * @return the open store; the caller closes it (try-with-resources)
   * @throws IOException if the file is missing or not readable HDF5, lacks a dataset of
   *     {@code layout}, or its ids or features have the wrong rank, type or row count, or an id
   *     appears twice; the message names the file and the dataset. The file is closed before it
   *     is thrown.
   */
  public static GridFeatureStore open(Path path, Layout layout) throws IOException {
    Objects.requireNonNull(layout, "layout");
    FeatureFile file = FeatureFile.open(path);
    try {
      return create(file, layout);
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  private static GridFeatureStore create(FeatureFile file, Layout layout) throws IOException {
    FloatRows features = file.floatRows(layout.featuresName(), "[N, C, H, W]", 4);
    int[] idDims = file.dataset(layout.idsName()).getDimensions();
    if (idDims.length != 1) {
      throw file.shapeError(layout.idsName(), "[N]", idDims);
    }
    ImageIdIndex ids = ImageIdIndex.ofDataset(file.readAll(layout.idsName()),
        file.path() + ": dataset '" + layout.idsName() + "'");
    if (ids.rows() != features.rows()) {
      throw new IOException(file.path() + ": dataset '" + layout.idsName() + "' has " + ids.rows()
          + " ids but '" + layout.featuresName() + "' has " + features.rows() + " rows "
          + Arrays.toString(features.dims()));
    }
    GridFeatureStore store = new GridFeatureStore(file, layout, ids, features);
    LOG.debug("opened {}: {} images of [{}, {}, {}]", file.path(), store.size(), store.channels,
        store.height, store.width);
    return store;
  }

  /**
   * Returns the file this store reads.
   *
   * @return the path the store was opened with
   */
  public Path file() {
    return file.path();
  }

  /**
   * Returns the dataset names in use.
   *
   * @return the layout given to {@link #open(Path, Layout)}, or the one {@link #open(Path)} found
   */
  public Layout layout() {
    return layout;
  }

  @Override
  public FeatureShape shape() {
    return FeatureShape.grid(channels, height, width);
  }

  /** Returns the number of images, {@code N}. */
  @Override
  public int size() {
    return features.rows();
  }

  /**
   * Returns the number of channels {@code C}.
   *
   * @return {@code C}, e.g. 2048 for ResNet-152
   */
  public int channels() {
    return channels;
  }

  /**
   * Returns the grid height {@code H}, in cells.
   *
   * @return {@code H}, e.g. 14
   */
  public int height() {
    return height;
  }

  /**
   * Returns the grid width {@code W}, in cells.
   *
   * @return {@code W}, e.g. 14
   */
  public int width() {
    return width;
  }

  /**
   * Returns the number of floats of one image, {@code C * H * W}.
   *
   * @return {@code C * H * W}, the same as {@code shape().length()}
   */
  public int featureLength() {
    return features.rowLength();
  }

  /**
   * Copies the features of image {@code imageId}, {@code [C, H, W]} flat, into {@code dst} at
   * float offset {@code offset}. Read failures are {@link java.io.UncheckedIOException}s naming
   * the file.
   *
   * @param imageId the image id
   * @param dst the destination; needs room for {@link #featureLength()} floats from {@code offset}
   * @param offset the index in {@code dst} of the first float written
   * @throws IllegalArgumentException if the store has no image {@code imageId}, or {@code dst} is
   *     too short
   * @throws IllegalStateException if the store is closed
   */
  public void read(long imageId, float[] dst, int offset) {
    readRow(rowOf(imageId), dst, offset);
  }

  /** Copies the features of row {@code row}, {@code [C, H, W]} flat, into {@code dst} at {@code offset}. */
  @Override
  public void readRow(int row, float[] dst, int offset) {
    checkOpen();
    features.read(row, dst, offset);
  }

  /**
   * Copies the features of a batch of images into {@code dst}, flat {@code [batch, C, H, W]}:
   * image {@code imageIds[i]} goes to offset {@code i * featureLength()}. Only these rows are
   * read, adjacent rows in one slice.
   *
   * @param imageIds the images of the batch, in batch order; repeats are allowed
   * @param dst the destination, at least {@code imageIds.length * featureLength()} floats; the
   *     floats past the batch are left as they are
   * @throws IllegalArgumentException if {@code dst} is too short or an id is unknown
   * @throws IllegalStateException if the store is closed
   */
  public void readBatch(long[] imageIds, float[] dst) {
    checkOpen();
    int len = featureLength();
    if ((long) imageIds.length * len > dst.length) {
      throw new IllegalArgumentException("destination of " + dst.length + " floats cannot hold "
          + imageIds.length + " images of [" + channels + ", " + height + ", " + width + "]");
    }
    int[] rows = new int[imageIds.length];
    int[] offsets = new int[imageIds.length];
    for (int i = 0; i < imageIds.length; i++) {
      rows[i] = rowOf(imageIds[i]);
      offsets[i] = i * len;
    }
    features.readRows(rows, dst, offsets);
  }
}
