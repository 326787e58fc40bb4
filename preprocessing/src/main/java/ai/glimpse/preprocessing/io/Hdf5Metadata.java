package ai.glimpse.preprocessing.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Lays out and writes the metadata of a file written by {@link Hdf5StreamWriter} once its data
 * is in place: after the data come the root group's object header, its local heap of names, its
 * B-tree, its symbol table node and one object header per dataset; the superblock at offset 0 is
 * written last and points to them.
 */
final class Hdf5Metadata {
  private static final int MIN_LEAF_K = 4;

  private Hdf5Metadata() {}

  /** The group leaf node K that lets one symbol table node hold {@code datasets} entries. */
  static int leafK(int datasets) {
    return Math.max(MIN_LEAF_K, (datasets + 1) / 2);
  }

  /**
   * Writes the metadata starting at {@code start} (8-aligned, after all data), then the
   * superblock, and returns the end-of-file address.
   */
  static long write(FileChannel channel, long start, Collection<StreamedDataset> datasets,
      Collection<Hdf5Attribute> rootAttributes) throws IOException {
    List<StreamedDataset> sorted = new ArrayList<>(datasets);
    // The symbol table node is searched by strcmp order; names are ASCII, so String order agrees.
    sorted.sort(Comparator.comparing(StreamedDataset::name));

    ByteArrayOutputStream heap = new ByteArrayOutputStream();
    heap.writeBytes(new byte[8]); // offset 0: the empty name, the B-tree's left key
    long[] nameOffsets = new long[sorted.size()];
    for (int i = 0; i < sorted.size(); i++) {
      nameOffsets[i] = heap.size();
      byte[] name = sorted.get(i).name().getBytes(StandardCharsets.US_ASCII);
      heap.writeBytes(name);
      heap.writeBytes(new byte[(int) (Hdf5Format.align8(name.length + 1) - name.length)]);
    }
    byte[] heapData = heap.toByteArray();
    int leafK = leafK(sorted.size());

    int rootSize = rootHeader(0, 0, rootAttributes).length;
    long heapAddress = start + rootSize;
    long bTreeAddress = heapAddress + Hdf5Format.HEAP_PREFIX_SIZE + heapData.length;
    long nodeAddress = bTreeAddress + Hdf5Format.groupBTreeSize();
    long next = nodeAddress + Hdf5Format.symbolNodeSize(leafK);

    List<byte[]> headers = new ArrayList<>();
    long[] headerAddresses = new long[sorted.size()];
    for (int i = 0; i < sorted.size(); i++) {
      byte[] header = datasetHeader(sorted.get(i));
      headerAddresses[i] = next;
      headers.add(header);
      next += header.length;
    }
    long greatestName = sorted.isEmpty() ? 0 : nameOffsets[sorted.size() - 1];

    ByteBuffer block = ByteBuffer.allocate(Math.toIntExact(next - start));
    block.put(rootHeader(bTreeAddress, heapAddress, rootAttributes));
    block.put(Hdf5Format.localHeap(heapAddress, heapData));
    block.put(Hdf5Format.groupBTree(nodeAddress, greatestName));
    block.put(Hdf5Format.symbolNode(leafK, nameOffsets, headerAddresses));
    headers.forEach(block::put);
    block.flip();
    writeFully(channel, start, block);
    writeFully(channel, 0, ByteBuffer.wrap(
        Hdf5Format.superblock(leafK, start, bTreeAddress, heapAddress, next)));
    return next;
  }

  private static byte[] rootHeader(long bTree, long heap, Collection<Hdf5Attribute> attributes) {
    List<byte[]> messages = new ArrayList<>();
    messages.add(Hdf5Format.symbolTable(bTree, heap));
    attributes.forEach(a -> messages.add(Hdf5Format.attribute(a)));
    return Hdf5Format.objectHeader(messages);
  }

  private static byte[] datasetHeader(StreamedDataset d) {
    List<byte[]> messages = new ArrayList<>();
    messages.add(Hdf5Format.dataspace(d.dims()));
    messages.add(Hdf5Format.datatype(d.type()));
    messages.add(Hdf5Format.fillValue());
    messages.add(Hdf5Format.contiguousLayout(d.address(), d.byteSize()));
    d.attributes().forEach(a -> messages.add(Hdf5Format.attribute(a)));
    return Hdf5Format.objectHeader(messages);
  }

  private static void writeFully(FileChannel channel, long at, ByteBuffer bytes) throws IOException {
    long p = at;
    while (bytes.hasRemaining()) {
      p += channel.write(bytes, p);
    }
  }
}
