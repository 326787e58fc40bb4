package ai.glimpse.preprocessing.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes the on-disk structures of the classic HDF5 file format that {@link Hdf5StreamWriter}
 * uses: a version-0 superblock, a root group stored as a symbol table (a version-1 B-tree with a
 * single symbol table node, and a local heap holding the link names), and version-1 object
 * headers carrying dataspace, datatype, fill value, contiguous layout and attribute messages.
 * Offsets and lengths are 8 bytes, all numbers little-endian; none of these structures carry
 * checksums. Each structure follows its description in the HDF5 File Format Specification
 * (superblock version 0, version-1 B-trees, symbol table nodes and entries, local heaps,
 * version-1 object headers and the messages they carry).
 */
final class Hdf5Format {
  /** HDF5's undefined address, all bits set. */
  static final long UNDEFINED_ADDRESS = -1L;
  /** The size of the version-0 superblock with 8-byte offsets, including the root entry. */
  static final int SUPERBLOCK_SIZE = 96;
  /** The group internal node K (the library default); a group B-tree node has 2K children. */
  static final int GROUP_INTERNAL_K = 16;
  /** The size of a local heap's prefix: signature, version, sizes and the data segment address. */
  static final int HEAP_PREFIX_SIZE = 32;
  /** The size of a v1 object header's prefix, padded to 8 bytes. */
  static final int OBJECT_HEADER_PREFIX_SIZE = 16;
  /** The size of one symbol table entry. */
  static final int SYMBOL_ENTRY_SIZE = 40;

  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  private static final int MSG_DATASPACE = 0x0001;
  private static final int MSG_DATATYPE = 0x0003;
  private static final int MSG_FILL_VALUE = 0x0005;
  private static final int MSG_LAYOUT = 0x0008;
  private static final int MSG_ATTRIBUTE = 0x000c;
  private static final int MSG_SYMBOL_TABLE = 0x0011;

  private Hdf5Format() {}

  /** Rounds {@code n} up to a multiple of 8. */
  static long align8(long n) {
    return (n + 7) & ~7L;
  }

