package ai.glimpse.preprocessing.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One dataset of an {@link Hdf5StreamWriter}: its declaration, its place in the file, which
 * elements have been written and a small buffer that coalesces adjacent writes (row-by-row
 * streaming of small rows) into few positional writes.
 */
final class StreamedDataset {
  private static final int MAX_PENDING_BYTES = 1 << 16;

  private final String name;
  private final Hdf5Type type;
  private final long[] dims;
  private final long elements;
  private final long address;
  private final Map<String, Hdf5Attribute> attributes = new LinkedHashMap<>();
  private final WrittenRanges written = new WrittenRanges();
  private final ByteBuffer pending;
  private long pendingAddress;
  private long position;

  StreamedDataset(String name, Hdf5Type type, long[] dims, long elements, long address) {
    this.name = name;
    this.type = type;
    this.dims = dims.clone();
    this.elements = elements;
    this.address = address;
    this.pending = ByteBuffer.allocate((int) Math.min(MAX_PENDING_BYTES, byteSize()));
  }

  String name() {
    return name;
  }

  Hdf5Type type() {
    return type;
  }

  long[] dims() {
    return dims.clone();
  }

  /** Returns the number of elements, the product of the dimensions. */
  long elements() {
    return elements;
  }

  /** Returns the file address of the first element. */
  long address() {
    return address;
  }

  /** Returns the size of the data in the file, in bytes. */
  long byteSize() {
    return elements * type.size();
  }

  /** Returns the element the next sequential write starts at. */
  long position() {
    return position;
  }

  /** Moves the sequential write position past {@code count} elements. */
  void advance(long count) {
    position += count;
  }

  WrittenRanges written() {
    return written;
  }

  /** Sets (or replaces) an attribute. */
  void putAttribute(Hdf5Attribute a) {
    attributes.put(a.name(), a);
  }

  Collection<Hdf5Attribute> attributes() {
    return attributes.values();
  }

  /** Describes the dataset for error messages, e.g. {@code 'features' float16 [2, 3]}. */
  String describe() {
    return "'" + name + "' " + type + " " + Arrays.toString(dims);
  }

  /**
   * Writes {@code bytes} (position to limit) at file address {@code at}, which lies inside this
   * dataset. Bytes that directly follow the pending ones are buffered; anything else first
   * flushes the buffer, so later writes always win over earlier ones.
   */
  void write(FileChannel channel, long at, ByteBuffer bytes) throws IOException {
    int n = bytes.remaining();
    boolean appends = pending.position() > 0 && at == pendingAddress + pending.position();
    if (appends && n <= pending.remaining()) {
      pending.put(bytes);
      return;
    }
    flush(channel);
    if (n >= pending.capacity()) {
      writeFully(channel, at, bytes);
    } else {
      pendingAddress = at;
      pending.put(bytes);
    }
  }

  /** Writes out buffered bytes. */
  void flush(FileChannel channel) throws IOException {
    if (pending.position() == 0) {
      return;
    }
    pending.flip();
    writeFully(channel, pendingAddress, pending);
    pending.clear();
  }

  private static void writeFully(FileChannel channel, long at, ByteBuffer bytes) throws IOException {
    long p = at;
    while (bytes.hasRemaining()) {
      p += channel.write(bytes, p);
    }
  }
}
