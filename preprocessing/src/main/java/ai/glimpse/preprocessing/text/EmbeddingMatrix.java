package ai.glimpse.preprocessing.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A pretrained embedding matrix read from a user's file, row {@code i} for token {@code i} of a
 * vocabulary (e.g. BERT's {@code word_embeddings} next to its {@code vocab.txt}).
 *
 * <p>Formats, told apart by the file's first bytes:
 *
 * <ul>
 *   <li>NumPy {@code .npy}, format versions 1.0, 2.0 and 3.0, dtype {@code '<f4'}, {@code '<f8'}
 *       or {@code '<f2'}, C order, 2-D;
 *   <li>HDF5: the dataset the {@link EmbeddingSource} names, or the file's only 2-D
 *       floating-point dataset.
 * </ul>
 *
 * Values are converted to float32. The array is row-major {@code [rows, dim]} and held as given,
 * not copied; as with any record holding an array, {@code equals} compares it by identity.
 *
 * @param rows the number of rows (vocabulary entries)
 * @param dim the vector size
 * @param weights {@code rows * dim} floats, row-major
 */
public record EmbeddingMatrix(int rows, int dim, float[] weights) {
  private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  /**
   * Checks that the weights fill {@code [rows, dim]}.
   *
   * @param rows the number of rows, at least 1
   * @param dim the vector size, at least 1
   * @param weights exactly {@code rows * dim} floats, row-major; held, not copied
   * @throws NullPointerException if {@code weights} is null
   * @throws IllegalArgumentException if {@code rows} or {@code dim} is below 1 or the array length is
   *     not {@code rows * dim}
   */
  public EmbeddingMatrix {
    Objects.requireNonNull(weights, "weights");
    if (rows < 1 || dim < 1 || weights.length != (long) rows * dim) {
      throw new IllegalArgumentException("an embedding matrix must be [rows >= 1, dim >= 1], got ["
          + rows + ", " + dim + "] with " + weights.length + " values");
    }
  }

  /**
   * Reads the matrix of {@code source}.
   *
   * @param source the file and, for HDF5, optionally the dataset inside it; not null
   * @return the matrix, converted to float32
   * @throws NoSuchFileException if the file does not exist
   * @throws IOException if the file is neither NPY nor HDF5, or its matrix is not a 2-D float
   *     array in a supported layout; the message names the file and, for NPY, its header
   */
  public static EmbeddingMatrix read(EmbeddingSource source) throws IOException {
    Objects.requireNonNull(source, "source");
    if (!Files.isRegularFile(source.file())) {
      throw new NoSuchFileException(source.file().toString(), null, "embedding matrix file not found");
    }
    byte[] head = new byte[HDF5_MAGIC.length];
    int n;
    try (InputStream in = Files.newInputStream(source.file())) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (startsWith(head, n, NPY_MAGIC)) {
      if (source.dataset() != null) {
        throw new IOException(source.file() + " is a .npy file, which holds one array; drop the"
            + " dataset path '" + source.dataset() + "'");
      }
      return NpyMatrix.read(source.file());
    }
    String name = source.file().getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (startsWith(head, n, HDF5_MAGIC) || name.endsWith(".h5") || name.endsWith(".hdf5")) {
      return Hdf5Matrix.read(source.file(), source.dataset());
    }
    throw new IOException(source.file() + ": not an embedding matrix; expected a NumPy .npy file"
        + " (starting with \\x93NUMPY) or an HDF5 file, found first bytes "
        + Arrays.toString(Arrays.copyOf(head, n)));
  }

  /**
   * Returns a copy of one row.
   *
   * @param index the row (token index), in {@code [0, rows)}
   * @return a new array of {@code dim} floats
   * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, rows)}
   */
  public float[] row(int index) {
    Objects.checkIndex(index, rows);
    return Arrays.copyOfRange(weights, index * dim, (index + 1) * dim);
  }

  private static boolean startsWith(byte[] head, int n, byte[] magic) {
    if (n < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
