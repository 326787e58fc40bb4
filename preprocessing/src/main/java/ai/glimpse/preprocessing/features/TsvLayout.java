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

  /** Returns the layout with {@code count} columns, or null when there is none. */
  public static TsvLayout forColumnCount(int count) {
    for (TsvLayout layout : values()) {
      if (layout.columns.length == count) {
        return layout;
      }
    }
    return null;
  }

  /** Describes every layout, for messages: {@code "6 columns (image_id, ...) or 10 columns (...)"}. */
  public static String describeAll() {
    return Arrays.stream(values()).map(TsvLayout::describe).collect(Collectors.joining(" or "));
  }

  /** Describes this layout: {@code "6 columns (image_id, image_w, ...)"}. */
  public String describe() {
    return columns.length + " columns (" + String.join(", ", columns) + ")";
  }

  /** Returns the number of columns. */
  public int columnCount() {
    return columns.length;
  }

  /** Returns the name of column {@code index} in this layout. */
  public String columnName(int index) {
    return columns[index];
  }

  /** Returns the index of the image id column. */
  public int idColumn() {
    return 0;
  }

  /** Returns the index of the image width column (pixels). */
  public int widthColumn() {
    return indexOf(this == BUTD ? "image_w" : "img_w");
  }

  /** Returns the index of the image height column (pixels). */
  public int heightColumn() {
    return indexOf(this == BUTD ? "image_h" : "img_h");
  }

  /** Returns the index of the box count column. */
  public int numBoxesColumn() {
    return indexOf("num_boxes");
  }

  /** Returns the index of the base64 boxes column. */
  public int boxesColumn() {
    return indexOf("boxes");
  }

  /** Returns the index of the base64 features column. */
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
