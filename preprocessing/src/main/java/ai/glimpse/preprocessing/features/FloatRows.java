package ai.glimpse.preprocessing.features;

import io.jhdf.api.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A floating-point HDF5 dataset {@code [N, ...]} read lazily, whole rows at a time: only the
 * requested rows are read from disk. Contiguous float16 and float32 datasets (what Glimpse, h5py
 * and the seeds' scripts write) are read straight from the file with positional reads and
 * converted here; other layouts (chunked, compressed, float64) go through jhdf's slice reading.
 * float16 and float64 data are converted to float32.
 */
final class FloatRows {
  /** The most floats one slice read may hold, so that a batch of adjacent rows stays bounded. */
  private static final int MAX_SLICE_FLOATS = 1 << 24;

  private final FeatureFile source;
  private final Path file;
  private final String name;
  private final Dataset dataset;
  private final int[] dims;
  private final int rowLength;
  // Direct reads: the data's byte offset in the file, the bytes per value (2 or 4) and their order;
  // -1 when the dataset is not a plain contiguous float16 or float32 array.
  private final long dataAddress;
  private final int valueBytes;
  private final java.nio.ByteOrder order;

  /** Wraps {@code dataset} of {@code source}; its element type must be floating point. */
  FloatRows(FeatureFile source, String name, Dataset dataset) throws IOException {
    this.source = source;
    this.file = source.path();
    this.name = name;
    this.dataset = dataset;
    this.dims = dataset.getDimensions();
    Class<?> type = dataset.getJavaType();
    if (type != float.class && type != double.class) {
      throw new IOException(file + ": dataset '" + name + "' must hold float16 or float32 values, got "
          + type.getSimpleName() + " " + Arrays.toString(dims));
    }
    if (dims.length < 1) {
      throw new IOException(file + ": dataset '" + name + "' is a scalar, expected rows");
    }
    long length = 1;
    for (int i = 1; i < dims.length; i++) {
      length *= dims[i];
    }
    if (length > Integer.MAX_VALUE) {
      throw new IOException(file + ": dataset '" + name + "' rows of " + length + " values are too large");
    }
    this.rowLength = (int) length;
    long address = -1;
    int bytes = 0;
    java.nio.ByteOrder byteOrder = java.nio.ByteOrder.LITTLE_ENDIAN;
    if (dataset instanceof io.jhdf.api.dataset.ContiguousDataset c && dataset.getFilters().isEmpty()
        && dataset.getDataType() instanceof io.jhdf.object.datatype.FloatingPoint fp
        && (fp.getBitPrecision() == 16 || fp.getBitPrecision() == 32) && fp.getSize() * 8 == fp.getBitPrecision()) {
      try {
        address = c.getDataAddress();
        bytes = fp.getSize();
        byteOrder = fp.getByteOrder();
      } catch (RuntimeException e) {
        address = -1;
      }
    }
    this.dataAddress = address;
    this.valueBytes = bytes;
    this.order = byteOrder;
  }

  /** Returns the dataset's shape. */
  int[] dims() {
    return dims.clone();
  }

  /** Returns the number of rows, {@code N}. */
  int rows() {
    return dims[0];
  }

  /** Returns the number of floats of one row, the product of all dimensions but the first. */
  int rowLength() {
    return rowLength;
  }

  /** Copies row {@code row} into {@code dst} at {@code offset}. */
  void read(int row, float[] dst, int offset) {
    checkRoom(dst, offset);
    float[] slice = readSlice(row, 1);
    System.arraycopy(slice, 0, dst, offset, rowLength);
  }

  /**
   * Copies the rows {@code rows[i]} into {@code dst} at {@code offsets[i]}. Rows are visited in
   * sorted order and runs of adjacent rows are read as one slice; repeated rows are read once.
   */
  void readRows(int[] rows, float[] dst, int[] offsets) {
    int n = rows.length;
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      checkRoom(dst, offsets[i]);
      order[i] = ((long) rows[i] << 32) | i;
    }
    Arrays.sort(order);
    int maxRun = Math.max(1, MAX_SLICE_FLOATS / Math.max(1, rowLength));
    int i = 0;
    while (i < n) {
      int start = (int) (order[i] >>> 32);
      int last = start;
      int j = i;
      while (j + 1 < n) {
        int next = (int) (order[j + 1] >>> 32);
        if ((next == last || next == last + 1) && next - start < maxRun) {
          last = next;
          j++;
        } else {
          break;
        }
      }
      float[] slice = readSlice(start, last - start + 1);
      for (int m = i; m <= j; m++) {
        int row = (int) (order[m] >>> 32);
        int slot = (int) order[m];
        System.arraycopy(slice, (row - start) * rowLength, dst, offsets[slot], rowLength);
      }
      i = j + 1;
    }
  }

  private void checkRoom(float[] dst, int offset) {
    if (offset < 0 || (long) offset + rowLength > dst.length) {
      throw new IllegalArgumentException("destination of " + dst.length + " floats cannot hold a row of '"
          + name + "' (" + rowLength + " floats) at offset " + offset);
    }
  }

  private float[] readSlice(int start, int count) {
    if (start < 0 || start + count > dims[0]) {
      throw new IllegalArgumentException(file + ": rows " + start + ".." + (start + count - 1)
          + " are outside dataset '" + name + "' " + Arrays.toString(dims));
    }
    if (dataAddress >= 0) {
      return readDirect(start, count);
    }
    long[] offset = new long[dims.length];
    offset[0] = start;
    int[] shape = dims.clone();
    shape[0] = count;
    Object data;
    try {
      data = dataset.getData(offset, shape);
    } catch (RuntimeException e) {
      throw new UncheckedIOException(new IOException(file + ": cannot read rows " + start + ".."
          + (start + count - 1) + " of dataset '" + name + "': " + e.getMessage(), e));
    }
    float[] out = new float[count * rowLength];
    int written = flatten(data, out, 0);
    if (written != out.length) {
      throw new IllegalStateException(file + ": dataset '" + name + "' slice gave " + written
          + " values, expected " + out.length);
    }
    return out;
  }

  /** Reads rows {@code start .. start + count - 1} with positional reads and converts them. */
  private float[] readDirect(int start, int count) {
    long values = (long) count * rowLength;
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(Math.toIntExact(values * valueBytes)).order(order);
    long position = dataAddress + (long) start * rowLength * valueBytes;
    try {
      java.nio.channels.FileChannel channel = source.channel();
      while (bytes.hasRemaining()) {
        int n = channel.read(bytes, position + bytes.position());
        if (n < 0) {
          // Never written (a sparse or truncated file): HDF5's fill value, zeros.
          break;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(new IOException(file + ": cannot read rows " + start + ".."
          + (start + count - 1) + " of dataset '" + name + "': " + e.getMessage(), e));
    }
    bytes.rewind();
    float[] out = new float[(int) values];
    if (valueBytes == 4) {
      bytes.asFloatBuffer().get(out);
    } else {
      java.nio.ShortBuffer halves = bytes.asShortBuffer();
      for (int i = 0; i < out.length; i++) {
        out[i] = HALF[halves.get(i) & 0xffff];
      }
    }
    return out;
  }

  // Every float16 bit pattern as float32.
  private static final float[] HALF = new float[1 << 16];

  static {
    for (int i = 0; i < HALF.length; i++) {
      HALF[i] = ai.glimpse.preprocessing.io.Float16.toFloat((short) i);
    }
  }

  /** Copies a nested Java array as jhdf returns it into {@code out}, returning the next position. */
  private static int flatten(Object data, float[] out, int pos) {
    if (data instanceof float[] f) {
      System.arraycopy(f, 0, out, pos, f.length);
      return pos + f.length;
    }
    if (data instanceof double[] d) {
      for (double v : d) {
        out[pos++] = (float) v;
      }
      return pos;
    }
    if (data instanceof Object[] nested) {
      for (Object o : nested) {
        pos = flatten(o, out, pos);
      }
      return pos;
    }
    throw new IllegalStateException("unexpected slice element " + data.getClass().getSimpleName());
  }
}
