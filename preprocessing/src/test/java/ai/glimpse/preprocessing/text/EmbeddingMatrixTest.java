package ai.glimpse.preprocessing.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddingMatrixTest {
  /** A 3 x 2 matrix whose values are exact in float16, float32 and float64. */
  private static final float[] VALUES = {1.0f, -2.0f, 0.5f, 65504f, 0.25f, 3.0f};
  /** The same values as float16 bit patterns, worked out by hand from IEEE 754 binary16. */
  private static final short[] HALF_BITS = {0x3C00, (short) 0xC000, 0x3800, 0x7BFF, 0x3400, 0x4200};

  @TempDir
  Path tmp;

  /**
   * Writes an NPY file byte by byte as the format specification lays it out: magic, version,
   * little-endian header length (2 bytes for 1.0, 4 for 2.0 and 3.0), the dict padded with spaces
   * and ended by a newline so that the data starts on a multiple of 64, then the data.
   */
  private Path npy(String name, int major, String dict, byte[] data) throws IOException {
    int lengthBytes = major == 1 ? 2 : 4;
    byte[] dictBytes = dict.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    int unpadded = 8 + lengthBytes + dictBytes.length + 1;
    int padding = (64 - unpadded % 64) % 64;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    int headerLength = dictBytes.length + padding + 1;
    ByteBuffer len = ByteBuffer.allocate(lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
    if (major == 1) {
      len.putShort((short) headerLength);
    } else {
      len.putInt(headerLength);
    }
    out.write(len.array());
    out.write(dictBytes);
    out.write(" ".repeat(padding).getBytes(StandardCharsets.US_ASCII));
    out.write('\n');
    out.write(data);
    assertEquals(0, (8 + lengthBytes + headerLength) % 64);
    Path file = tmp.resolve(name);
    Files.write(file, out.toByteArray());
    return file;
  }

  private static String dict(String descr, boolean fortran, String shape) {
    return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
        + ", 'shape': " + shape + ", }";
  }

  private static byte[] data(String descr) {
    ByteBuffer b = ByteBuffer.allocate(VALUES.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < VALUES.length; i++) {
      switch (descr) {
        case "<f2" -> b.putShort(HALF_BITS[i]);
        case "<f4" -> b.putFloat(VALUES[i]);
        default -> b.putDouble(VALUES[i]);
      }
    }
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"1:<f4", "1:<f8", "1:<f2", "2:<f4", "2:<f8", "2:<f2", "3:<f4", "3:<f8", "3:<f2"})
  void readsEveryVersionAndDtype(String versionAndDtype) throws IOException {
    int major = Integer.parseInt(versionAndDtype.substring(0, 1));
    String descr = versionAndDtype.substring(2);
    Path file = npy("m.npy", major, dict(descr, false, "(3, 2)"), data(descr));
    EmbeddingMatrix m = EmbeddingMatrix.read(new EmbeddingSource(file, null));
    assertEquals(3, m.rows());
    assertEquals(2, m.dim());
    assertArrayEquals(VALUES, m.weights(), 0f);
    assertArrayEquals(new float[] {0.5f, 65504f}, m.row(1), 0f);
  }

  @Test
  void version3HeadersAreUtf8() throws IOException {
    // A key numpy does not write, with a non-Latin-1 character, must not disturb the parse.
    Path file = npy("u.npy", 3, "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), 'note': '中', }",
        data("<f4"));
    assertArrayEquals(VALUES, EmbeddingMatrix.read(new EmbeddingSource(file, null)).weights(), 0f);
  }

  @Test
  void fortranOrderIsAnErrorNamingTheFileAndHeader() throws IOException {
    Path file = npy("f.npy", 1, dict("<f4", true, "(3, 2)"), data("<f4"));
    IOException e = assertThrows(IOException.class, () -> EmbeddingMatrix.read(new EmbeddingSource(file, null)));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("'fortran_order': True"), e.getMessage());
  }

  @Test
  void otherDtypesAreErrors() throws IOException {
    for (String descr : List.of("<i4", ">f4", "<c8", "|u1")) {
      Path file = npy("d.npy", 1, dict(descr, false, "(3, 2)"), new byte[24]);
      IOException e = assertThrows(IOException.class, () -> EmbeddingMatrix.read(new EmbeddingSource(file, null)));
      assertTrue(e.getMessage().contains("'" + descr + "'") && e.getMessage().contains(file.toString()),
          e.getMessage());
      assertTrue(e.getMessage().contains("{'descr'"), e.getMessage());
    }
  }

  @Test
  void shapesOtherThan2dAreErrors() throws IOException {
    for (String shape : List.of("(6,)", "(1, 3, 2)", "()")) {
      Path file = npy("s.npy", 1, dict("<f4", false, shape), data("<f4"));
      IOException e = assertThrows(IOException.class, () -> EmbeddingMatrix.read(new EmbeddingSource(file, null)));
      assertTrue(e.getMessage().contains("2-D") && e.getMessage().contains("'shape': " + shape),
          e.getMessage());
    }
  }

  @Test
  void truncatedDataAndUnknownVersionsAreErrors() throws IOException {
    byte[] short4 = java.util.Arrays.copyOf(data("<f4"), 20);
    Path file = npy("t.npy", 1, dict("<f4", false, "(3, 2)"), short4);
    IOException e = assertThrows(IOException.class, () -> EmbeddingMatrix.read(new EmbeddingSource(file, null)));
    assertTrue(e.getMessage().contains("24 bytes") && e.getMessage().contains("has 20"), e.getMessage());
    Path v4 = npy("v4.npy", 4, dict("<f4", false, "(3, 2)"), data("<f4"));
    IOException ev = assertThrows(IOException.class, () -> EmbeddingMatrix.read(new EmbeddingSource(v4, null)));
    assertTrue(ev.getMessage().contains("version 4.0"), ev.getMessage());
    Path text = tmp.resolve("x.txt");
    Files.writeString(text, "a 1 2\n");
    IOException et = assertThrows(IOException.class, () -> EmbeddingMatrix.read(new EmbeddingSource(text, null)));
    assertTrue(et.getMessage().contains("not an embedding matrix"), et.getMessage());
  }

  @Test
  void hdf5TakesTheOnlyFloatMatrixOrTheNamedOne() throws IOException {
    Path file = tmp.resolve("emb.h5");
    float[][] matrix = {{1, 2, 3}, {4, 5, 6}};
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      hdf.putDataset("ids", new int[][] {{1, 2}, {3, 4}});
      hdf.putDataset("vector", new float[] {1, 2});
      WritableGroup bert = hdf.putGroup("bert");
      bert.putDataset("word_embeddings", matrix);
    }
    EmbeddingMatrix m = EmbeddingMatrix.read(EmbeddingSource.parse(file.toString()));
    assertEquals(2, m.rows());
    assertEquals(3, m.dim());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, m.weights(), 0f);
    EmbeddingMatrix named = EmbeddingMatrix.read(EmbeddingSource.parse(file + ":/bert/word_embeddings"));
    assertArrayEquals(m.weights(), named.weights(), 0f);
    IOException e = assertThrows(IOException.class,
        () -> EmbeddingMatrix.read(EmbeddingSource.parse(file + ":/ids")));
    assertTrue(e.getMessage().contains("'/ids'") && e.getMessage().contains("2-D floating-point"), e.getMessage());
    IOException missing = assertThrows(IOException.class,
        () -> EmbeddingMatrix.read(EmbeddingSource.parse(file + ":/nope")));
    assertTrue(missing.getMessage().contains("no dataset '/nope'")
        && missing.getMessage().contains("/bert/word_embeddings"), missing.getMessage());
  }

  @Test
  void hdf5WithSeveralMatricesNeedsAPath() throws IOException {
    Path file = tmp.resolve("two.h5");
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      hdf.putDataset("a", new float[][] {{1, 2}});
      hdf.putDataset("b", new double[][] {{0.5, 0.25}, {3, 4}});
    }
    IOException e = assertThrows(IOException.class, () -> EmbeddingMatrix.read(new EmbeddingSource(file, null)));
    assertTrue(e.getMessage().contains("2 2-D floating-point datasets") && e.getMessage().contains(":/path"),
        e.getMessage());
    EmbeddingMatrix b = EmbeddingMatrix.read(new EmbeddingSource(file, "/b"));
    assertArrayEquals(new float[] {0.5f, 0.25f, 3, 4}, b.weights(), 0f);
  }

  @Test
  void sourcesParseAnOptionalDatasetPath() {
    EmbeddingSource plain = EmbeddingSource.parse("dir/m.npy");
    assertEquals(Path.of("dir/m.npy"), plain.file());
    assertNull(plain.dataset());
    EmbeddingSource h5 = EmbeddingSource.parse("/data/m.h5:/a/b");
    assertEquals(Path.of("/data/m.h5"), h5.file());
    assertEquals("/a/b", h5.dataset());
    assertEquals("/data/m.h5:/a/b", h5.toString());
    assertThrows(IllegalArgumentException.class, () -> new EmbeddingSource(Path.of("m.h5"), "rel"));
  }

  @Test
  void agreesWithNumpySave() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
    Process probe = new ProcessBuilder(python.toString(), "-c", "import numpy").redirectErrorStream(true).start();
    probe.getInputStream().readAllBytes();
    Assumptions.assumeTrue(probe.waitFor() == 0, "numpy is not installed");
    String script = String.join("\n",
        "import sys, numpy as np",
        "d = sys.argv[1]",
        "m = (np.arange(12, dtype=np.float64).reshape(4, 3) - 5.5) / 4",
        "for t in ('f2', 'f4', 'f8'):",
        "    np.save(d + '/' + t + '.npy', m.astype('<' + t))",
        "for v in ((2, 0), (3, 0)):",
        "    with open(d + '/v%d.npy' % v[0], 'wb') as f:",
        "        np.lib.format.write_array(f, m.astype('<f4'), version=v)",
        "np.save(d + '/fortran.npy', np.asfortranarray(m.astype('<f4')))");
    Process p = new ProcessBuilder(python.toString(), "-c", script, tmp.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), "python failed: " + out);
    float[] expected = new float[12];
    for (int i = 0; i < 12; i++) {
      expected[i] = (i - 5.5f) / 4; // multiples of 1/8: exact in float16 too
    }
    List<String> names = new ArrayList<>(List.of("f2", "f4", "f8", "v2", "v3"));
    for (String name : names) {
      EmbeddingMatrix m = EmbeddingMatrix.read(new EmbeddingSource(tmp.resolve(name + ".npy"), null));
      assertEquals(4, m.rows(), name);
      assertEquals(3, m.dim(), name);
      assertArrayEquals(expected, m.weights(), 0f, name);
    }
    IOException e = assertThrows(IOException.class,
        () -> EmbeddingMatrix.read(new EmbeddingSource(tmp.resolve("fortran.npy"), null)));
    assertTrue(e.getMessage().contains("Fortran"), e.getMessage());
  }
}
