package ai.glimpse.preprocessing.features;

import ai.glimpse.preprocessing.io.AtomicFiles;
import ai.glimpse.preprocessing.io.Hdf5StreamWriter;
import ai.glimpse.preprocessing.io.Hdf5Type;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts bottom-up-attention feature TSV files ({@link TsvLayout}) to one HDF5 file in the
 * layout {@link ObjectFeatureStore} reads: {@code image_ids [N]} int64, {@code image_features
 * [N, K, D]} float32 (or float16 on request), {@code image_bb [N, K, 4]} float32 (x1, y1, x2, y2
 * in pixels),
 * {@code spatial_features [N, K, 6]} float32 = (x1/w, y1/h, x2/w, y2/h, (x2-x1)/w, (y2-y1)/h) and
 * {@code num_boxes [N]} int32. K is the largest box count; images with fewer boxes are padded
 * with zeros and keep their count.
 *
 * <p>The files are concatenated in order and streamed twice: the first pass checks every row
 * and finds N, K and D, the second decodes one row at a time and streams it straight into the
 * file with {@link Hdf5StreamWriter}, so memory stays at a few rows' worth (O(K·D)) whatever N
 * is; only the image ids seen (for the duplicate check) grow with N. The output is written
 * through a temporary file moved into place. Image ids that are not numbers
 * ({@code COCO_val2014_000000000042}) become the number they end with (42).
 */
public final class TsvConverter {
  private static final Logger LOG = LoggerFactory.getLogger(TsvConverter.class);
  private static final Pattern TRAILING_DIGITS = Pattern.compile("(?<!\\d)(\\d{1,18})$");
  private static final CSVFormat TSV = CSVFormat.Builder.create()
      .setDelimiter('\t')
      .setQuote(null)
      .setEscape(null)
      .setRecordSeparator("\n")
      .setIgnoreEmptyLines(true)
      .get();

  /**
   * What a conversion wrote.
   *
   * @param output the HDF5 file
   * @param images the number of images (rows), N
   * @param maxBoxes the box slots per image, K
   * @param featureDim the feature size of a box, D
   * @param layouts the layout detected in each input file, in order
   */
  public record Result(Path output, int images, int maxBoxes, int featureDim, List<TsvLayout> layouts) {
    /**
     * Copies the layouts list.
     *
     * @param output the HDF5 file
     * @param images the number of images (rows), N
     * @param maxBoxes the box slots per image, K
     * @param featureDim the feature size of a box, D
     * @param layouts the layout detected in each input file, in order; copied, not null
     */
    public Result {
      layouts = List.copyOf(layouts);
    }
  }

  private TsvConverter() {}

  /**
   * Converts {@code tsvFiles}, concatenated in order, to the HDF5 file {@code out} with float32
   * features. Bad input is an {@link IOException} naming the file, the row, the image id and the
   * layout; on failure no file is left at {@code out}.
   *
   * @param tsvFiles the TSV files, at least one; each may use either {@link TsvLayout}
   * @param out the HDF5 file to write; missing parent directories are created, an existing file
   *     is replaced
   * @return the output file, N, K, D and the layout of each input
   * @throws IOException if a file is missing ({@link NoSuchFileException}) or unreadable, a row is
   *     malformed, an image id appears twice, there are no rows or no boxes, or the output cannot
   *     be written; a file that existed at {@code out} before is left as it was
   * @throws IllegalArgumentException if {@code tsvFiles} is null or empty
   */
  public static Result convert(List<Path> tsvFiles, Path out) throws IOException {
    return convert(tsvFiles, out, false);
  }

