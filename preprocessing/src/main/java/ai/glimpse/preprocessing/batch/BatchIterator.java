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
 * <p>{@link #prefetch(int)} moves the assembly (and the feature reads) to a background thread.
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
  private Buffers[] ring;
  private int produced;
  private final int[] imageRows;
  // The batch slot of each image row during next(), -1 elsewhere: no boxing per question.
  private final int[] slotOfRow;
  private boolean shareImages;
  private int next;

  /** One set of batch arrays; a ring of them lets a batch stay valid while later ones are filled. */
  private static final class Buffers {
    final long[] ids;
    final long[] tokens;
    final float[] images;
    final float[] targets;
    final int[] imageIndex;

    Buffers(int batchSize, int maxLength, int imageLength, int answers) {
      ids = new long[batchSize];
      tokens = new long[batchSize * maxLength];
      images = new float[batchSize * imageLength];
      targets = new float[batchSize * answers];
      imageIndex = new int[batchSize];
    }
  }

  /**
   * Creates an iterator over {@code split} with dense targets over {@code answers} answers; with a
   * non-null {@code shuffleSeed} the order is a seeded permutation, otherwise file order. Each
   * question gets its own image row, as inference graphs take them.
   *
   * @param split the prepared split; its feature source is read on every {@link #next()}, and it
   *     is not closed by this iterator
   * @param batchSize the number of questions per batch, at least 1 (the last batch may be smaller)
   * @param answers the width of the dense targets {@code [batch, answers]}; must be at least the
   *     split's answer vocabulary size (it is not checked)
   * @param shuffleSeed the seed of the permutation, or {@code null} for file order
   * @throws IllegalArgumentException if {@code batchSize < 1}
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
    this.ring = new Buffers[] {newBuffers()};
    this.imageRows = new int[batchSize];
    this.slotOfRow = new int[split.features().size()];
    Arrays.fill(slotOfRow, -1);
  }

  private Buffers newBuffers() {
    return new Buffers(batchSize, split.encoded().maxLength(), split.features().shape().length(), answers);
  }

  /**
   * Returns an iterator that assembles the next {@code depth} batches on a background thread
   * while the caller works on the current one. Call before taking any batch; close the returned
   * iterator when done early. Batches stay valid until the caller takes the next one.
   *
   * @param depth the number of batches queued ahead, at least 1; {@code depth + 2} sets of batch
   *     arrays are allocated
   * @return the prefetching iterator, which the caller closes (try-with-resources); use it instead
   *     of this iterator from then on
   * @throws IllegalStateException if a batch was already taken from this iterator
   * @throws IllegalArgumentException if {@code depth < 1}
   */
  public PrefetchingIterator prefetch(int depth) {
    if (depth < 1) {
      throw new IllegalArgumentException("prefetch depth must be >= 1, got " + depth);
    }
    if (produced > 0) {
      throw new IllegalStateException("prefetch must start before the first batch is taken");
    }
    // The caller's batch, the queued ones and the one being filled each need their own arrays.
    ring = new Buffers[depth + 2];
    for (int i = 0; i < ring.length; i++) {
      ring[i] = newBuffers();
    }
    return new PrefetchingIterator(this, depth);
  }

  /**
   * Creates a shuffled iterator whose batches hold groups of up to {@code questionsPerImage}
   * questions of the same image (see the class comment); the order depends only on {@code seed}.
   *
   * @param split the prepared split; not closed by the iterator
   * @param batchSize the number of questions per batch, at least 1; a group may span two batches
   * @param answers the width of the dense targets, as for the constructor
   * @param seed the seed of both the within-image shuffle and the group shuffle
   * @param questionsPerImage the largest group of one image's questions, at least 1
   * @return a new iterator; its batches list each shared image once ({@link Batch#imageIndex()})
   * @throws IllegalArgumentException if {@code batchSize} or {@code questionsPerImage} is below 1
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
   *
   * @param batches the number of batches to skip; 0 or less skips nothing
   * @return the number skipped, fewer than {@code batches} when the pass ends first
   */
  public int skip(int batches) {
    int skipped = 0;
    while (skipped < batches && hasNext()) {
      next += Math.min(batchSize, order.length - next);
      skipped++;
    }
    return skipped;
  }

  /**
   * Returns the number of batches in one pass, including the ones already taken or skipped.
   *
   * @return {@code ceil(split.size() / batchSize)}
   */
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
    Buffers buf = ring[produced++ % ring.length];
    long[] ids = buf.ids;
    long[] tokens = buf.tokens;
    float[] images = buf.images;
    float[] targets = buf.targets;
    int[] imageIndex = buf.imageIndex;
    Arrays.fill(targets, 0, size * answers, 0f);
    int imageCount = 0;
    for (int b = 0; b < size; b++) {
      int q = order[next + b];
      ids[b] = e.questionIds()[q];
      System.arraycopy(e.tokens(), q * t, tokens, b * t, t);
      int row = e.imageRows()[q];
      int slot = shareImages ? slotOfRow[row] : -1;
      if (slot < 0) {
        slot = imageCount++;
        imageRows[slot] = row;
        if (shareImages) {
          slotOfRow[row] = slot;
        }
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
      if (shareImages) {
        slotOfRow[imageRows[i]] = -1;
      }
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
