package ai.glimpse.preprocessing.io;

import java.util.Map;
import java.util.TreeMap;

/**
 * The set of element ranges of one dataset that have been written, kept as disjoint, merged
 * half-open intervals so that sequential writes cost one interval and overlapping writes are
 * not counted twice.
 */
final class WrittenRanges {
  private final TreeMap<Long, Long> ranges = new TreeMap<>();
  private long covered;

  /** Records that elements {@code [start, end)} were written. */
  void add(long start, long end) {
    if (end <= start) {
      return;
    }
    Map.Entry<Long, Long> before = ranges.floorEntry(start);
    if (before != null && before.getValue() >= start) {
      if (before.getValue() >= end) {
        return;
      }
      start = before.getKey();
      covered -= before.getValue() - before.getKey();
      ranges.remove(before.getKey());
    }
    Map.Entry<Long, Long> next = ranges.ceilingEntry(start);
    while (next != null && next.getKey() <= end) {
      end = Math.max(end, next.getValue());
      covered -= next.getValue() - next.getKey();
      ranges.remove(next.getKey());
      next = ranges.ceilingEntry(start);
    }
    ranges.put(start, end);
    covered += end - start;
  }

  /** Returns the number of distinct elements written. */
  long covered() {
    return covered;
  }

  /** Returns the first element below {@code limit} that was not written, or {@code limit}. */
  long firstGap(long limit) {
    Map.Entry<Long, Long> first = ranges.firstEntry();
    if (first == null || first.getKey() > 0) {
      return 0;
    }
    return Math.min(first.getValue(), limit);
  }
}