  /**
   * Converts {@code tsvFiles}, concatenated in order, to the HDF5 file {@code out}; with
   * {@code float16} the {@code image_features} dataset is stored as float16 (rounded to nearest,
   * ties to even; half the size), the boxes and spatial features stay float32. Bad input is an
   * {@link IOException} naming the file, the row, the image id and the layout; on failure no file
   * is left at {@code out}.
   *
   * @param tsvFiles the TSV files, at least one; each may use either {@link TsvLayout}
   * @param out the HDF5 file to write; missing parent directories are created, an existing file
   *     is replaced
   * @param float16 whether to store {@code image_features} as float16 instead of float32
   * @return the output file, N, K, D and the layout of each input
   * @throws IOException if a file is missing ({@link NoSuchFileException}) or unreadable, a row is
   *     malformed, an image id appears twice, there are no rows or no boxes, or the output cannot
   *     be written; a file that existed at {@code out} before is left as it was
   * @throws IllegalArgumentException if {@code tsvFiles} is null or empty
   */
  public static Result convert(List<Path> tsvFiles, Path out, boolean float16) throws IOException {
    Objects.requireNonNull(out, "out");
    if (tsvFiles == null || tsvFiles.isEmpty()) {
      throw new IllegalArgumentException("no TSV files to convert");
    }
    for (Path f : tsvFiles) {
      if (!Files.isRegularFile(f)) {
        throw new NoSuchFileException(f.toString(), null, "TSV file not found");
      }
    }
    Scan scan = new Scan();
    List<TsvLayout> layouts = forEachRow(tsvFiles, scan::check);
    if (scan.rows == 0) {
      throw new IOException("no rows in " + tsvFiles);
    }
    if (scan.featureDim <= 0) {
      throw new IOException("no row of " + tsvFiles + " has boxes, so the feature size D is unknown");
    }
    if ((long) scan.maxBoxes * scan.featureDim > Integer.MAX_VALUE - 8) {
      throw new IOException("K = " + scan.maxBoxes + " boxes x D = " + scan.featureDim
          + " features is too large for one row");
    }
    LOG.info("scanned {} rows of {} files: K = {} boxes, D = {} features", scan.rows, tsvFiles.size(),
        scan.maxBoxes, scan.featureDim);

    Hdf5Type featureType = float16 ? Hdf5Type.FLOAT16 : Hdf5Type.FLOAT32;
    AtomicFiles.writeWithPath(out, tmp -> {
      Hdf5StreamWriter writer;
      try {
        writer = Hdf5StreamWriter.builder(tmp)
            .dataset(ObjectFeatureStore.IMAGE_IDS, Hdf5Type.INT64, scan.rows)
            .dataset(ObjectFeatureStore.IMAGE_FEATURES, featureType, scan.rows, scan.maxBoxes, scan.featureDim)
            .dataset(ObjectFeatureStore.IMAGE_BB, Hdf5Type.FLOAT32, scan.rows, scan.maxBoxes,
                ObjectFeatureStore.BOX_DIM)
            .dataset(ObjectFeatureStore.SPATIAL_FEATURES, Hdf5Type.FLOAT32, scan.rows, scan.maxBoxes,
                ObjectFeatureStore.SPATIAL_DIM)
            .dataset(ObjectFeatureStore.NUM_BOXES, Hdf5Type.INT32, scan.rows)
            .open();
      } catch (RuntimeException e) {
        throw new IOException(out + ": cannot write HDF5: " + e.getMessage(), e);
      }
      try {
        Streamed rows = new Streamed(writer, scan.rows, scan.maxBoxes, scan.featureDim);
        forEachRow(tsvFiles, rows::write);
        rows.finish();
      } catch (Throwable e) {
        // Give up on the half-written file (AtomicFiles deletes it) without the completeness check.
        try {
          writer.abort();
        } catch (IOException closing) {
          e.addSuppressed(closing);
        }
        if (e instanceof RuntimeException r) {
          throw new IOException(out + ": cannot write HDF5: " + r.getMessage(), r);
        }
        throw e;
      }
      try {
        writer.close();
      } catch (RuntimeException e) {
        throw new IOException(out + ": cannot write HDF5: " + e.getMessage(), e);
      }
    });
    LOG.info("wrote {}: {} images, K = {}, D = {}, {} features", out, scan.rows, scan.maxBoxes,
        scan.featureDim, featureType);
    return new Result(out, scan.rows, scan.maxBoxes, scan.featureDim, layouts);
  }

