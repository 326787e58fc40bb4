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

  /** Checks that the weights fill {@code [rows, dim]}. */
  public WordVectors {
    if (dim < 1 || rows < 1 || weights.length != (long) rows * dim) {
      throw new IllegalArgumentException("word vectors must be [rows, dim] = [" + rows + ", " + dim
          + "], got " + weights.length + " values");
    }
  }

  /** Writes the file atomically. */
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

  /** Reads a file written by {@link #write}; errors name the file. */
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
