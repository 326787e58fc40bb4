package ai.glimpse.preprocessing.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.preprocessing.features.FeatureSource;
import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.preprocessing.prepare.EncodedSplit;
import ai.glimpse.preprocessing.prepare.PreparedSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prefetched batches are the batches of the plain iterator, in order, each intact while held. */
class PrefetchingIteratorTest {
  private static final int QUESTIONS = 103;
  private static final int IMAGES = 29;

  /** Image row r holds the values r*10 + k. */
  private static final class Rows implements FeatureSource {
    volatile int failAt = -1;

    @Override
    public FeatureShape shape() {
      return FeatureShape.grid(2, 1, 2);
    }

    @Override
    public int size() {
      return IMAGES;
    }

    @Override
    public int row(long imageId) {
      return (int) imageId;
    }

    @Override
    public void readRow(int row, float[] dst, int offset) {
      if (row == failAt) {
        throw new java.io.UncheckedIOException(new java.io.IOException("row " + row + " is unreadable"));
      }
      for (int k = 0; k < 4; k++) {
        dst[offset + k] = row * 10 + k;
      }
    }
  }

  private static PreparedSplit split(Rows rows) {
    long[] ids = new long[QUESTIONS];
    long[] tokens = new long[QUESTIONS * 3];
    int[] imageRows = new int[QUESTIONS];
    int[] ti = new int[QUESTIONS];
    float[] ts = new float[QUESTIONS];
    for (int q = 0; q < QUESTIONS; q++) {
      ids[q] = 1000 + q;
      tokens[q * 3] = q;
      imageRows[q] = q % IMAGES;
      ti[q] = q % 5;
      ts[q] = 1f;
    }
    long[] imageIds = new long[IMAGES];
    for (int i = 0; i < IMAGES; i++) {
      imageIds[i] = i;
    }
    return new PreparedSplit("train", new EncodedSplit(ids, tokens, 3, imageRows, ti, ts, 1, imageIds),
        Map.of(FeatureKind.GRID, rows), FeatureKind.GRID, null, null);
  }

  private static List<String> render(Batch b) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < b.size(); i++) {
      float[] image = java.util.Arrays.copyOfRange(b.images(), b.imageIndex()[i] * 4, b.imageIndex()[i] * 4 + 4);
      out.add(b.questionIds()[i] + ":" + b.tokens()[i * 3] + ":" + java.util.Arrays.toString(image)
          + ":" + b.targets()[i * 5 + (int) ((b.questionIds()[i] - 1000) % 5)]);
    }
    return out;
  }

  @Test
  void prefetchedBatchesEqualThePlainOnes() {
    Rows rows = new Rows();
    List<String> plain = new ArrayList<>();
    BatchIterator it = BatchIterator.grouped(split(rows), 16, 5, 9L, 3);
    while (it.hasNext()) {
      plain.addAll(render(it.next()));
    }
    List<String> prefetched = new ArrayList<>();
    try (PrefetchingIterator p = BatchIterator.grouped(split(rows), 16, 5, 9L, 3).prefetch(2)) {
      while (p.hasNext()) {
        Batch b = p.next();
        List<String> before = render(b);
        // Let the worker run ahead and fill the ring while this batch is held.
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
        assertEquals(before, render(b), "a held batch is not overwritten");
        prefetched.addAll(before);
      }
    }
    assertEquals(QUESTIONS, plain.size());
    assertEquals(plain, prefetched);
  }

  @Test
  void aReadFailureReachesTheCaller() {
    Rows rows = new Rows();
    rows.failAt = 7;
    try (PrefetchingIterator p = new BatchIterator(split(rows), 8, 5, null).prefetch(3)) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> {
        while (p.hasNext()) {
          p.next();
        }
      });
      assertTrue(e.getMessage().contains("row 7"), e.getMessage());
      assertFalse(p.hasNext());
    }
  }

  @Test
  void aDepthBelowOneIsRefusedWithItsValue() {
    for (int depth : new int[] {0, -1, -3}) {
      BatchIterator it = new BatchIterator(split(new Rows()), 4, 5, null);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> it.prefetch(depth));
      assertTrue(e.getMessage().contains("got " + depth), e.getMessage());
    }
  }

  @Test
  void closingEarlyStopsTheWorker() {
    PrefetchingIterator p = new BatchIterator(split(new Rows()), 4, 5, null).prefetch(1);
    assertTrue(p.hasNext());
    p.next();
    p.close();
    assertFalse(p.hasNext());
    assertThrows(IllegalStateException.class, () -> {
      BatchIterator started = new BatchIterator(split(new Rows()), 4, 5, null);
      started.next();
      started.prefetch(1);
    });
  }

  @Test
  void groupedBatchesShareImagesWithoutBoxing() {
    BatchIterator it = BatchIterator.grouped(split(new Rows()), 32, 5, 1L, 4);
    int rows = 0;
    while (it.hasNext()) {
      Batch b = it.next();
      rows += b.imageCount();
      for (int i = 0; i < b.size(); i++) {
        assertArrayEquals(new float[] {0, 1, 2, 3}, new float[] {
            b.images()[b.imageIndex()[i] * 4] - ((b.questionIds()[i] - 1000) % IMAGES) * 10,
            b.images()[b.imageIndex()[i] * 4 + 1] - ((b.questionIds()[i] - 1000) % IMAGES) * 10,
            b.images()[b.imageIndex()[i] * 4 + 2] - ((b.questionIds()[i] - 1000) % IMAGES) * 10,
            b.images()[b.imageIndex()[i] * 4 + 3] - ((b.questionIds()[i] - 1000) % IMAGES) * 10}, 0f);
      }
    }
    assertTrue(rows < QUESTIONS, "image rows shared: " + rows);
  }
}
