package ai.glimpse.preprocessing.features;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A feature source seen through another row order: row {@code i} here is row {@code rows[i]} of
 * the underlying source. A prepared split numbers its images in its own order; an external feature
 * file keeps its own.
 */
public final class ReindexedSource implements FeatureSource {
  private final FeatureSource source;
  private final int[] rows;
  private final Map<Long, Integer> byId;

  private ReindexedSource(FeatureSource source, int[] rows, long[] imageIds) {
    this.source = source;
    this.rows = rows;
    this.byId = new HashMap<>(imageIds.length * 2);
    for (int i = 0; i < imageIds.length; i++) {
      byId.put(imageIds[i], i);
    }
  }

  /**
   * Returns {@code source} indexed by {@code imageIds} (row {@code i} is image {@code imageIds[i]});
   * {@code source} itself when its rows already are in that order.
   *
   * @param source the underlying source; the returned source closes it when it is closed
   * @param imageIds the image id of each row of the new order, e.g. a prepared split's images
   * @param file the file {@code source} was read from, named in the error message
   * @return {@code source} itself, or a view of it in the order of {@code imageIds}
   * @throws IllegalArgumentException naming the first missing ids and {@code file} when
   *     {@code source} lacks some image
   */
  public static FeatureSource of(FeatureSource source, long[] imageIds, Path file) {
    int[] rows = new int[imageIds.length];
    boolean identity = source.size() == imageIds.length;
    List<Long> missing = new ArrayList<>();
    int missingCount = 0;
    for (int i = 0; i < imageIds.length; i++) {
      rows[i] = source.row(imageIds[i]);
      if (rows[i] < 0) {
        missingCount++;
        if (missing.size() < 5) {
          missing.add(imageIds[i]);
        }
      }
      identity &= rows[i] == i;
    }
    if (missingCount > 0) {
      throw new IllegalArgumentException(file + ": " + missingCount + " image(s) have no "
          + source.shape().kind().cliName() + " features, e.g. image_id " + missing);
    }
    return identity ? source : new ReindexedSource(source, rows, imageIds);
  }

  @Override
  public FeatureShape shape() {
    return source.shape();
  }

  @Override
  public int size() {
    return rows.length;
  }

  @Override
  public int row(long imageId) {
    return byId.getOrDefault(imageId, -1);
  }

  @Override
  public void readRow(int row, float[] dst, int offset) {
    source.readRow(rows[row], dst, offset);
  }

  @Override
  public void close() {
    source.close();
  }
}
