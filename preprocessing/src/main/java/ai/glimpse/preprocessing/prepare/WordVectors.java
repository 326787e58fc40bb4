package ai.glimpse.preprocessing.prepare;

import ai.glimpse.preprocessing.io.AtomicFiles;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Pretrained word vectors for the question vocabulary ({@code PREPARED/glove.h5}): a dataset
 * {@code embeddings [vocabulary, dim]} float32, row {@code i} for token {@code i} of
 * {@code vocab.json}, and the attribute {@code coverage} (the share of vocabulary words found).
 *
 * @param dim the vector size
 * @param rows the vocabulary size
 * @param weights {@code [rows, dim]} flat
 * @param coverage the share of vocabulary words (padding and unknown aside) found, in [0, 1]
 */
public record WordVectors(int dim, int rows, float[] weights, double coverage) {
  /** The file name inside a prepared directory. */
  public static final String FILE = "glove.h5";

  /**
   * Checks that the weights fill {@code [rows, dim]}. The array is kept, not copied.
   *
   * @param dim the vector size, at least 1
   * @param rows the vocabulary size, at least 1
   * @param weights {@code [rows, dim]} flat, row-major
   * @param coverage the share of vocabulary words found, in [0, 1] (not checked)
   * @throws IllegalArgumentException if {@code dim} or {@code rows} is below 1 or
   *     {@code weights.length != rows * dim}
   */
  public WordVectors {
    if (dim < 1 || rows < 1 || weights.length != (long) rows * dim) {
      throw new IllegalArgumentException("word vectors must be [rows, dim] = [" + rows + ", " + dim
          + "], got " + weights.length + " values");
    }
  }

  /**
   * Writes the file atomically.
   *
   * @param file the HDF5 file to create or replace, usually {@value #FILE} in a prepared directory
   * @throws IOException if the file cannot be written; an existing file is then left as it was
   */
  public void write(Path file) throws IOException {
    float[][] matrix = new float[rows][dim];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(weights, r * dim, matrix[r], 0, dim);
    }
    AtomicFiles.writeWithPath(file, tmp -> {
      try (WritableHdfFile hdf = HdfFile.write(tmp)) {
        hdf.putDataset("embeddings", matrix);
        hdf.putAttribute("coverage", coverage);
      }
    });
  }

  /**
   * Reads a file written by {@link #write}; errors name the file.
   *
   * @param file a word vectors file, usually {@value #FILE} in a prepared directory
   * @return the vectors; the coverage is 0 when the file has no {@code coverage} attribute
   * @throws NoSuchFileException if {@code file} is not a regular file
   * @throws IOException if the file is not valid HDF5 or its {@code embeddings} dataset is missing,
   *     not 2-D or not float32
   */
  public static WordVectors read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null,
          "no word vectors; prepare the data with --glove FILE");
    }
    try (HdfFile hdf = new HdfFile(file)) {
      Dataset d = hdf.getDatasetByPath("embeddings");
      int[] shape = d.getDimensions();
      if (shape.length != 2) {
        throw new IOException(file + ": 'embeddings' must be [vocabulary, dim], found "
            + java.util.Arrays.toString(shape));
      }
      Object flat = d.getDataFlat();
      if (!(flat instanceof float[] w)) {
        throw new IOException(file + ": 'embeddings' is not float32");
      }
      Attribute a = hdf.getAttribute("coverage");
      double coverage = a != null && a.getData() instanceof Number n ? n.doubleValue() : 0;
      return new WordVectors(shape[1], shape[0], w, coverage);
    } catch (RuntimeException e) {
      throw new IOException(file + ": cannot read word vectors: " + e.getMessage(), e);
    }
  }
}
