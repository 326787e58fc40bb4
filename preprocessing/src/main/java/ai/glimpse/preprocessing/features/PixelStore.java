package ai.glimpse.preprocessing.features;

import ai.glimpse.preprocessing.io.AtomicFiles;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Image pixel tensors held in memory and stored as HDF5: dataset {@code image_ids} {@code [N]}
 * (int64) and dataset {@code pixels} {@code [N, 3, H, W]} (float32 in [0, 1]). Rows are found by
 * image id.
 */
public final class PixelStore implements FeatureSource {
  /** The HDF5 dataset holding the image ids. */
  public static final String IMAGE_IDS = "image_ids";
  /** The HDF5 dataset holding the pixels. */
  public static final String PIXELS = "pixels";

  private final long[] imageIds;
  private final float[] pixels;
  private final int channels;
  private final int height;
  private final int width;
  private final Map<Long, Integer> rows;

  /**
   * Creates a store of {@code imageIds.length} images whose pixels are flat in
   * {@code [N, channels, height, width]} order. The arrays are kept, not copied.
   *
   * @param imageIds the image id of each row, {@code [N]}, all different
   * @param pixels the pixel values, flat {@code [N, channels, height, width]}, in [0, 1]
   * @param channels the channels per image; {@link #shape()} accepts only 3
   * @param height the image height in pixels
   * @param width the image width in pixels
   * @throws IllegalArgumentException if {@code pixels} does not hold exactly
   *     {@code N * channels * height * width} floats, or an id appears twice
   */
  public PixelStore(long[] imageIds, float[] pixels, int channels, int height, int width) {
    long expected = (long) imageIds.length * channels * height * width;
    if (pixels.length != expected) {
      throw new IllegalArgumentException("pixels hold " + pixels.length + " floats, expected "
          + expected + " for [" + imageIds.length + ", " + channels + ", " + height + ", " + width + "]");
    }
    this.imageIds = imageIds;
    this.pixels = pixels;
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.rows = new HashMap<>(imageIds.length * 2);
    for (int i = 0; i < imageIds.length; i++) {
      if (rows.put(imageIds[i], i) != null) {
        throw new IllegalArgumentException("duplicate image id " + imageIds[i]);
      }
    }
  }

  /**
   * Reads a store written by {@link #write(Path)}; errors name the file and the shape found.
   * All pixels are read into memory.
   *
   * @param file the HDF5 file with datasets {@code image_ids} and {@code pixels}
   * @return the store; closing it is not needed (it holds no file)
   * @throws IOException if the file does not exist ({@link NoSuchFileException}), is not readable
   *     HDF5, lacks a dataset, has {@code pixels} not float32 {@code [N, 3, H, W]}, ids that are not
   *     integers or not one per row, or an id twice; the message names the file
   */
  public static PixelStore read(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "pixel file not found");
    }
    try (HdfFile hdf = new HdfFile(file)) {
      Dataset ids = dataset(hdf, file, IMAGE_IDS);
      Dataset px = dataset(hdf, file, PIXELS);
      int[] dims = px.getDimensions();
      if (dims.length != 4 || dims[1] != 3) {
        throw new IOException(file + ": dataset '" + PIXELS + "' expects [N, 3, H, W], got "
            + Arrays.toString(dims));
      }
      long[] idArray = toLongs(ids.getDataFlat(), file);
      if (idArray.length != dims[0]) {
        throw new IOException(file + ": '" + IMAGE_IDS + "' has " + idArray.length
            + " ids but '" + PIXELS + "' has " + dims[0] + " rows");
      }
      Object flat = px.getDataFlat();
      if (!(flat instanceof float[] floats)) {
        throw new IOException(file + ": dataset '" + PIXELS + "' must be float32, got "
            + px.getJavaType().getSimpleName());
      }
      return new PixelStore(idArray, floats, dims[1], dims[2], dims[3]);
    } catch (RuntimeException e) {
      throw new IOException(file + ": cannot read HDF5 pixel store: " + e.getMessage(), e);
    }
  }

  private static Dataset dataset(HdfFile hdf, Path file, String name) throws IOException {
    Node node = hdf.getChildren().get(name);
    if (!(node instanceof Dataset d)) {
      throw new IOException(file + ": no dataset '" + name + "' (found " + hdf.getChildren().keySet() + ")");
    }
    return d;
  }

  private static long[] toLongs(Object data, Path file) throws IOException {
    if (data instanceof long[] l) {
      return l;
    }
    if (data instanceof int[] ints) {
      long[] out = new long[ints.length];
      for (int i = 0; i < ints.length; i++) {
        out[i] = ints[i];
      }
      return out;
    }
    throw new IOException(file + ": '" + IMAGE_IDS + "' must hold integers, got "
        + data.getClass().getSimpleName());
  }

  /**
   * Writes this store as HDF5 to {@code file}, through a temporary file moved into place.
   *
   * @param file the output file; missing parent directories are created, an existing file is
   *     replaced
   * @throws IOException if the file cannot be written or moved into place; the temporary file is
   *     deleted and an existing {@code file} is left as it was
   */
  public void write(Path file) throws IOException {
    float[][][][] nested = new float[imageIds.length][channels][height][width];
    int k = 0;
    for (float[][][] image : nested) {
      for (float[][] plane : image) {
        for (float[] row : plane) {
          System.arraycopy(pixels, k, row, 0, width);
          k += width;
        }
      }
    }
    AtomicFiles.writeWithPath(file, tmp -> {
      try (WritableHdfFile hdf = HdfFile.write(tmp)) {
        hdf.putDataset(IMAGE_IDS, imageIds.clone());
        hdf.putDataset(PIXELS, nested);
      }
    });
  }

  @Override
  public int row(long imageId) {
    Integer r = rows.get(imageId);
    return r == null ? -1 : r;
  }

  @Override
  public void readRow(int row, float[] dst, int offset) {
    int len = imageLength();
    System.arraycopy(pixels, row * len, dst, offset, len);
  }

  @Override
  public FeatureShape shape() {
    return new FeatureShape(FeatureKind.PIXELS, java.util.List.of(channels, height, width));
  }

  /**
   * Returns the number of floats of one image, {@code C * H * W}.
   *
   * @return {@code channels * height * width}
   */
  public int imageLength() {
    return channels * height * width;
  }

  @Override
  public int size() {
    return imageIds.length;
  }

  /**
   * Returns the image id of row {@code row}.
   *
   * @param row the row, in {@code 0 .. size() - 1}
   * @return the image id
   * @throws ArrayIndexOutOfBoundsException if {@code row} is out of range
   */
  public long imageId(int row) {
    return imageIds[row];
  }

  /**
   * Returns the number of channels (3).
   *
   * @return the channels per image, 3 (R, G, B) for a store read from a file
   */
  public int channels() {
    return channels;
  }

  /**
   * Returns the image height in pixels.
   *
   * @return {@code H}
   */
  public int height() {
    return height;
  }

  /**
   * Returns the image width in pixels.
   *
   * @return {@code W}
   */
  public int width() {
    return width;
  }
}
