package ai.glimpse.preprocessing.text;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a pretrained embedding matrix {@code [vocabulary, dim]} is: a NumPy {@code .npy} file, or
 * an HDF5 file with, optionally, the path of the dataset inside it. Read by
 * {@link EmbeddingMatrix#read(EmbeddingSource)}.
 *
 * @param file the {@code .npy} or HDF5 file
 * @param dataset the absolute path of the dataset inside an HDF5 file (e.g.
 *     {@code /bert/word_embeddings}), or {@code null} to take the file's only 2-D floating-point
 *     dataset
 */
public record EmbeddingSource(Path file, String dataset) {
  /**
   * Validates the fields.
   *
   * @param file the {@code .npy} or HDF5 file; not null (its existence is checked only on reading)
   * @param dataset the absolute dataset path inside an HDF5 file, starting with {@code /}, or
   *     {@code null}
   * @throws NullPointerException if {@code file} is null
   * @throws IllegalArgumentException if {@code dataset} does not start with {@code /}
   */
  public EmbeddingSource {
    Objects.requireNonNull(file, "file");
    if (dataset != null && !dataset.startsWith("/")) {
      throw new IllegalArgumentException("the dataset path inside " + file
          + " must be absolute (start with '/'), got '" + dataset + "'");
    }
  }

  /**
   * Parses {@code FILE} or {@code FILE:/path/to/dataset} (the dataset after the first
   * {@code ":/"} that is not a drive letter's).
   *
   * @param spec the command-line value, e.g. {@code bert.h5:/bert/word_embeddings} or
   *     {@code C:/data/emb.npy}; a {@code ":/"} at index 0 or 1 is not taken as the separator
   * @return the source; its dataset is {@code null} when {@code spec} names none
   * @throws IllegalArgumentException if {@code spec} is empty
   */
  public static EmbeddingSource parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    int at = spec.indexOf(":/", 2);
    if (at < 0) {
      if (spec.isEmpty()) {
        throw new IllegalArgumentException("empty embedding matrix file name");
      }
      return new EmbeddingSource(Path.of(spec), null);
    }
    return new EmbeddingSource(Path.of(spec.substring(0, at)), spec.substring(at + 1));
  }

  /** Returns {@code file} or {@code file:/dataset}, as {@link #parse} reads it. */
  @Override
  public String toString() {
    return dataset == null ? file.toString() : file + ":" + dataset;
  }
}
