package ai.glimpse.preprocessing.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A small attribute of a dataset or of the root group, held in memory until the file's metadata
 * is written: a scalar ({@code dims} empty) or a 1-D array, with its little-endian element bytes.
 */
record Hdf5Attribute(String name, Hdf5Type type, long[] dims, byte[] data) {
  /** The most bytes of data an attribute may hold, so its message stays well under 64 KiB. */
  static final int MAX_DATA_BYTES = 60_000;

  /** An int64 attribute: a scalar for one value, else 1-D. */
  static Hdf5Attribute ofLongs(String name, long[] values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    return new Hdf5Attribute(name, Hdf5Type.INT64, dimsOf(values.length), b.array());
  }

  /** A float64 attribute: a scalar for one value, else 1-D. */
  static Hdf5Attribute ofDoubles(String name, double[] values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      b.putDouble(v);
    }
    return new Hdf5Attribute(name, Hdf5Type.FLOAT64, dimsOf(values.length), b.array());
  }

  /** A scalar ASCII string attribute, typed as a fixed-length string of the value's length. */
  static Hdf5Attribute ofString(String name, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    // An empty string still needs a type of length 1: it is stored as one terminating zero.
    byte[] data = bytes.length == 0 ? new byte[1] : bytes;
    return new Hdf5Attribute(name, Hdf5Type.asciiString(data.length), new long[0], data);
  }

  private static long[] dimsOf(int n) {
    return n == 1 ? new long[0] : new long[] {n};
  }
}
