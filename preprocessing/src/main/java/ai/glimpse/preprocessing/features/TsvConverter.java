package ai.glimpse.preprocessing.features;

import ai.glimpse.preprocessing.io.AtomicFiles;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
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
 * [N, K, D]} float32, {@code image_bb [N, K, 4]} float32 (x1, y1, x2, y2 in pixels),
 * {@code spatial_features [N, K, 6]} float32 = (x1/w, y1/h, x2/w, y2/h, (x2-x1)/w, (y2-y1)/h) and
 * {@code num_boxes [N]} int32. K is the largest box count; images with fewer boxes are padded
 * with zeros and keep their count.
 *
 * <p>The files are concatenated in order and streamed twice: the first pass checks every row
 * and finds N, K and D, the second fills arrays of exactly the output's size (jhdf writes whole
 * datasets). The output is written through a temporary file moved into place. Image ids that are
 * not numbers ({@code COCO_val2014_000000000042}) become the number they end with (42).
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
    /** Copies the layouts list. */
    public Result {
      layouts = List.copyOf(layouts);
    }
  }

  private TsvConverter() {}

  /**
   * Converts {@code tsvFiles}, concatenated in order, to the HDF5 file {@code out}. Bad input is
   * an {@link IOException} naming the file, the row, the image id and the layout; on failure no
   * file is left at {@code out}.
   */
  public static Result convert(List<Path> tsvFiles, Path out) throws IOException {
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
    LOG.info("scanned {} rows of {} files: K = {} boxes, D = {} features", scan.rows, tsvFiles.size(),
        scan.maxBoxes, scan.featureDim);

    Gathered arrays = new Gathered(scan.rows, scan.maxBoxes, scan.featureDim);
    forEachRow(tsvFiles, arrays::fill);
    if (arrays.next != scan.rows) {
      throw new IOException("the TSV files changed between the two passes: " + scan.rows
          + " rows, then " + arrays.next);
    }
    AtomicFiles.writeWithPath(out, tmp -> {
      try (WritableHdfFile hdf = HdfFile.write(tmp)) {
        hdf.putDataset(ObjectFeatureStore.IMAGE_IDS, arrays.ids);
        hdf.putDataset(ObjectFeatureStore.IMAGE_FEATURES, arrays.features);
        hdf.putDataset(ObjectFeatureStore.IMAGE_BB, arrays.boxes);
        hdf.putDataset(ObjectFeatureStore.SPATIAL_FEATURES, arrays.spatial);
        hdf.putDataset(ObjectFeatureStore.NUM_BOXES, arrays.counts);
      } catch (RuntimeException e) {
        throw new IOException(out + ": cannot write HDF5: " + e.getMessage(), e);
      }
    });
    LOG.info("wrote {}: {} images, K = {}, D = {}", out, scan.rows, scan.maxBoxes, scan.featureDim);
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

  /** The second pass: decodes each row into arrays of the output's shape. */
  private static final class Gathered {
    final long[] ids;
    final int[] counts;
    final float[][][] features;
    final float[][][] boxes;
    final float[][][] spatial;
    final int maxBoxes;
    final int featureDim;
    int next;

    Gathered(int n, int maxBoxes, int featureDim) {
      this.maxBoxes = maxBoxes;
      this.featureDim = featureDim;
      ids = new long[n];
      counts = new int[n];
      features = new float[n][maxBoxes][featureDim];
      boxes = new float[n][maxBoxes][ObjectFeatureStore.BOX_DIM];
      spatial = new float[n][maxBoxes][ObjectFeatureStore.SPATIAL_DIM];
    }

    void fill(Row row) throws IOException {
      int i = next;
      int k = row.numBoxes();
      if (i >= ids.length || k > maxBoxes) {
        throw new IOException(row.where() + ": the TSV files changed between the two passes");
      }
      FloatBuffer bb = decode(row.boxes(), row, "boxes", (long) k * ObjectFeatureStore.BOX_DIM);
      FloatBuffer fb = decode(row.features(), row, "features", (long) k * featureDim);
      float w = row.width();
      float h = row.height();
      for (int b = 0; b < k; b++) {
        float[] box = boxes[i][b];
        bb.get(box);
        fb.get(features[i][b]);
        float x1 = box[0];
        float y1 = box[1];
        float x2 = box[2];
        float y2 = box[3];
        float[] s = spatial[i][b];
        s[0] = x1 / w;
        s[1] = y1 / h;
        s[2] = x2 / w;
        s[3] = y2 / h;
        s[4] = (x2 - x1) / w;
        s[5] = (y2 - y1) / h;
      }
      ids[i] = row.imageId();
      counts[i] = k;
      next++;
    }

    private static FloatBuffer decode(String text, Row row, String column, long floats) throws IOException {
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw new IOException(row.where() + ": '" + column + "' is not valid base64: " + e.getMessage(), e);
      }
      if (bytes.length != floats * Float.BYTES) {
        throw new IOException(row.where() + ": '" + column + "' decodes to " + bytes.length
            + " bytes, expected " + floats * Float.BYTES + " (the TSV files changed between the two passes?)");
      }
      return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    }
  }
}
