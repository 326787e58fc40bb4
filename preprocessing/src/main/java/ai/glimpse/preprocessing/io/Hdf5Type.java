package ai.glimpse.preprocessing.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The element type of a dataset written by {@link Hdf5StreamWriter}: little-endian IEEE floats
 * (16, 32 or 64 bits), signed little-endian integers (32 or 64 bits) or fixed-length ASCII
 * strings (null-terminated when shorter than the length, as h5py's {@code S<n>} types read them).
 */
public final class Hdf5Type {
  /** IEEE 754 binary16, numpy's {@code float16}. */
  public static final Hdf5Type FLOAT16 = new Hdf5Type(Kind.FLOAT, 2, "float16");
  /** IEEE 754 binary32. */
  public static final Hdf5Type FLOAT32 = new Hdf5Type(Kind.FLOAT, 4, "float32");
  /** IEEE 754 binary64. */
  public static final Hdf5Type FLOAT64 = new Hdf5Type(Kind.FLOAT, 8, "float64");
  /** Signed 32-bit integers. */
  public static final Hdf5Type INT32 = new Hdf5Type(Kind.INTEGER, 4, "int32");
  /** Signed 64-bit integers. */
  public static final Hdf5Type INT64 = new Hdf5Type(Kind.INTEGER, 8, "int64");

  /** HDF5's datatype classes used here. */
  enum Kind {
    INTEGER(0), FLOAT(1), STRING(3);

    final int hdf5Class;

    Kind(int hdf5Class) {
      this.hdf5Class = hdf5Class;
    }
  }

  private final Kind kind;
  private final int size;
  private final String name;

  private Hdf5Type(Kind kind, int size, String name) {
    this.kind = kind;
    this.size = size;
    this.name = name;
  }

  /**
   * Returns the type of fixed-length ASCII strings of at most {@code length} bytes (1 to 65535).
   *
   * @param length the stored size of every element, in bytes; shorter strings are padded with NULs
   * @return a new type; types of the same length are {@code equals}
   * @throws IllegalArgumentException if {@code length} is outside 1 to 65535
   */
  public static Hdf5Type asciiString(int length) {
    if (length < 1 || length > 0xffff) {
      throw new IllegalArgumentException("string length must be 1 to 65535 bytes, got " + length);
    }
    return new Hdf5Type(Kind.STRING, length, "string" + length);
  }

  /**
   * Returns the size of one element in the file, in bytes (the length, for strings).
   *
   * @return 2, 4 or 8 for numbers; 1 to 65535 for strings
   */
  public int size() {
    return size;
  }

  /**
   * Returns whether elements are floating point numbers.
   *
   * @return true for {@link #FLOAT16}, {@link #FLOAT32} and {@link #FLOAT64}
   */
  public boolean isFloat() {
    return kind == Kind.FLOAT;
  }

  /**
   * Returns whether elements are integers.
   *
   * @return true for {@link #INT32} and {@link #INT64}
   */
  public boolean isInteger() {
    return kind == Kind.INTEGER;
  }

  /**
   * Returns whether elements are fixed-length strings.
   *
   * @return true for the types made by {@link #asciiString}
   */
  public boolean isString() {
    return kind == Kind.STRING;
  }

  Kind kind() {
    return kind;
  }

  /**
   * Returns the body of this type's HDF5 datatype message (version 1), unpadded: 12 bytes for
   * integers, 20 for floats, 8 for strings.
   */
  byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(kind == Kind.FLOAT ? 20 : kind == Kind.INTEGER ? 12 : 8)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) ((1 << 4) | kind.hdf5Class));
    switch (kind) {
      case INTEGER -> {
        b.put((byte) 0x08).put((byte) 0).put((byte) 0); // little-endian, zero padding, signed
        b.putInt(size);
        b.putShort((short) 0).putShort((short) (8 * size)); // bit offset, precision
      }
      case FLOAT -> {
        int bits = 8 * size;
        // little-endian, zero padding, implied leading mantissa bit; sign bit at the top.
        b.put((byte) 0x20).put((byte) (bits - 1)).put((byte) 0);
        b.putInt(size);
        int exponentBits = switch (size) {
          case 2 -> 5;
          case 4 -> 8;
          default -> 11;
        };
        int mantissaBits = bits - 1 - exponentBits;
        b.putShort((short) 0).putShort((short) bits);
        b.put((byte) mantissaBits).put((byte) exponentBits); // exponent location and size
        b.put((byte) 0).put((byte) mantissaBits); // mantissa location and size
        b.putInt((1 << (exponentBits - 1)) - 1); // exponent bias
      }
      case STRING -> {
        b.put((byte) 0x00).put((byte) 0).put((byte) 0); // null-terminated, ASCII
        b.putInt(size);
      }
      default -> throw new AssertionError(kind);
    }
    return b.array();
  }

  /** Returns the type's name, e.g. {@code float16} or {@code string12}. */
  @Override
  public String toString() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hdf5Type t && t.kind == kind && t.size == size;
  }

  @Override
  public int hashCode() {
    return 31 * kind.hashCode() + size;
  }
}
