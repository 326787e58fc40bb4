package ai.glimpse.preprocessing.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps image ids to the rows of a feature file. Ids are integers, or strings: a string of 1 to 18
 * ASCII digits is also its number ({@code "000042"} is image 42, the rule of
 * {@code ai.glimpse.preprocessing.data.GqaIds}), any other string ({@code "n161313"}) is found by
 * the string only. Rows without an id (a JSON index that covers part of a file) are allowed.
 */
final class ImageIdIndex {
  private static final Pattern DECIMAL = Pattern.compile("\\d{1,18}");

  private final String source;
  private final int rows;
  private final String[] keys;
  private final long[] numbers;
  private final int[] rowOfPosition;
  private final Map<Long, Integer> byNumber;
  private final Map<String, Integer> byKey;

  /** Indexes {@code keys}; {@code integers} holds the ids of an integer dataset, else null. */
  private ImageIdIndex(String source, int rows, String[] keys, long[] integers, int[] rowOfPosition)
      throws IOException {
    this.source = source;
    this.rows = rows;
    this.keys = keys;
    this.rowOfPosition = rowOfPosition;
    this.byKey = new HashMap<>(keys.length * 2);
    this.byNumber = new HashMap<>(keys.length * 2);
    long[] nums = new long[keys.length];
    boolean allNumbers = true;
    for (int i = 0; i < keys.length; i++) {
      int row = rowOfPosition[i];
      Integer previous = byKey.put(keys[i], row);
      if (previous != null) {
        throw new IOException(source + ": image id '" + keys[i] + "' appears twice (rows "
            + previous + " and " + row + ")");
      }
      Long number = integers != null ? Long.valueOf(integers[i]) : decimal(keys[i]);
      if (number != null) {
        nums[i] = number;
        previous = byNumber.put(nums[i], row);
        if (previous != null) {
          throw new IOException(source + ": image id " + nums[i] + " appears twice (rows "
              + previous + " and " + row + ")");
        }
      } else {
        allNumbers = false;
      }
    }
    this.numbers = allNumbers ? nums : null;
  }

  /** Builds the index of an ids dataset {@code [N]} holding integers or strings, row i = id i. */
  static ImageIdIndex ofDataset(Object data, String source) throws IOException {
    String[] keys;
    long[] integers = null;
    if (data instanceof long[] l) {
      integers = l;
    } else if (data instanceof int[] ints) {
      integers = new long[ints.length];
      for (int i = 0; i < ints.length; i++) {
        integers[i] = ints[i];
      }
    }
    if (integers != null) {
      keys = new String[integers.length];
      for (int i = 0; i < integers.length; i++) {
        keys[i] = Long.toString(integers[i]);
      }
    } else if (data instanceof String[] s) {
      keys = new String[s.length];
      for (int i = 0; i < s.length; i++) {
        keys[i] = s[i].strip();
      }
    } else {
      throw new IOException(source + " must hold int32, int64 or string ids, got "
          + data.getClass().getSimpleName());
    }
    int[] rowOf = new int[keys.length];
    Arrays.setAll(rowOf, i -> i);
    return new ImageIdIndex(source, keys.length, keys, integers, rowOf);
  }

