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
  /**
   * Validates the shape and the counts; {@code missing} is copied.
   *
   * @param dim the vector dimension, at least 1
   * @param weights the row-major matrix, a multiple of {@code dim} floats; held, not copied
   * @param found the number of words with a GloVe vector, in {@code [0, total]}
   * @param total the number of vocabulary words, padding and unknown tokens excluded
   * @param missing exactly {@code total - found} words without a vector; no null elements
   * @throws NullPointerException if {@code weights} or {@code missing} is null or holds null
   * @throws IllegalArgumentException if {@code dim < 1}, the weights are not whole rows, or the
   *     counts disagree with each other or with {@code missing}
   */
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

  /**
   * Returns the number of rows, i.e. the vocabulary size including padding and unknown tokens.
   *
   * @return {@code weights.length / dim}
   */
  public int rows() {
    return weights.length / dim;
  }

  /**
   * Returns the share of vocabulary words (padding and unknown tokens excluded) that had a GloVe
   * vector, in [0, 1]; 0 for a vocabulary without words.
   *
   * @return {@code found / total} as a fraction (not a percentage), or 0 when {@code total} is 0
   */
  public double coverage() {
    return total == 0 ? 0.0 : (double) found / total;
  }

  /**
   * Returns a copy of one row.
   *
   * @param index the token index, in {@code [0, rows())}
   * @return a new array of {@code dim} floats
   * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, rows())}
   */
  public float[] row(int index) {
    Objects.checkIndex(index, rows());
    return Arrays.copyOfRange(weights, index * dim, (index + 1) * dim);
  }
}
