package ai.glimpse.preprocessing.text;

import ai.glimpse.preprocessing.io.Float16;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a 2-D float matrix from a NumPy {@code .npy} file, as the NPY format specification
 * ({@code numpy/lib/format.py}) lays it out: the magic {@code \x93NUMPY}, the major and minor
 * version bytes, the header length (a little-endian {@code uint16} for version 1.0, a
 * {@code uint32} for 2.0 and 3.0), the header (a Python dict literal with {@code descr},
 * {@code fortran_order} and {@code shape}; Latin-1 up to 2.0, UTF-8 in 3.0), then the data.
 */
final class NpyMatrix {
  private static final int PREAMBLE = 8; // magic (6) + major + minor
  private static final Pattern DESCR =
      Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
  private static final Pattern FORTRAN =
      Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

  private NpyMatrix() {}

  /** Reads the matrix; errors name the file and quote its header. */
  static EmbeddingMatrix read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer pre = ByteBuffer.allocate(PREAMBLE + 4).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, pre, file, "the NPY preamble");
      pre.flip();
      pre.position(6);
      int major = pre.get() & 0xff;
      int minor = pre.get() & 0xff;
      long headerLength;
      int lengthBytes;
      if (major == 1) {
        headerLength = pre.getShort() & 0xffff;
        lengthBytes = 2;
      } else if (major == 2 || major == 3) {
        headerLength = pre.getInt() & 0xffff_ffffL;
        lengthBytes = 4;
      } else {
        throw new IOException(file + ": NPY format version " + major + "." + minor
            + " is not supported (expected 1.0, 2.0 or 3.0)");
      }
      if (headerLength > 1 << 24) {
        throw new IOException(file + ": NPY header length " + headerLength + " is implausible");
      }
      long dataStart = PREAMBLE + lengthBytes + headerLength;
      ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
      ch.position(PREAMBLE + lengthBytes);
      readFully(ch, headerBytes, file, "the NPY header");
      String header = new String(headerBytes.array(),
          major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();
      Header h = parse(file, header);
      long count = (long) h.rows * h.dim;
      long expected = count * h.itemSize;
      long found = ch.size() - dataStart;
      if (found != expected) {
        throw new IOException(file + ": the header " + header + " announces " + expected
            + " bytes of data, the file has " + found);
      }
      float[] weights = new float[(int) count];
      ch.position(dataStart);
      readData(ch, h, weights, file);
      return new EmbeddingMatrix(h.rows, h.dim, weights);
    }
  }

  private record Header(int rows, int dim, int itemSize) {}

  private static Header parse(Path file, String header) throws IOException {
    Matcher descr = DESCR.matcher(header);
    Matcher fortran = FORTRAN.matcher(header);
    Matcher shape = SHAPE.matcher(header);
    if (!header.startsWith("{") || !descr.find() || !fortran.find() || !shape.find()) {
      throw new IOException(file + ": malformed NPY header " + header
          + "; expected a dict with 'descr' (a simple dtype), 'fortran_order' and 'shape'");
    }
    String dtype = descr.group(1);
    int itemSize = switch (dtype) {
      case "<f2" -> 2;
      case "<f4" -> 4;
      case "<f8" -> 8;
      default -> throw new IOException(file + ": NPY dtype '" + dtype + "' is not supported in header "
          + header + "; expected '<f4', '<f8' or '<f2' (little-endian floats)");
    };
    if (fortran.group(1).equals("True")) {
      throw new IOException(file + ": Fortran-order arrays are not supported, header " + header
          + "; save the matrix in C order (numpy.ascontiguousarray)");
    }
    List<Long> dims = new ArrayList<>();
    for (String part : shape.group(1).split(",")) {
      String p = part.strip();
      if (p.endsWith("L")) {
        p = p.substring(0, p.length() - 1);
      }
      if (p.isEmpty()) {
        continue;
      }
      try {
        dims.add(Long.parseLong(p));
      } catch (NumberFormatException e) {
        throw new IOException(file + ": NPY shape entry '" + p + "' is not a number, header " + header, e);
      }
    }
    if (dims.size() != 2) {
      throw new IOException(file + ": an embedding matrix must be 2-D [vocabulary, dim], the header "
          + header + " has shape " + dims);
    }
    long rows = dims.get(0);
    long dim = dims.get(1);
    if (rows < 1 || dim < 1 || rows * dim > Integer.MAX_VALUE - 8) {
      throw new IOException(file + ": cannot hold shape " + dims + " (header " + header
          + "); both sizes must be >= 1 and their product < 2^31");
    }
    return new Header((int) rows, (int) dim, itemSize);
  }

  private static void readData(FileChannel ch, Header h, float[] out, Path file) throws IOException {
    int perChunk = (1 << 20) / h.itemSize;
    ByteBuffer buf = ByteBuffer.allocate(perChunk * h.itemSize).order(ByteOrder.LITTLE_ENDIAN);
    int done = 0;
    while (done < out.length) {
      int n = Math.min(perChunk, out.length - done);
      buf.clear().limit(n * h.itemSize);
      readFully(ch, buf, file, "the NPY data");
      buf.flip();
      switch (h.itemSize) {
        case 2 -> {
          for (int i = 0; i < n; i++) {
            out[done + i] = Float16.toFloat(buf.getShort());
          }
        }
        case 4 -> buf.asFloatBuffer().get(out, done, n);
        default -> {
          for (int i = 0; i < n; i++) {
            out[done + i] = (float) buf.getDouble();
          }
        }
      }
      done += n;
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, Path file, String what)
      throws IOException {
    while (buf.hasRemaining()) {
      if (ch.read(buf) < 0) {
        throw new EOFException(file + ": the file ends inside " + what + "; not a complete .npy file");
      }
    }
  }
}