  /**
   * Reads a JSON index {@code {"<image id>": {"index": row, ...}, ...}} (the GQA layout; the key
   * {@code "idx"} of the official GQA info files is accepted too) for a file of {@code rows} rows.
   */
  static ImageIdIndex readJson(Path json, int rows) throws IOException {
    if (!Files.isRegularFile(json)) {
      throw new NoSuchFileException(json.toString(), null, "image index not found");
    }
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    if (root == null || !root.isObject()) {
      throw new IOException(json + ": expected an object {\"<image id>\": {\"index\": row}}");
    }
    List<String> keys = new ArrayList<>(root.size());
    List<Integer> rowList = new ArrayList<>(root.size());
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode entry = e.getValue();
      JsonNode index = entry.has("index") ? entry.get("index") : entry.get("idx");
      if (index == null || !index.canConvertToInt() || !index.isIntegralNumber()) {
        throw new IOException(json + ": image id '" + e.getKey() + "' has no integer \"index\" (got "
            + entry + ")");
      }
      int row = index.intValue();
      if (row < 0 || row >= rows) {
        throw new IOException(json + ": image id '" + e.getKey() + "' maps to row " + row
            + ", but the feature file has " + rows + " rows");
      }
      keys.add(e.getKey().strip());
      rowList.add(row);
    }
    // Positions follow the rows, so that imageIds() lists ids in row order.
    Integer[] order = new Integer[keys.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Integer.compare(rowList.get(a), rowList.get(b)));
    String[] sortedKeys = new String[order.length];
    int[] sortedRows = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      sortedKeys[i] = keys.get(order[i]);
      sortedRows[i] = rowList.get(order[i]);
    }
    for (int i = 1; i < sortedRows.length; i++) {
      if (sortedRows[i] == sortedRows[i - 1]) {
        throw new IOException(json + ": image ids '" + sortedKeys[i - 1] + "' and '" + sortedKeys[i]
            + "' both map to row " + sortedRows[i]);
      }
    }
    return new ImageIdIndex(json.toString(), rows, sortedKeys, null, sortedRows);
  }

  /** Returns the number a decimal string stands for, or null when it is not a decimal number. */
  static Long decimal(String s) {
    if (!DECIMAL.matcher(s).matches()) {
      return null;
    }
    return Long.parseLong(s); // 18 digits always fit a long
  }

  /** Returns where the ids come from, for messages ({@code "f.h5 dataset 'image_ids'"}). */
  String source() {
    return source;
  }

  /** The row of {@code imageId}; an unknown id is an {@link IllegalArgumentException} naming {@code file}. */
  int requireRow(long imageId, Path file) {
    int row = rowOf(imageId);
    if (row < 0) {
      throw unknown(Long.toString(imageId), file);
    }
    return row;
  }

  /** The row of a string id (see {@link #rowOf(String)}); unknown ids fail as in {@link #requireRow(long, Path)}. */
  int requireRow(String imageId, Path file) {
    int row = rowOf(imageId);
    if (row < 0) {
      throw unknown("'" + imageId + "'", file);
    }
    return row;
  }

  private IllegalArgumentException unknown(String id, Path file) {
    return new IllegalArgumentException(file + ": unknown image id " + id + " (ids from " + source
        + ", " + keys().size() + " images)");
  }

  /** Returns the number of rows of the file the index points into. */
  int rows() {
    return rows;
  }

  /** Returns the row of a numeric id, or -1. */
  int rowOf(long imageId) {
    Integer row = byNumber.get(imageId);
    return row == null ? -1 : row;
  }

  /** Returns the row of an id given as a string (exact, or as its decimal number), or -1. */
  int rowOf(String imageId) {
    String key = imageId.strip();
    Integer row = byKey.get(key);
    Long number = row == null ? decimal(key) : null;
    if (number != null) {
      row = byNumber.get(number);
    }
    return row == null ? -1 : row;
  }

  /** Returns the numeric ids in row order; fails when some id is not a decimal number. */
  long[] numbers() {
    if (numbers == null) {
      String example = Arrays.stream(keys).filter(k -> decimal(k) == null).findFirst().orElse("?");
      throw new IllegalStateException(source + ": image ids are strings that are not all numbers (e.g. '"
          + example + "'); use imageKeys() and rowOf(String)");
    }
    return numbers.clone();
  }

  /** Returns the ids as strings in row order. */
  List<String> keys() {
    return Collections.unmodifiableList(Arrays.asList(keys.clone()));
  }

  /** Returns the row of the i-th id of {@link #keys()}. */
  int rowOfPosition(int i) {
    return rowOfPosition[i];
  }
}
