package ai.glimpse.preprocessing.features;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The column layouts of bottom-up-attention feature TSV files (tab-separated, no header), told
 * apart by their column count. {@code boxes} and {@code features} are base64 of little-endian
 * float32 arrays {@code [num_boxes, 4]} and {@code [num_boxes, D]}.
 */
public enum TsvLayout {
  /** The original bottom-up-attention release: {@code image_id, image_w, image_h, num_boxes, boxes, features}. */
  BUTD(new String[] {"image_id", "image_w", "image_h", "num_boxes", "boxes", "features"}),
  /**
   * The release with object and attribute predictions (LXMERT's): {@code img_id, img_h, img_w,
   * objects_id, objects_conf, attrs_id, attrs_conf, num_boxes, boxes, features}.
   */
  WITH_ATTRIBUTES(new String[] {"img_id", "img_h", "img_w", "objects_id", "objects_conf", "attrs_id",
      "attrs_conf", "num_boxes", "boxes", "features"});

  private final String[] columns;

  TsvLayout(String[] columns) {
    this.columns = columns;
  }

  /**
   * Returns the layout with {@code count} columns, or null when there is none.
   *
   * @param count the number of columns of a row
   * @return {@link #BUTD} for 6, {@link #WITH_ATTRIBUTES} for 10, otherwise null
   */
  public static TsvLayout forColumnCount(int count) {
    for (TsvLayout layout : values()) {
      if (layout.columns.length == count) {
        return layout;
      }
    }
    return null;
  }

  /**
   * Describes every layout, for messages.
   *
   * @return e.g. {@code "6 columns (image_id, ...) or 10 columns (...)"}
   */
  public static String describeAll() {
    return Arrays.stream(values()).map(TsvLayout::describe).collect(Collectors.joining(" or "));
  }

  /**
   * Describes this layout, for messages.
   *
   * @return the column count and names, e.g. {@code "6 columns (image_id, image_w, ...)"}
   */
  public String describe() {
    return columns.length + " columns (" + String.join(", ", columns) + ")";
  }

  /**
   * Returns the number of columns.
   *
   * @return 6 for {@link #BUTD}, 10 for {@link #WITH_ATTRIBUTES}
   */
  public int columnCount() {
    return columns.length;
  }

  /**
   * Returns the name of column {@code index} in this layout.
   *
   * @param index the column, from 0 to {@link #columnCount()} - 1
   * @return the column name, e.g. {@code image_w}
   * @throws ArrayIndexOutOfBoundsException if {@code index} is out of range
   */
  public String columnName(int index) {
    return columns[index];
  }

  /**
   * Returns the index of the image id column.
   *
   * @return 0 in every layout
   */
  public int idColumn() {
    return 0;
  }

  /**
   * Returns the index of the image width column (pixels).
   *
   * @return 1 for {@link #BUTD}, 2 for {@link #WITH_ATTRIBUTES} (which puts the height first)
   */
  public int widthColumn() {
    return indexOf(this == BUTD ? "image_w" : "img_w");
  }

  /**
   * Returns the index of the image height column (pixels).
   *
   * @return 2 for {@link #BUTD}, 1 for {@link #WITH_ATTRIBUTES}
   */
  public int heightColumn() {
    return indexOf(this == BUTD ? "image_h" : "img_h");
  }

  /**
   * Returns the index of the box count column.
   *
   * @return 3 for {@link #BUTD}, 7 for {@link #WITH_ATTRIBUTES}
   */
  public int numBoxesColumn() {
    return indexOf("num_boxes");
  }

  /**
   * Returns the index of the base64 boxes column.
   *
   * @return 4 for {@link #BUTD}, 8 for {@link #WITH_ATTRIBUTES}
   */
  public int boxesColumn() {
    return indexOf("boxes");
  }

  /**
   * Returns the index of the base64 features column.
   *
   * @return 5 for {@link #BUTD}, 9 for {@link #WITH_ATTRIBUTES}; always the last column
   */
  public int featuresColumn() {
    return indexOf("features");
  }

  private int indexOf(String name) {
    for (int i = 0; i < columns.length; i++) {
      if (columns[i].equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("layout " + this + " has no column " + name);
  }
}