  /** One parsed TSV row; its base64 fields are still encoded. */
  private record Row(Path file, long number, TsvLayout layout, String rawId, long imageId,
      float width, float height, int numBoxes, String boxes, String features) {

    /** Names the row for messages: file, row number, image id and layout. */
    String where() {
      return TsvConverter.where(file, number, layout, rawId);
    }
  }

  @FunctionalInterface
  private interface RowVisitor {
    void visit(Row row) throws IOException;
  }

  /** Streams the rows of all files in order; returns the layout of each file. */
  private static List<TsvLayout> forEachRow(List<Path> files, RowVisitor visitor) throws IOException {
    List<TsvLayout> layouts = new ArrayList<>();
    for (Path file : files) {
      TsvLayout layout = null;
      long firstCount = -1;
      try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, TSV)) {
        for (CSVRecord record : parser) {
          int count = record.size();
          if (layout == null) {
            layout = TsvLayout.forColumnCount(count);
            firstCount = count;
            if (layout == null) {
              throw new IOException(file + " row " + record.getRecordNumber() + ": " + count
                  + " columns, expected " + TsvLayout.describeAll());
            }
          } else if (count != firstCount) {
            throw new IOException(file + " row " + record.getRecordNumber() + ": " + count
                + " columns, but the first row has " + firstCount + ", the layout " + layout.describe());
          }
          visitor.visit(parse(file, record, layout));
        }
      } catch (UncheckedIOException e) {
        throw new IOException(file + ": cannot read TSV: " + e.getCause().getMessage(), e.getCause());
      }
      if (layout == null) {
        throw new IOException(file + ": no rows");
      }
      layouts.add(layout);
    }
    return layouts;
  }

  private static Row parse(Path file, CSVRecord record, TsvLayout layout) throws IOException {
    long number = record.getRecordNumber();
    String rawId = record.get(layout.idColumn()).strip();
    String where = where(file, number, layout, rawId);
    long imageId = imageId(rawId, where);
    float width = dimension(record, layout.widthColumn(), layout, where);
    float height = dimension(record, layout.heightColumn(), layout, where);
    String boxesText = record.get(layout.numBoxesColumn()).strip();
    int numBoxes;
    try {
      numBoxes = Integer.parseInt(boxesText);
    } catch (NumberFormatException e) {
      throw new IOException(where + ": num_boxes '" + abbreviate(boxesText) + "' is not an integer", e);
    }
    if (numBoxes < 0) {
      throw new IOException(where + ": num_boxes must be >= 0, got " + numBoxes);
    }
    return new Row(file, number, layout, rawId, imageId, width, height, numBoxes,
        base64Field(record.get(layout.boxesColumn())), base64Field(record.get(layout.featuresColumn())));
  }

  private static String where(Path file, long number, TsvLayout layout, String rawId) {
    return file + " row " + number + " (" + layout.columnName(layout.idColumn()) + " " + abbreviate(rawId)
        + ", " + layout.columnCount() + "-column layout)";
  }

  private static long imageId(String rawId, String where) throws IOException {
    Long number = ImageIdIndex.decimal(rawId);
    if (number != null) {
      return number;
    }
    Matcher m = TRAILING_DIGITS.matcher(rawId);
    if (m.find()) {
      return Long.parseLong(m.group(1));
    }
    throw new IOException(where + ": image id '" + abbreviate(rawId)
        + "' is not a number and does not end with digits");
  }

  private static float dimension(CSVRecord record, int column, TsvLayout layout, String where)
      throws IOException {
    String text = record.get(column).strip();
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IOException(where + ": " + layout.columnName(column) + " '" + abbreviate(text)
          + "' is not a number", e);
    }
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IOException(where + ": " + layout.columnName(column) + " must be > 0 pixels, got " + text);
    }
    return (float) value;
  }

  /** Strips whitespace and the {@code b'...'} wrapper some Python 3 ports write around base64. */
  private static String base64Field(String text) {
    String s = text.strip();
    if (s.length() >= 3 && s.startsWith("b'") && s.endsWith("'")) {
      s = s.substring(2, s.length() - 1);
    }
    return s;
  }

  /** Returns the number of bytes a base64 string decodes to, or -1 when its length is impossible. */
  private static long decodedLength(String s) {
    long n = s.length();
    int pad = 0;
    if (n > 0 && s.charAt((int) n - 1) == '=') {
      pad++;
      if (n > 1 && s.charAt((int) n - 2) == '=') {
        pad++;
      }
    }
    if (pad > 0) {
      return n % 4 == 0 ? n / 4 * 3 - pad : -1;
    }
    return switch ((int) (n % 4)) {
      case 0 -> n / 4 * 3;
      case 2 -> n / 4 * 3 + 1;
      case 3 -> n / 4 * 3 + 2;
      default -> -1;
    };
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  /** The first pass: checks every row and finds N, K and D. */
  private static final class Scan {
    int rows;
    int maxBoxes;
    int featureDim;
    String featureDimFrom;
    final Map<Long, String> seen = new HashMap<>();

    void check(Row row) throws IOException {
      long boxBytes = decodedLength(row.boxes());
      long expectedBoxBytes = (long) row.numBoxes() * ObjectFeatureStore.BOX_DIM * Float.BYTES;
      if (boxBytes != expectedBoxBytes) {
        throw new IOException(row.where() + ": 'boxes' decodes to " + lengthText(boxBytes) + ", expected "
            + expectedBoxBytes + " bytes (num_boxes " + row.numBoxes() + " x 4 coordinates x 4 bytes)");
      }
      long featureBytes = decodedLength(row.features());
      if (row.numBoxes() > 0) {
        if (featureDim == 0) {
          long perBox = (long) row.numBoxes() * Float.BYTES;
          if (featureBytes <= 0 || featureBytes % perBox != 0) {
            throw new IOException(row.where() + ": 'features' decodes to " + lengthText(featureBytes)
                + ", expected a positive multiple of " + perBox + " bytes (num_boxes " + row.numBoxes()
                + " x D x 4 bytes)");
          }
          long d = featureBytes / perBox;
          if (d > Integer.MAX_VALUE) {
            throw new IOException(row.where() + ": feature size " + d + " is too large");
          }
          featureDim = (int) d;
          featureDimFrom = row.file() + " row " + row.number();
        } else {
          long expected = (long) row.numBoxes() * featureDim * Float.BYTES;
          if (featureBytes != expected) {
            throw new IOException(row.where() + ": 'features' decodes to " + lengthText(featureBytes)
                + ", expected " + expected + " bytes (num_boxes " + row.numBoxes() + " x D " + featureDim
                + " x 4 bytes; D from " + featureDimFrom + ")");
          }
        }
      } else if (featureBytes != 0) {
        throw new IOException(row.where() + ": num_boxes is 0 but 'features' decodes to "
            + lengthText(featureBytes));
      }
      String previous = seen.put(row.imageId(), row.file() + " row " + row.number());
      if (previous != null) {
        throw new IOException(row.where() + ": image id " + row.imageId() + " was already in " + previous);
      }
      if (rows == Integer.MAX_VALUE) {
        throw new IOException(row.where() + ": too many rows");
      }
      rows++;
      maxBoxes = Math.max(maxBoxes, row.numBoxes());
    }

    private static String lengthText(long bytes) {
      return bytes < 0 ? "nothing (its length is not valid base64)" : bytes + " bytes";
    }
  }

  /**
   * The second pass: decodes each row into buffers of one output row (K boxes, zero padded) and
   * streams them to the writer, so that nothing of the size of the whole output is held.
   */
  private static final class Streamed {
    /** Image ids and box counts are gathered in blocks of this many rows before being written. */
    private static final int SMALL_BLOCK = 4096;

    private final Hdf5StreamWriter writer;
    private final int rows;
    private final int maxBoxes;
    private final int featureDim;
    private final float[] features;
    private final float[] boxes;
    private final float[] spatial;
    private final long[] ids;
    private final int[] counts;
    private int pending;
    private int next;

    Streamed(Hdf5StreamWriter writer, int rows, int maxBoxes, int featureDim) {
      this.writer = writer;
      this.rows = rows;
      this.maxBoxes = maxBoxes;
      this.featureDim = featureDim;
      features = new float[maxBoxes * featureDim];
      boxes = new float[maxBoxes * ObjectFeatureStore.BOX_DIM];
      spatial = new float[maxBoxes * ObjectFeatureStore.SPATIAL_DIM];
      int block = Math.min(rows, SMALL_BLOCK);
      ids = new long[block];
      counts = new int[block];
    }

    void write(Row row) throws IOException {
      int k = row.numBoxes();
      if (next >= rows || k > maxBoxes) {
        throw new IOException(row.where() + ": the TSV files changed between the two passes");
      }
      int boxFloats = k * ObjectFeatureStore.BOX_DIM;
      int featureFloats = k * featureDim;
      decode(row.boxes(), row, "boxes", boxFloats).get(boxes, 0, boxFloats);
      decode(row.features(), row, "features", featureFloats).get(features, 0, featureFloats);
      // Zero the padding slots (the buffers still hold the previous row there).
      Arrays.fill(boxes, boxFloats, boxes.length, 0f);
      Arrays.fill(features, featureFloats, features.length, 0f);
      Arrays.fill(spatial, k * ObjectFeatureStore.SPATIAL_DIM, spatial.length, 0f);
      float w = row.width();
      float h = row.height();
      for (int b = 0; b < k; b++) {
        int at = b * ObjectFeatureStore.BOX_DIM;
        float x1 = boxes[at];
        float y1 = boxes[at + 1];
        float x2 = boxes[at + 2];
        float y2 = boxes[at + 3];
        int s = b * ObjectFeatureStore.SPATIAL_DIM;
        spatial[s] = x1 / w;
        spatial[s + 1] = y1 / h;
        spatial[s + 2] = x2 / w;
        spatial[s + 3] = y2 / h;
        spatial[s + 4] = (x2 - x1) / w;
        spatial[s + 5] = (y2 - y1) / h;
      }
      writer.writeFloats(ObjectFeatureStore.IMAGE_FEATURES, features, 0, features.length);
      writer.writeFloats(ObjectFeatureStore.IMAGE_BB, boxes, 0, boxes.length);
      writer.writeFloats(ObjectFeatureStore.SPATIAL_FEATURES, spatial, 0, spatial.length);
      ids[pending] = row.imageId();
      counts[pending] = k;
      pending++;
      next++;
      if (pending == ids.length) {
        flushSmall();
      }
    }

    /** Writes the last ids and counts and checks that every row of the first pass came back. */
    void finish() throws IOException {
      if (next != rows) {
        throw new IOException("the TSV files changed between the two passes: " + rows + " rows, then " + next);
      }
      flushSmall();
    }

    private void flushSmall() throws IOException {
      if (pending > 0) {
        writer.writeLongs(ObjectFeatureStore.IMAGE_IDS, ids, 0, pending);
        writer.writeInts(ObjectFeatureStore.NUM_BOXES, counts, 0, pending);
        pending = 0;
      }
    }

    private static FloatBuffer decode(String text, Row row, String column, int floats) throws IOException {
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw new IOException(row.where() + ": '" + column + "' is not valid base64: " + e.getMessage(), e);
      }
      if (bytes.length != (long) floats * Float.BYTES) {
        throw new IOException(row.where() + ": '" + column + "' decodes to " + bytes.length
            + " bytes, expected " + (long) floats * Float.BYTES
            + " (the TSV files changed between the two passes?)");
      }
      return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    }
  }
}
