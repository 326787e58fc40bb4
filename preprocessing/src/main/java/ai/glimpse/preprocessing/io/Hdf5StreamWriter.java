package ai.glimpse.preprocessing.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes an HDF5 file whose datasets are streamed in pieces rather than held in memory. The
 * datasets, in the root group, are declared up front ({@link Builder#dataset}) with their element
 * type and shape; the caller then writes each dataset's elements in row-major order, in any
 * number of pieces and interleaving datasets as it likes ({@link #writeFloats}, {@link #writeLongs},
 * ...: each dataset has its own sequential write position), or at explicit element offsets
 * ({@link #writeFloatsAt}, ...). Float data bound for a {@link Hdf5Type#FLOAT16} dataset is
 * rounded to nearest, ties to even ({@link Float16}).
 *
 * <p>{@link #close()} writes the file's metadata. It fails with an {@link IllegalStateException}
 * naming each dataset that was not completely written, unless the writer was built with
 * {@link Builder#allowUnwritten()}: then unwritten elements read as zeros, and regions never
 * written stay holes in the file on file systems that support sparse files.
 *
 * <p>The file uses the classic HDF5 structures that every reader accepts (version-0 superblock,
 * symbol-table root group, version-1 object headers) and contiguous storage, so that h5py, the
 * HDF5 library and jhdf read it, including jhdf's slice reads. Dimensions above
 * {@link Integer#MAX_VALUE} are valid HDF5 but cannot be read by jhdf. A writer is not
 * thread-safe. Write files that must appear atomically through
 * {@link AtomicFiles#writeWithPath}.
 */
public final class Hdf5StreamWriter implements Closeable {
  /** The target naming the root group in {@link #setAttribute}. */
  public static final String ROOT = "/";

  private static final int MAX_RANK = 32;
  private static final int MAX_NAME_LENGTH = 255;
  private static final int SCRATCH_BYTES = 1 << 20;

  private final Path file;
  private final FileChannel channel;
  private final Map<String, StreamedDataset> datasets;
  private final Map<String, Hdf5Attribute> rootAttributes = new LinkedHashMap<>();
  private final boolean allowUnwritten;
  private final long dataEnd;
  private final ByteBuffer scratch = ByteBuffer.allocate(SCRATCH_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private boolean closed;

  /** Encodes {@code count} source elements, starting {@code from} elements into a write, into a buffer. */
  @FunctionalInterface
  private interface ChunkEncoder {
    void encode(int from, int count, ByteBuffer dst);
  }

  /** Declares the datasets of a file, then opens the writer. */
  public static final class Builder {
    private final Path file;
    private final Map<String, Declaration> declared = new LinkedHashMap<>();
    private boolean allowUnwritten;

    private record Declaration(String name, Hdf5Type type, long[] dims, long elements) {}

    private Builder(Path file) {
      this.file = Objects.requireNonNull(file, "file");
    }

    /**
     * Declares dataset {@code name} in the root group with element type {@code type} and
     * shape {@code dims} (rank 1 to 32, every dimension at least 1).
     *
     * @param name the dataset's name: 1 to 255 printable ASCII characters without {@code /},
     *     not {@code .} or {@code ..}
     * @param type the element type
     * @param dims the shape, outermost dimension first; the array is copied
     * @return this builder
     * @throws IllegalArgumentException if the name is invalid or already declared, or the shape
     *     has a bad rank, a dimension below 1 or a byte size beyond {@code Long.MAX_VALUE}
     */
    public Builder dataset(String name, Hdf5Type type, long... dims) {
      checkName(name, "dataset");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(dims, "dims");
      if (declared.containsKey(name)) {
        throw new IllegalArgumentException(file + ": dataset '" + name + "' is declared twice");
      }
      if (dims.length < 1 || dims.length > MAX_RANK) {
        throw new IllegalArgumentException(file + ": dataset '" + name + "' needs 1 to " + MAX_RANK
            + " dimensions, got " + Arrays.toString(dims));
      }
      long elements = 1;
      try {
        for (long d : dims) {
          if (d < 1) {
            throw new IllegalArgumentException(file + ": dataset '" + name
                + "' dimensions must be at least 1, got " + Arrays.toString(dims));
          }
          elements = Math.multiplyExact(elements, d);
        }
        Math.multiplyExact(elements, type.size());
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(file + ": dataset '" + name + "' " + type + " "
            + Arrays.toString(dims) + " is too large", e);
      }
      declared.put(name, new Declaration(name, type, dims.clone(), elements));
      return this;
    }

    /**
     * Lets {@link #close()} succeed although some elements were never written; they read as
     * zeros.
     *
     * @return this builder
     */
    public Builder allowUnwritten() {
      this.allowUnwritten = true;
      return this;
    }

    /**
     * Creates (or truncates) the file and returns the writer. Each dataset's data gets its
     * place in the file now; the metadata follows on {@link #close()}.
     *
     * @return an open writer; the caller closes it ({@link #close()} to finish the file,
     *     {@link #abort()} to give up)
     * @throws IOException if the file cannot be created; the message names the file
     * @throws IllegalStateException if no dataset was declared
     */
    public Hdf5StreamWriter open() throws IOException {
      if (declared.isEmpty()) {
        throw new IllegalStateException(file + ": declare at least one dataset before opening the writer");
      }
      Map<String, StreamedDataset> datasets = new LinkedHashMap<>();
      long address = Hdf5Format.SUPERBLOCK_SIZE;
      for (Declaration d : declared.values()) {
        StreamedDataset s = new StreamedDataset(d.name(), d.type(), d.dims(), d.elements(), address);
        datasets.put(d.name(), s);
        address = Hdf5Format.align8(Math.addExact(address, s.byteSize()));
      }
      FileChannel channel;
      try {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SPARSE);
      } catch (IOException e) {
        throw new IOException(file + ": cannot create HDF5 file: " + e.getMessage(), e);
      }
      return new Hdf5StreamWriter(file, channel, datasets, allowUnwritten, address);
    }
  }

  private Hdf5StreamWriter(Path file, FileChannel channel, Map<String, StreamedDataset> datasets,
      boolean allowUnwritten, long dataEnd) {
    this.file = file;
    this.channel = channel;
    this.datasets = datasets;
    this.allowUnwritten = allowUnwritten;
    this.dataEnd = dataEnd;
  }

  /**
   * Starts declaring a file to be written at {@code file}.
   *
   * @param file the path of the HDF5 file; nothing is touched before {@link Builder#open()},
   *     which creates or truncates it
   * @return a builder without datasets
   * @throws NullPointerException if {@code file} is null
   */
  public static Builder builder(Path file) {
    return new Builder(file);
  }

  /**
   * Returns the file being written.
   *
   * @return the path given to {@link #builder}
   */
  public Path file() {
    return file;
  }

  /**
   * Returns the declared dataset names, in declaration order.
   *
   * @return an unmodifiable list
   */
  public List<String> datasetNames() {
    return List.copyOf(datasets.keySet());
  }

  /**
   * Returns the number of elements of dataset {@code dataset}.
   *
   * @param dataset the name of a declared dataset
   * @return the product of its dimensions
   * @throws IllegalArgumentException if the dataset is not declared
   * @throws IllegalStateException if the writer is closed
   */
  public long elements(String dataset) {
    return dataset(dataset).elements();
  }

  /**
   * Returns the element at which the next sequential write to {@code dataset} starts.
   *
   * @param dataset the name of a declared dataset
   * @return a row-major element index: the number of elements written by the sequential
   *     methods so far ({@code ...At} writes do not move it)
   * @throws IllegalArgumentException if the dataset is not declared
   * @throws IllegalStateException if the writer is closed
   */
  public long position(String dataset) {
    return dataset(dataset).position();
  }

  /**
   * Returns how many distinct elements of {@code dataset} have been written so far.
   *
   * @param dataset the name of a declared dataset
   * @return 0 to {@link #elements}; an element written twice counts once
   * @throws IllegalArgumentException if the dataset is not declared
   * @throws IllegalStateException if the writer is closed
   */
  public long writtenElements(String dataset) {
    return dataset(dataset).written().covered();
  }

  // ---- floats

  /**
   * Writes {@code len} floats from {@code src[off]} at the dataset's write position and
   * advances it; the dataset must be float16 (rounded), float32 or float64 (widened).
   *
   * @param dataset the name of a declared dataset
   * @param src the values; {@code src[off]} goes to the current write position
   * @param off the index of the first value in {@code src}
   * @param len the number of values to write, 0 or more; the position advances by {@code len}
   * @throws IOException if the file cannot be written; the message names the file and dataset
   * @throws IllegalArgumentException if the dataset is not declared, is not a float dataset, or has
   *     fewer than {@code len} elements left from the write position
   * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie inside {@code src}
   * @throws IllegalStateException if the writer is closed
   */
  public void writeFloats(String dataset, float[] src, int off, int len) throws IOException {
    StreamedDataset d = dataset(dataset);
    writeFloatsAt(d, d.position(), src, off, len, "writeFloats");
    d.advance(len);
  }

  /**
   * Writes {@code len} floats from {@code src[off]} at row-major element {@code elementOffset};
   * the sequential write position does not move. The dataset must be float16, float32 or
   * float64, as for {@link #writeFloats}.
   *
   * @param dataset the name of a declared dataset
   * @param elementOffset the row-major index of the first element written, 0 to
   *     {@code elements(dataset) - len}
   * @param src the values; {@code src[off]} goes to element {@code elementOffset}
   * @param off the index of the first value in {@code src}
   * @param len the number of values to write, 0 or more
   * @throws IOException if the file cannot be written; the message names the file and dataset
   * @throws IllegalArgumentException if the dataset is not declared, is not a float dataset, or the
   *     elements would lie outside it
   * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie inside {@code src}
   * @throws IllegalStateException if the writer is closed
   */
  public void writeFloatsAt(String dataset, long elementOffset, float[] src, int off, int len) throws IOException {
    writeFloatsAt(dataset(dataset), elementOffset, src, off, len, "writeFloatsAt");
  }

  private void writeFloatsAt(StreamedDataset d, long at, float[] src, int off, int len, String method)
      throws IOException {
    requireType(d, d.type().isFloat(), method, "a float16, float32 or float64");
    checkSource(d, src.length, off, len, "floats");
    Hdf5Type type = d.type();
    put(d, at, len, (from, count, dst) -> {
      int start = off + from;
      if (type.equals(Hdf5Type.FLOAT16)) {
        for (int i = 0; i < count; i++) {
          dst.putShort(Float16.fromFloat(src[start + i]));
        }
      } else if (type.equals(Hdf5Type.FLOAT32)) {
        dst.asFloatBuffer().put(src, start, count);
        dst.position(dst.position() + 4 * count);
      } else {
        for (int i = 0; i < count; i++) {
          dst.putDouble(src[start + i]);
        }
      }
    });
  }

  // ---- doubles

  /**
   * Writes {@code len} doubles from {@code src[off]} at the dataset's write position and
   * advances it; the dataset must be float64, or float32 (rounded). Write float16 datasets with
   * {@link #writeFloats}.
   *
   * @param dataset the name of a declared dataset
   * @param src the values; {@code src[off]} goes to the current write position
   * @param off the index of the first value in {@code src}
   * @param len the number of values to write, 0 or more; the position advances by {@code len}
   * @throws IOException if the file cannot be written; the message names the file and dataset
   * @throws IllegalArgumentException if the dataset is not declared, is not float32 or float64, or
   *     has fewer than {@code len} elements left from the write position
   * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie inside {@code src}
   * @throws IllegalStateException if the writer is closed
   */
  public void writeDoubles(String dataset, double[] src, int off, int len) throws IOException {
    StreamedDataset d = dataset(dataset);
    writeDoublesAt(d, d.position(), src, off, len, "writeDoubles");
    d.advance(len);
  }

  /**
   * Writes {@code len} doubles at row-major element {@code elementOffset}; see
   * {@link #writeDoubles}. The sequential write position does not move.
   *
   * @param dataset the name of a declared dataset
   * @param elementOffset the row-major index of the first element written, 0 to
   *     {@code elements(dataset) - len}
   * @param src the values; {@code src[off]} goes to element {@code elementOffset}
   * @param off the index of the first value in {@code src}
   * @param len the number of values to write, 0 or more
   * @throws IOException if the file cannot be written; the message names the file and dataset
   * @throws IllegalArgumentException if the dataset is not declared, is not float32 or float64, or
   *     the elements would lie outside it
   * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie inside {@code src}
   * @throws IllegalStateException if the writer is closed
   */
  public void writeDoublesAt(String dataset, long elementOffset, double[] src, int off, int len)
      throws IOException {
    writeDoublesAt(dataset(dataset), elementOffset, src, off, len, "writeDoublesAt");
  }

  private void writeDoublesAt(StreamedDataset d, long at, double[] src, int off, int len, String method)
      throws IOException {
    boolean ok = d.type().equals(Hdf5Type.FLOAT32) || d.type().equals(Hdf5Type.FLOAT64);
    requireType(d, ok, method, "a float32 or float64");
    checkSource(d, src.length, off, len, "doubles");
    boolean narrow = d.type().equals(Hdf5Type.FLOAT32);
    put(d, at, len, (from, count, dst) -> {
      int start = off + from;
      for (int i = 0; i < count; i++) {
        if (narrow) {
          dst.putFloat((float) src[start + i]);
        } else {
          dst.putDouble(src[start + i]);
        }
      }
    });
  }

  // ---- ints

  /**
   * Writes {@code len} ints from {@code src[off]} at the dataset's write position and advances
   * it; the dataset must be int32 or int64.
   *
   * @param dataset the name of a declared dataset
   * @param src the values; {@code src[off]} goes to the current write position
   * @param off the index of the first value in {@code src}
   * @param len the number of values to write, 0 or more; the position advances by {@code len}
   * @throws IOException if the file cannot be written; the message names the file and dataset
   * @throws IllegalArgumentException if the dataset is not declared, is not int32 or int64, or has
   *     fewer than {@code len} elements left from the write position
   * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie inside {@code src}
   * @throws IllegalStateException if the writer is closed
   */
  public void writeInts(String dataset, int[] src, int off, int len) throws IOException {
    StreamedDataset d = dataset(dataset);
    writeIntsAt(d, d.position(), src, off, len, "writeInts");
    d.advance(len);
  }

  /**
   * Writes {@code len} ints at row-major element {@code elementOffset}; see {@link #writeInts}.
   * The sequential write position does not move.
   *
   * @param dataset the name of a declared dataset
   * @param elementOffset the row-major index of the first element written, 0 to
   *     {@code elements(dataset) - len}
   * @param src the values; {@code src[off]} goes to element {@code elementOffset}
   * @param off the index of the first value in {@code src}
   * @param len the number of values to write, 0 or more
   * @throws IOException if the file cannot be written; the message names the file and dataset
   * @throws IllegalArgumentException if the dataset is not declared, is not int32 or int64, or the
   *     elements would lie outside it
   * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie inside {@code src}
   * @throws IllegalStateException if the writer is closed
   */
  public void writeIntsAt(String dataset, long elementOffset, int[] src, int off, int len) throws IOException {
    writeIntsAt(dataset(dataset), elementOffset, src, off, len, "writeIntsAt");
  }

  private void writeIntsAt(StreamedDataset d, long at, int[] src, int off, int len, String method)
      throws IOException {
    requireType(d, d.type().isInteger(), method, "an int32 or int64");
    checkSource(d, src.length, off, len, "ints");
    boolean wide = d.type().equals(Hdf5Type.INT64);
    put(d, at, len, (from, count, dst) -> {
      int start = off + from;
      for (int i = 0; i < count; i++) {
        if (wide) {
          dst.putLong(src[start + i]);
        } else {
          dst.putInt(src[start + i]);
        }
      }
    });
  }

  // ---- longs

  /**
   * Writes {@code len} longs from {@code src[off]} at the dataset's write position and advances
   * it; the dataset must be int64, or int32 when every value fits.
   *
   * @param dataset the name of a declared dataset
   * @param src the values; {@code src[off]} goes to the current write position
   * @param off the index of the first value in {@code src}
   * @param len the number of values to write, 0 or more; the position advances by {@code len}
   * @throws IOException if the file cannot be written; the message names the file and dataset
   * @throws IllegalArgumentException if the dataset is not declared, is not int32 or int64, or has
   *     fewer than {@code len} elements left from the write position, or is int32 and a value does
   *     not fit in it (nothing is then written)
   * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie inside {@code src}
   * @throws IllegalStateException if the writer is closed
   */
  public void writeLongs(String dataset, long[] src, int off, int len) throws IOException {
    StreamedDataset d = dataset(dataset);
    writeLongsAt(d, d.position(), src, off, len, "writeLongs");
    d.advance(len);
  }

  /**
   * Writes {@code len} longs at row-major element {@code elementOffset}; see {@link #writeLongs}.
   * The sequential write position does not move.
   *
   * @param dataset the name of a declared dataset
   * @param elementOffset the row-major index of the first element written, 0 to
   *     {@code elements(dataset) - len}
   * @param src the values; {@code src[off]} goes to element {@code elementOffset}
   * @param off the index of the first value in {@code src}
   * @param len the number of values to write, 0 or more
   * @throws IOException if the file cannot be written; the message names the file and dataset
   * @throws IllegalArgumentException if the dataset is not declared, is not int32 or int64, or the
   *     elements would lie outside it, or is int32 and a value does not fit in it (nothing is then
   *     written)
   * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie inside {@code src}
   * @throws IllegalStateException if the writer is closed
   */
  public void writeLongsAt(String dataset, long elementOffset, long[] src, int off, int len) throws IOException {
    writeLongsAt(dataset(dataset), elementOffset, src, off, len, "writeLongsAt");
  }

  private void writeLongsAt(StreamedDataset d, long at, long[] src, int off, int len, String method)
      throws IOException {
    requireType(d, d.type().isInteger(), method, "an int32 or int64");
    checkSource(d, src.length, off, len, "longs");
    boolean wide = d.type().equals(Hdf5Type.INT64);
    if (!wide) {
      for (int i = 0; i < len; i++) {
        long v = src[off + i];
        if (v != (int) v) {
          throw new IllegalArgumentException(file + ": dataset " + d.describe() + ": value " + v
              + " (source index " + (off + i) + ") does not fit in int32");
        }
      }
    }
    put(d, at, len, (from, count, dst) -> {
      int start = off + from;
      if (wide) {
        dst.asLongBuffer().put(src, start, count);
        dst.position(dst.position() + 8 * count);
      } else {
        for (int i = 0; i < count; i++) {
          dst.putInt((int) src[start + i]);
        }
      }
    });
  }

  // ---- strings

  /**
   * Writes {@code len} strings from {@code src[off]} at the dataset's write position and
   * advances it. The dataset must hold ASCII strings; each value must be ASCII without NUL
   * characters and at most the dataset's string length long.
   *
   * @param dataset the name of a declared dataset
   * @param src the values; {@code src[off]} goes to the current write position
   * @param off the index of the first value in {@code src}
   * @param len the number of values to write, 0 or more; the position advances by {@code len}
   * @throws IOException if the file cannot be written; the message names the file and dataset
   * @throws IllegalArgumentException if the dataset is not declared, is not a string dataset, or
   *     has fewer than {@code len} elements left from the write position, or a value is null, too
   *     long or not ASCII without NUL (nothing is then written)
   * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie inside {@code src}
   * @throws IllegalStateException if the writer is closed
   */
  public void writeStrings(String dataset, String[] src, int off, int len) throws IOException {
    StreamedDataset d = dataset(dataset);
    writeStringsAt(d, d.position(), src, off, len, "writeStrings");
    d.advance(len);
  }

  /**
   * Writes {@code len} strings at row-major element {@code elementOffset}; see
   * {@link #writeStrings}. The sequential write position does not move.
   *
   * @param dataset the name of a declared dataset
   * @param elementOffset the row-major index of the first element written, 0 to
   *     {@code elements(dataset) - len}
   * @param src the values; {@code src[off]} goes to element {@code elementOffset}
   * @param off the index of the first value in {@code src}
   * @param len the number of values to write, 0 or more
   * @throws IOException if the file cannot be written; the message names the file and dataset
   * @throws IllegalArgumentException if the dataset is not declared, is not a string dataset, or
   *     the elements would lie outside it, or a value is null, too long or not ASCII without NUL
   *     (nothing is then written)
   * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie inside {@code src}
   * @throws IllegalStateException if the writer is closed
   */
  public void writeStringsAt(String dataset, long elementOffset, String[] src, int off, int len)
      throws IOException {
    writeStringsAt(dataset(dataset), elementOffset, src, off, len, "writeStringsAt");
  }

  private void writeStringsAt(StreamedDataset d, long at, String[] src, int off, int len, String method)
      throws IOException {
    requireType(d, d.type().isString(), method, "a string");
    checkSource(d, src.length, off, len, "strings");
    int size = d.type().size();
    for (int i = 0; i < len; i++) {
      String s = src[off + i];
      if (s == null) {
        throw new IllegalArgumentException(file + ": dataset " + d.describe() + ": string at source index "
            + (off + i) + " is null");
      }
      if (s.length() > size) {
        throw new IllegalArgumentException(file + ": dataset " + d.describe() + ": string at source index "
            + (off + i) + " ('" + s + "') has " + s.length() + " characters, more than " + size);
      }
      for (int c = 0; c < s.length(); c++) {
        char ch = s.charAt(c);
        if (ch == 0 || ch > 0x7f) {
          throw new IllegalArgumentException(file + ": dataset " + d.describe() + ": string at source index "
              + (off + i) + " has character U+" + String.format("%04X", (int) ch)
              + " at " + c + "; only ASCII without NUL can be stored");
        }
      }
    }
    put(d, at, len, (from, count, dst) -> {
      for (int i = 0; i < count; i++) {
        String s = src[off + from + i];
        for (int c = 0; c < s.length(); c++) {
          dst.put((byte) s.charAt(c));
        }
        for (int c = s.length(); c < size; c++) {
          dst.put((byte) 0);
        }
      }
    });
  }

  // ---- attributes

  /**
   * Sets an int64 attribute on dataset {@code target} or on the root group ({@link #ROOT}):
   * a scalar for one value, else a 1-D array. Setting a name again replaces the attribute.
   *
   * @param target the name of a declared dataset, or {@link #ROOT}
   * @param name the attribute's name: 1 to 255 printable ASCII characters without {@code /}
   * @param values one value or more, at most 7500 (60,000 bytes); the array is copied
   * @throws IllegalArgumentException if the target is not declared, the name is invalid, or there
   *     are no values or too many
   * @throws IllegalStateException if the writer is closed
   */
  public void setAttribute(String target, String name, long... values) {
    Objects.requireNonNull(values, "values");
    checkAttributeValues(target, name, values.length, 8);
    putAttribute(target, Hdf5Attribute.ofLongs(name, values));
  }

  /**
   * Sets a float64 attribute on dataset {@code target} or on the root group ({@link #ROOT}):
   * a scalar for one value, else a 1-D array. Setting a name again replaces the attribute.
   *
   * @param target the name of a declared dataset, or {@link #ROOT}
   * @param name the attribute's name: 1 to 255 printable ASCII characters without {@code /}
   * @param values one value or more, at most 7500 (60,000 bytes); the array is copied
   * @throws IllegalArgumentException if the target is not declared, the name is invalid, or there
   *     are no values or too many
   * @throws IllegalStateException if the writer is closed
   */
  public void setAttribute(String target, String name, double... values) {
    Objects.requireNonNull(values, "values");
    checkAttributeValues(target, name, values.length, 8);
    putAttribute(target, Hdf5Attribute.ofDoubles(name, values));
  }

  /**
   * Sets a scalar ASCII string attribute on dataset {@code target} or on the root group
   * ({@link #ROOT}). Setting a name again replaces the attribute.
   *
   * @param target the name of a declared dataset, or {@link #ROOT}
   * @param name the attribute's name: 1 to 255 printable ASCII characters without {@code /}
   * @param value ASCII without NUL, at most 60,000 characters; may be empty
   * @throws IllegalArgumentException if the target is not declared, the name is invalid, or the
   *     value is too long or not ASCII without NUL
   * @throws IllegalStateException if the writer is closed
   */
  public void setAttribute(String target, String name, String value) {
    Objects.requireNonNull(value, "value");
    checkAttributeValues(target, name, 1, value.length());
    for (int c = 0; c < value.length(); c++) {
      char ch = value.charAt(c);
      if (ch == 0 || ch > 0x7f) {
        throw new IllegalArgumentException(file + ": attribute '" + name + "' of " + targetName(target)
            + " has character U+" + String.format("%04X", (int) ch) + " at " + c
            + "; only ASCII without NUL can be stored");
      }
    }
    putAttribute(target, Hdf5Attribute.ofString(name, value));
  }

  private void checkAttributeValues(String target, String name, int count, int elementBytes) {
    checkOpen();
    checkName(name, "attribute");
    if (count < 1) {
      throw new IllegalArgumentException(file + ": attribute '" + name + "' of " + targetName(target)
          + " needs at least one value");
    }
    if ((long) count * elementBytes > Hdf5Attribute.MAX_DATA_BYTES) {
      throw new IllegalArgumentException(file + ": attribute '" + name + "' of " + targetName(target)
          + " holds " + (long) count * elementBytes + " bytes, more than the "
          + Hdf5Attribute.MAX_DATA_BYTES + " an attribute may hold; store it as a dataset");
    }
  }

  private void putAttribute(String target, Hdf5Attribute a) {
    if (ROOT.equals(target)) {
      rootAttributes.put(a.name(), a);
    } else {
      dataset(target).putAttribute(a);
    }
  }

  private static String targetName(String target) {
    return ROOT.equals(target) ? "the root group" : "dataset '" + target + "'";
  }

  // ---- plumbing

  private StreamedDataset dataset(String name) {
    checkOpen();
    StreamedDataset d = datasets.get(name);
    if (d == null) {
      throw new IllegalArgumentException(file + ": no dataset '" + name + "' was declared (declared: "
          + datasets.keySet() + ")");
    }
    return d;
  }

  private void requireType(StreamedDataset d, boolean ok, String method, String needed) {
    if (!ok) {
      throw new IllegalArgumentException(file + ": dataset " + d.describe() + " cannot take " + method
          + ", which needs " + needed + " dataset");
    }
  }

  private void checkSource(StreamedDataset d, int length, int off, int len, String what) {
    if (off < 0 || len < 0 || off > length - len) {
      throw new IndexOutOfBoundsException(file + ": dataset '" + d.name() + "': cannot take " + len + " "
          + what + " at offset " + off + " from an array of " + length);
    }
  }

  /** Writes {@code len} elements at element {@code at}, encoded chunk by chunk, and records them. */
  private void put(StreamedDataset d, long at, int len, ChunkEncoder encoder) throws IOException {
    if (at < 0 || at > d.elements() - len) {
      throw new IllegalArgumentException(file + ": dataset " + d.describe() + " holds " + d.elements()
          + " elements; cannot write " + len + " at element " + at + " (would end at " + (at + len) + ")");
    }
    int size = d.type().size();
    int chunk = Math.max(1, SCRATCH_BYTES / size);
    try {
      for (int from = 0; from < len; from += chunk) {
        int count = Math.min(chunk, len - from);
        scratch.clear();
        encoder.encode(from, count, scratch);
        scratch.flip();
        d.write(channel, d.address() + (at + from) * size, scratch);
      }
    } catch (IOException e) {
      throw new IOException(file + ": writing dataset '" + d.name() + "' failed: " + e.getMessage(), e);
    }
    d.written().add(at, at + len);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(file + ": the HDF5 writer is closed");
    }
  }

  private static void checkName(String name, String what) {
    Objects.requireNonNull(name, what + " name");
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException(what + " name must be 1 to " + MAX_NAME_LENGTH
          + " characters and not '.' or '..', got '" + name + "'");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '/') {
        throw new IllegalArgumentException(what + " name '" + name + "' may only hold printable ASCII "
            + "without '/', found U+" + String.format("%04X", (int) c) + " at " + i);
      }
    }
  }

  /**
   * Closes the file without writing its metadata, for a caller that gave up after a failure:
   * the file is left invalid and should be deleted ({@link AtomicFiles#writeWithPath} does).
   * Unlike {@link #close()} it never complains about unwritten elements. Does nothing when the
   * writer is already closed.
   *
   * @throws IOException if closing the file fails
   */
  public void abort() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    channel.close();
  }

  /**
   * Writes the metadata and closes the file. Fails with an {@link IllegalStateException} naming
   * every incompletely written dataset unless the writer allows unwritten elements; the file is
   * closed either way but is then not a valid HDF5 file. Closing again does nothing.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (FileChannel c = channel) {
      for (StreamedDataset d : datasets.values()) {
        d.flush(c);
      }
      if (!allowUnwritten) {
        List<String> incomplete = new ArrayList<>();
        for (StreamedDataset d : datasets.values()) {
          long written = d.written().covered();
          if (written != d.elements()) {
            incomplete.add("dataset " + d.describe() + " has " + written + " of " + d.elements()
                + " elements written (first unwritten: element " + d.written().firstGap(d.elements()) + ")");
          }
        }
        if (!incomplete.isEmpty()) {
          throw new IllegalStateException(file + ": " + String.join("; ", incomplete)
              + "; write every element, or build the writer with allowUnwritten() to leave zeros");
        }
      }
      Hdf5Metadata.write(c, Hdf5Format.align8(dataEnd), datasets.values(), rootAttributes.values());
    }
  }
}