  private static ByteBuffer buffer(long size) {
    return ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * The superblock, version 0, whose root group symbol table entry caches the root group's
   * B-tree and heap addresses.
   */
  static byte[] superblock(int groupLeafK, long rootHeader, long rootBTree, long rootHeap, long endOfFile) {
    ByteBuffer b = buffer(SUPERBLOCK_SIZE);
    b.put(SIGNATURE);
    b.put((byte) 0); // superblock version
    b.put((byte) 0); // free-space storage version
    b.put((byte) 0); // root group symbol table entry version
    b.put((byte) 0);
    b.put((byte) 0); // shared header message format version
    b.put((byte) 8); // size of offsets
    b.put((byte) 8); // size of lengths
    b.put((byte) 0);
    b.putShort((short) groupLeafK);
    b.putShort((short) GROUP_INTERNAL_K);
    b.putInt(0); // file consistency flags
    b.putLong(0); // base address
    b.putLong(UNDEFINED_ADDRESS); // free-space info
    b.putLong(endOfFile);
    b.putLong(UNDEFINED_ADDRESS); // driver information block
    symbolTableEntry(b, 0, rootHeader, rootBTree, rootHeap);
    return b.array();
  }

  /**
   * Writes a symbol table entry; with a B-tree address it caches a group's symbol table (cache
   * type 1), without one ({@link #UNDEFINED_ADDRESS}) it caches nothing (type 0).
   */
  private static void symbolTableEntry(ByteBuffer b, long nameOffset, long header, long bTree, long heap) {
    b.putLong(nameOffset);
    b.putLong(header);
    boolean group = bTree != UNDEFINED_ADDRESS;
    b.putInt(group ? 1 : 0);
    b.putInt(0);
    b.putLong(group ? bTree : 0);
    b.putLong(group ? heap : 0);
  }

  /** A version-1 object header: a 16-byte prefix followed by the given encoded messages. */
  static byte[] objectHeader(List<byte[]> messages) {
    long size = 0;
    for (byte[] m : messages) {
      size += m.length;
    }
    ByteBuffer b = buffer(OBJECT_HEADER_PREFIX_SIZE + size);
    b.put((byte) 1); // version
    b.put((byte) 0);
    b.putShort((short) messages.size());
    b.putInt(1); // reference count
    b.putInt((int) size);
    b.putInt(0); // padding to 8 bytes
    for (byte[] m : messages) {
      b.put(m);
    }
    return b.array();
  }

  /** One message of a version-1 object header: type, size, flags, then the body padded to 8. */
  private static byte[] message(int type, byte[] body) {
    long padded = align8(body.length);
    if (padded > 0xffff) {
      throw new IllegalArgumentException("HDF5 header message of " + body.length + " bytes exceeds 65535");
    }
    ByteBuffer b = buffer(8 + padded);
    b.putShort((short) type);
    b.putShort((short) padded);
    b.put((byte) 0); // flags
    b.put(new byte[3]);
    b.put(body);
    return b.array();
  }

  /** A dataspace message body, version 1: simple with {@code dims}, or scalar when empty. */
  private static byte[] dataspaceBody(long[] dims) {
    ByteBuffer b = buffer(8 + 8L * dims.length);
    b.put((byte) 1); // version
    b.put((byte) dims.length);
    b.put((byte) 0); // flags: no maximum dimensions
    b.put(new byte[5]);
    for (long d : dims) {
      b.putLong(d);
    }
    return b.array();
  }

  /** The dataspace message. */
  static byte[] dataspace(long[] dims) {
    return message(MSG_DATASPACE, dataspaceBody(dims));
  }

  /** The datatype message. */
  static byte[] datatype(Hdf5Type type) {
    return message(MSG_DATATYPE, type.encode());
  }

  /**
   * The fill value message, version 2: storage allocated early, fill written only if set, and
   * the default fill value (zeros), so that unwritten elements read as zero.
   */
  static byte[] fillValue() {
    ByteBuffer b = buffer(8);
    b.put((byte) 2); // version
    b.put((byte) 1); // space allocation time: early
    b.put((byte) 2); // fill value write time: if set by the user
    b.put((byte) 1); // fill value defined...
    b.putInt(0); // ...as the library default, zero bytes long: zeros
    return message(MSG_FILL_VALUE, b.array());
  }

  /** The data layout message, version 3, contiguous storage of {@code size} bytes at {@code address}. */
  static byte[] contiguousLayout(long address, long size) {
    ByteBuffer b = buffer(18);
    b.put((byte) 3); // version
    b.put((byte) 1); // layout class: contiguous
    b.putLong(address);
    b.putLong(size);
    return message(MSG_LAYOUT, b.array());
  }

  /** The symbol table message of a group: its B-tree and local heap. */
  static byte[] symbolTable(long bTree, long heap) {
    ByteBuffer b = buffer(16);
    b.putLong(bTree);
    b.putLong(heap);
    return message(MSG_SYMBOL_TABLE, b.array());
  }

  /**
   * An attribute message, version 1: name, datatype and dataspace each padded to 8 bytes,
   * followed by the data.
   */
  static byte[] attribute(Hdf5Attribute a) {
    byte[] name = (a.name() + '\0').getBytes(StandardCharsets.US_ASCII);
    byte[] type = a.type().encode();
    byte[] space = dataspaceBody(a.dims());
    ByteBuffer b = buffer(8 + align8(name.length) + align8(type.length) + align8(space.length) + a.data().length);
    b.put((byte) 1); // version
    b.put((byte) 0);
    b.putShort((short) name.length);
    b.putShort((short) type.length);
    b.putShort((short) space.length);
    b.put(name).position((int) (8 + align8(name.length)));
    b.put(type).position(b.position() + (int) (align8(type.length) - type.length));
    b.put(space).position(b.position() + (int) (align8(space.length) - space.length));
    b.put(a.data());
    return message(MSG_ATTRIBUTE, b.array());
  }

  /**
   * A local heap whose data segment follows its prefix directly at {@code address}; the data
   * segment's length must be a multiple of 8. It has no free space (free list offset 1, the
   * library's end-of-list marker).
   */
  static byte[] localHeap(long address, byte[] data) {
    ByteBuffer b = buffer(HEAP_PREFIX_SIZE + data.length);
    b.put(new byte[] {'H', 'E', 'A', 'P'});
    b.put((byte) 0); // version
    b.put(new byte[3]);
    b.putLong(data.length);
    b.putLong(1); // no free block
    b.putLong(address + HEAP_PREFIX_SIZE);
    b.put(data);
    return b.array();
  }

  /** The size of a group B-tree node: header, 2K child addresses and 2K+1 keys. */
  static int groupBTreeSize() {
    return 24 + 2 * GROUP_INTERNAL_K * 8 + (2 * GROUP_INTERNAL_K + 1) * 8;
  }

  /**
   * A group B-tree of one leaf node pointing to one symbol table node: its left key is the empty
   * name (heap offset 0), its right key the greatest name in the node.
   */
  static byte[] groupBTree(long symbolNode, long greatestNameOffset) {
    ByteBuffer b = buffer(groupBTreeSize());
    b.put(new byte[] {'T', 'R', 'E', 'E'});
    b.put((byte) 0); // node type: group
    b.put((byte) 0); // level: leaf
    b.putShort((short) 1); // entries used
    b.putLong(UNDEFINED_ADDRESS); // left sibling
    b.putLong(UNDEFINED_ADDRESS); // right sibling
    b.putLong(0);
    b.putLong(symbolNode);
    b.putLong(greatestNameOffset);
    return b.array();
  }

  /** The size of a symbol table node of a file whose group leaf node K is {@code leafK}. */
  static int symbolNodeSize(int leafK) {
    return 8 + 2 * leafK * SYMBOL_ENTRY_SIZE;
  }

  /**
   * A symbol table node holding entries for objects without cached data: {@code nameOffsets[i]}
   * names the object whose header is at {@code headers[i]}; entries must come sorted by name.
   */
  static byte[] symbolNode(int leafK, long[] nameOffsets, long[] headers) {
    ByteBuffer b = buffer(symbolNodeSize(leafK));
    b.put(new byte[] {'S', 'N', 'O', 'D'});
    b.put((byte) 1); // version
    b.put((byte) 0);
    b.putShort((short) nameOffsets.length);
    for (int i = 0; i < nameOffsets.length; i++) {
      symbolTableEntry(b, nameOffsets[i], headers[i], UNDEFINED_ADDRESS, UNDEFINED_ADDRESS);
    }
    return b.array();
  }
}
