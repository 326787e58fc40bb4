package ai.glimpse.preprocessing.text;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A word-embedding matrix for a question {@link Vocabulary}, row {@code i} for token {@code i},
 * built by {@link GloveEmbeddings}.
 *
 * <p>The array is row-major {@code [vocab.size(), dim]} and is held as given, not copied, because
 * it can be tens of megabytes; callers should treat it as read-only. As with any record holding an
 * array, {@code equals} compares the array by identity.
 *
 * @param dim the vector dimension (e.g. 300)
 * @param weights the row-major matrix, {@code rows * dim} floats
 * @param found the number of vocabulary words (padding and unknown tokens excluded) that had a
 *     vector in the GloVe file
 * @param total the number of vocabulary words, padding and unknown tokens excluded
 * @param missing the vocabulary words without a vector, in vocabulary order
 */
public record GloveMatrix(int dim, float[] weights, int found, int total, List<String> missing) {
  /** Validates the shape and the counts. */
  public GloveMatrix {
    Objects.requireNonNull(weights, "weights");
    if (dim < 1) {
      throw new IllegalArgumentException("dim must be >= 1, got " + dim);
    }
    if (weights.length % dim != 0) {
      throw new IllegalArgumentException(
          "weights length " + weights.length + " is not a multiple of dim " + dim);
    }
    if (found < 0 || found > total) {
      throw new IllegalArgumentException("found must be in [0, total=" + total + "], got " + found);
    }
    missing = List.copyOf(missing);
    if (missing.size() != total - found) {
      throw new IllegalArgumentException("expected " + (total - found) + " missing words (total "
          + total + " - found " + found + "), got " + missing.size());
    }
  }

  /** Returns the number of rows, i.e. the vocabulary size including padding and unknown tokens. */
  public int rows() {
    return weights.length / dim;
  }

  /**
   * Returns the share of vocabulary words (padding and unknown tokens excluded) that had a GloVe
   * vector, in [0, 1]; 0 for a vocabulary without words.
   */
  public double coverage() {
    return total == 0 ? 0.0 : (double) found / total;
  }

  /** Returns a copy of row {@code index}, {@code dim} floats. */
  public float[] row(int index) {
    Objects.checkIndex(index, rows());
    return Arrays.copyOfRange(weights, index * dim, (index + 1) * dim);
  }
}
