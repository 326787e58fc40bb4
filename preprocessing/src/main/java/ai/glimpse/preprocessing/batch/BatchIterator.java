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
 */
public final class BatchIterator implements Iterator<Batch> {
  private final PreparedSplit split;
  private final int batchSize;
  private final int answers;
  private final int[] order;
  private final long[] ids;
  private final long[] tokens;
  private final float[] pixels;
  private final float[] targets;
  private int next;

  /**
   * Creates an iterator over {@code split} with dense targets over {@code answers} answers; with a
   * non-null {@code shuffleSeed} the order is a seeded permutation, otherwise file order.
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
      SplittableRandom rng = new SplittableRandom(shuffleSeed);
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
    }
    EncodedSplit e = split.encoded();
    this.ids = new long[batchSize];
    this.tokens = new long[batchSize * e.maxLength()];
    this.pixels = new float[batchSize * split.pixels().imageLength()];
    this.targets = new float[batchSize * answers];
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
    int imageLength = split.pixels().imageLength();
    int size = Math.min(batchSize, order.length - next);
    Arrays.fill(targets, 0, size * answers, 0f);
    for (int b = 0; b < size; b++) {
      int q = order[next + b];
      ids[b] = e.questionIds()[q];
      System.arraycopy(e.tokens(), q * t, tokens, b * t, t);
      split.pixels().copyRow(e.imageRows()[q], pixels, b * imageLength);
      for (int k = 0; k < s; k++) {
        int a = e.targetIndices()[q * s + k];
        if (a >= 0) {
          targets[b * answers + a] = e.targetScores()[q * s + k];
        }
      }
    }
    next += size;
    if (size == batchSize) {
      return new Batch(size, ids, tokens, pixels, targets);
    }
    return new Batch(size, Arrays.copyOf(ids, size), Arrays.copyOf(tokens, size * t),
        Arrays.copyOf(pixels, size * imageLength), Arrays.copyOf(targets, size * answers));
  }
}
