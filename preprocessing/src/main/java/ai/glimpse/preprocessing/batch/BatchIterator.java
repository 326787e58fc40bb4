package ai.glimpse.preprocessing.batch;

import ai.glimpse.preprocessing.prepare.EncodedSplit;
import ai.glimpse.preprocessing.prepare.PreparedSplit;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Iterates over a prepared split in batches, in file order or in a seeded shuffled order. The
 * arrays of each batch are allocated once and refilled (no per-question objects in the loop); the
 * last batch may be smaller.
 *
 * <p>{@link #grouped} batches keep several questions of one image together, so that a model with
 * a convolutional stem computes each image once per batch: every image's questions are shuffled
 * and cut into groups of {@code questionsPerImage}, and the groups are shuffled.
 */
public final class BatchIterator implements Iterator<Batch> {
  private final PreparedSplit split;
  private final int batchSize;
  private final int answers;
  private final int[] order;
  private final long[] ids;
  private final long[] tokens;
  private final float[] images;
  private final float[] targets;
  private final int[] imageIndex;
  private final int[] imageRows;
  private final java.util.Map<Integer, Integer> rowSlots = new java.util.HashMap<>();
  private boolean shareImages;
  private int next;

  /**
   * Creates an iterator over {@code split} with dense targets over {@code answers} answers; with a
   * non-null {@code shuffleSeed} the order is a seeded permutation, otherwise file order. Each
   * question gets its own image row, as inference graphs take them.
   */
  public BatchIterator(PreparedSplit split, int batchSize, int answers, Long shuffleSeed) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    this.split = split;
    this.batchSize = batchSize;
    this.answers = answers;
    int n = split.size();
    this.order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    if (shuffleSeed != null) {
      shuffle(order, 0, n, new SplittableRandom(shuffleSeed));
    }
    EncodedSplit e = split.encoded();
    this.ids = new long[batchSize];
    this.tokens = new long[batchSize * e.maxLength()];
    this.images = new float[batchSize * split.features().shape().length()];
    this.targets = new float[batchSize * answers];
    this.imageIndex = new int[batchSize];
    this.imageRows = new int[batchSize];
  }

  /**
   * Creates a shuffled iterator whose batches hold groups of up to {@code questionsPerImage}
   * questions of the same image (see the class comment); the order depends only on {@code seed}.
   */
  public static BatchIterator grouped(PreparedSplit split, int batchSize, int answers, long seed,
      int questionsPerImage) {
    if (questionsPerImage < 1) {
      throw new IllegalArgumentException("questionsPerImage must be >= 1, got " + questionsPerImage);
    }
    BatchIterator it = new BatchIterator(split, batchSize, answers, null);
    it.shareImages = true;
    int n = split.size();
    int[] rows = split.encoded().imageRows();
    // Questions sorted by image row (a stable counting sort), then shuffled within each image.
    int[] start = new int[split.features().size() + 1];
    for (int i = 0; i < n; i++) {
      start[rows[i] + 1]++;
    }
    for (int r = 1; r < start.length; r++) {
      start[r] += start[r - 1];
    }
    int[] sorted = new int[n];
    for (int i = 0; i < n; i++) {
      sorted[start[rows[i]]++] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    java.util.List<int[]> groups = new java.util.ArrayList<>();
    for (int from = 0; from < n; ) {
      int end = from;
      while (end < n && rows[sorted[end]] == rows[sorted[from]]) {
        end++;
      }
      shuffle(sorted, from, end, rng);
      for (int g = from; g < end; g += questionsPerImage) {
        groups.add(new int[] {g, Math.min(end, g + questionsPerImage)});
      }
      from = end;
    }
    for (int i = groups.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int[] tmp = groups.get(i);
      groups.set(i, groups.get(j));
      groups.set(j, tmp);
    }
    int k = 0;
    for (int[] g : groups) {
      for (int i = g[0]; i < g[1]; i++) {
        it.order[k++] = sorted[i];
      }
    }
    return it;
  }

  private static void shuffle(int[] a, int from, int to, SplittableRandom rng) {
    for (int i = to - 1; i > from; i--) {
      int j = from + rng.nextInt(i - from + 1);
      int tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
  }

  /**
   * Skips the first {@code batches} batches of the pass without reading them (a run resumed
   * mid-epoch); returns how many were skipped.
   */
  public int skip(int batches) {
    int skipped = 0;
    while (skipped < batches && hasNext()) {
      next += Math.min(batchSize, order.length - next);
      skipped++;
    }
    return skipped;
  }

  /** Returns the number of batches in one pass. */
  public int batchCount() {
    return (split.size() + batchSize - 1) / batchSize;
  }

  @Override
  public boolean hasNext() {
    return next < order.length;
  }

  @Override
  public Batch next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    EncodedSplit e = split.encoded();
    int t = e.maxLength();
    int s = e.slots();
    int imageLength = split.features().shape().length();
    int size = Math.min(batchSize, order.length - next);
    Arrays.fill(targets, 0, size * answers, 0f);
    rowSlots.clear();
    int imageCount = 0;
    for (int b = 0; b < size; b++) {
      int q = order[next + b];
      ids[b] = e.questionIds()[q];
      System.arraycopy(e.tokens(), q * t, tokens, b * t, t);
      int row = e.imageRows()[q];
      Integer slot = shareImages ? rowSlots.get(row) : null;
      if (slot == null) {
        slot = imageCount++;
        rowSlots.put(row, slot);
        imageRows[slot] = row;
      }
      imageIndex[b] = slot;
      for (int k = 0; k < s; k++) {
        int a = e.targetIndices()[q * s + k];
        if (a >= 0) {
          targets[b * answers + a] = e.targetScores()[q * s + k];
        }
      }
    }
    for (int i = 0; i < imageCount; i++) {
      split.features().readRow(imageRows[i], images, i * imageLength);
    }
    next += size;
    if (size == batchSize) {
      return new Batch(size, ids, tokens, imageCount, images, imageIndex, targets);
    }
    return new Batch(size, Arrays.copyOf(ids, size), Arrays.copyOf(tokens, size * t), imageCount,
        Arrays.copyOf(images, imageCount * imageLength), Arrays.copyOf(imageIndex, size),
        Arrays.copyOf(targets, size * answers));
  }
}
