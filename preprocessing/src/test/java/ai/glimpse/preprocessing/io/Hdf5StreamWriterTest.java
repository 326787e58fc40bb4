package ai.glimpse.preprocessing.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.features.GridFeatureStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hdf5StreamWriterTest {
  private static final int N = 5;
  private static final int C = 3;
  private static final int H = 2;
  private static final int W = 4;
  private static final int ROW = C * H * W;
  private static final String[] STRINGS = {"", "a", "hello", "12345678"};
  private static final float[] SPECIAL = {0f, -0f, 1f, -2.5f, 1f / 3, Float.MIN_VALUE, Float.MAX_VALUE,
      Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 65504f, 65520f, 0x1p-25f, 3e-8f, 1e-5f};

  @TempDir
  Path dir;

  /** Seeded feature values with a wide range, flat [N, C, H, W]. */
  private static float[] features() {
    Random rnd = new Random(42);
    float[] f = new float[N * ROW];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3));
    }
    System.arraycopy(SPECIAL, 0, f, 7, SPECIAL.length);
    return f;
  }

  private static long[] ids() {
    return new long[] {9_000_000_001L, 42, 7, 123456, 3};
  }

  private static float half(float v) {
    return Float16.toFloat(Float16.fromFloat(v));
  }

  private static float[] halves(float[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = half(values[i]);
    }
    return out;
  }

  /** Compares floats bit for bit (NaN equals NaN) with a message naming the position. */
  private static void assertBits(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + " length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]),
          what + " element " + i + ": expected " + expected[i] + ", got " + actual[i]);
    }
  }

  private static float[] flatFloats(Object nested) {
    List<Float> out = new ArrayList<>();
    flatten(nested, out);
    float[] f = new float[out.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = out.get(i);
    }
    return f;
  }

  private static void flatten(Object o, List<Float> out) {
    if (o instanceof float[] f) {
      for (float v : f) {
        out.add(v);
      }
    } else {
      for (Object e : (Object[]) o) {
        flatten(e, out);
      }
    }
  }

  /** Writes one file holding every supported type, streaming ids and features row by row. */
  private Path writeEveryType(String name) throws IOException {
    Path file = dir.resolve(name);
    float[] features = features();
    long[] ids = ids();
    try (Hdf5StreamWriter w = Hdf5StreamWriter.builder(file)
        .dataset("image_ids", Hdf5Type.INT64, N)
        .dataset("features", Hdf5Type.FLOAT16, N, C, H, W)
        .dataset("f32", Hdf5Type.FLOAT32, SPECIAL.length)
        .dataset("f64", Hdf5Type.FLOAT64, 2, 3)
        .dataset("i32", Hdf5Type.INT32, 4)
        .dataset("i64", Hdf5Type.INT64, 2, 2)
        .dataset("names", Hdf5Type.asciiString(8), STRINGS.length)
        .dataset("cube", Hdf5Type.FLOAT32, 2, 3, 4, 5)
        .open()) {
      for (int i = 0; i < N; i++) {
        // Interleaved, and each row in two pieces.
        w.writeLongs("image_ids", ids, i, 1);
        w.writeFloats("features", features, i * ROW, 10);
        w.writeFloats("features", features, i * ROW + 10, ROW - 10);
      }
      w.writeFloats("f32", SPECIAL, 0, SPECIAL.length);
      w.writeDoubles("f64", new double[] {Math.PI, -1e300, Double.MIN_VALUE}, 0, 3);
      w.writeFloats("f64", new float[] {0.1f, -0f, Float.NaN}, 0, 3);
      w.writeInts("i32", new int[] {99, Integer.MIN_VALUE, Integer.MAX_VALUE, -1}, 1, 3);
      w.writeLongs("i32", new long[] {-7}, 0, 1);
      w.writeInts("i64", new int[] {-5}, 0, 1);
      w.writeLongs("i64", new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0}, 0, 3);
      w.writeStrings("names", STRINGS, 0, STRINGS.length);
      // The cube by random access, rows in reverse order.
      float[] cube = cube();
      for (int row = 2 * 3 * 4 - 1; row >= 0; row--) {
        w.writeFloatsAt("cube", row * 5L, cube, row * 5, 5);
      }
      assertEquals(0, w.position("cube"));
      assertEquals(N * ROW, w.position("features"));
      w.setAttribute("features", "grid", (long) H, (long) W);
      w.setAttribute("features", "scale", 0.5);
      w.setAttribute("features", "model", "resnet152.onnx");
      w.setAttribute(Hdf5StreamWriter.ROOT, "version", 3L);
      w.setAttribute(Hdf5StreamWriter.ROOT, "mean", 0.485, 0.456, 0.406);
      w.setAttribute(Hdf5StreamWriter.ROOT, "empty", "");
    }
    return file;
  }

  private static float[] cube() {
    float[] cube = new float[2 * 3 * 4 * 5];
    for (int i = 0; i < cube.length; i++) {
      cube[i] = i * 0.25f - 7;
    }
    return cube;
  }

  @Test
  void jhdfReadsEveryTypeBackExactly() throws IOException {
    Path file = writeEveryType("every.h5");
    try (HdfFile hdf = new HdfFile(file)) {
      Dataset ids = hdf.getDatasetByPath("image_ids");
      assertArrayEquals(new int[] {N}, ids.getDimensions());
      assertArrayEquals(ids(), (long[]) ids.getData());

      Dataset features = hdf.getDatasetByPath("features");
      assertArrayEquals(new int[] {N, C, H, W}, features.getDimensions());
      FloatingPoint type = assertInstanceOf(FloatingPoint.class, features.getDataType());
      assertEquals(16, type.getBitPrecision());
      assertBits(halves(features()), flatFloats(features.getData()), "features");
      assertBits(halves(features()), (float[]) features.getDataFlat(), "features flat");

      assertBits(SPECIAL, (float[]) hdf.getDatasetByPath("f32").getData(), "f32");
      double[][] f64 = (double[][]) hdf.getDatasetByPath("f64").getData();
      assertArrayEquals(new double[] {Math.PI, -1e300, Double.MIN_VALUE}, f64[0]);
      assertEquals(0.1f, f64[1][0]);
      assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(f64[1][1]));
      assertTrue(Double.isNaN(f64[1][2]));
      assertArrayEquals(new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE, -1, -7},
          (int[]) hdf.getDatasetByPath("i32").getData());
      long[][] i64 = (long[][]) hdf.getDatasetByPath("i64").getData();
      assertArrayEquals(new long[] {-5, Long.MIN_VALUE}, i64[0]);
      assertArrayEquals(new long[] {Long.MAX_VALUE, 0}, i64[1]);
      assertArrayEquals(STRINGS, (String[]) hdf.getDatasetByPath("names").getData());
      assertBits(cube(), flatFloats(hdf.getDatasetByPath("cube").getData()), "cube");

      assertArrayEquals(new long[] {H, W}, (long[]) features.getAttribute("grid").getData());
      assertEquals(0.5, features.getAttribute("scale").getData());
      assertEquals("resnet152.onnx", features.getAttribute("model").getData());
      assertEquals(3L, hdf.getAttribute("version").getData());
      assertArrayEquals(new double[] {0.485, 0.456, 0.406}, (double[]) hdf.getAttribute("mean").getData());
      assertEquals("", hdf.getAttribute("empty").getData());
    }
  }

  @Test
  void jhdfSliceReadsSeeTheRightElements() throws IOException {
    Path file = writeEveryType("slices.h5");
    float[] cube = cube();
    float[] features = halves(features());
    try (HdfFile hdf = new HdfFile(file)) {
      float[][][][] slice = (float[][][][]) hdf.getDatasetByPath("cube")
          .getData(new long[] {1, 1, 2, 3}, new int[] {1, 2, 2, 2});
      for (int b = 0; b < 2; b++) {
        for (int c = 0; c < 2; c++) {
          for (int d = 0; d < 2; d++) {
            int flat = ((1 * 3 + 1 + b) * 4 + 2 + c) * 5 + 3 + d;
            assertEquals(cube[flat], slice[0][b][c][d], "cube[1][" + (1 + b) + "][" + (2 + c) + "][" + (3 + d) + "]");
          }
        }
      }
      float[][][][] rows = (float[][][][]) hdf.getDatasetByPath("features")
          .getData(new long[] {2, 0, 0, 0}, new int[] {2, C, H, W});
      assertBits(Arrays.copyOfRange(features, 2 * ROW, 4 * ROW), flatFloats(rows), "features rows 2..3");
    }
  }

  @Test
  void gridFeatureStoreReadsStreamedFloat16Features() throws IOException {
    Path file = writeEveryType("grid.h5");
    float[] expected = halves(features());
    try (GridFeatureStore store = GridFeatureStore.open(file)) {
      assertEquals(N, store.size());
      assertEquals(C, store.channels());
      assertEquals(H, store.height());
      assertEquals(W, store.width());
      assertArrayEquals(ids(), store.imageIds());
      float[] out = new float[2 * ROW];
      store.readBatch(new long[] {3, 9_000_000_001L}, out);
      assertBits(Arrays.copyOfRange(expected, 4 * ROW, 5 * ROW), Arrays.copyOfRange(out, 0, ROW), "image 3");
      assertBits(Arrays.copyOfRange(expected, 0, ROW), Arrays.copyOfRange(out, ROW, 2 * ROW), "image 9000000001");
    }
  }

  @Test
  void h5pyReadsEveryTypeBackExactly() throws Exception {
    PythonH5py.assumeAvailable();
    Path file = writeEveryType("h5py.h5");
    String out = PythonH5py.run(String.join("\n",
        "import sys, json, h5py, numpy as np",
        "def py(v):",
        "    if isinstance(v, bytes): return v.decode('ascii')",
        "    if isinstance(v, np.ndarray): return [py(x) for x in v.tolist()]",
        "    if isinstance(v, np.generic): return v.item()",
        "    return v",
        "out = {}",
        "with h5py.File(sys.argv[1], 'r') as f:",
        "    out['/'] = {k: py(v) for k, v in f.attrs.items()}",
        "    out['keys'] = sorted(f.keys())",
        "    for name in f:",
        "        d = f[name]",
        "        a = d[()]",
        "        e = {'dtype': d.dtype.str, 'shape': list(d.shape), 'attrs': {k: py(v) for k, v in d.attrs.items()}}",
        "        if d.dtype.kind == 'f':",
        "            e['bits'] = a.view({2: np.uint16, 4: np.uint32, 8: np.uint64}[d.dtype.itemsize]).ravel().tolist()",
        "        elif d.dtype.kind == 'S':",
        "            e['values'] = [x.decode('ascii') for x in a.ravel()]",
        "        else:",
        "            e['values'] = a.ravel().tolist()",
        "        out[name] = e",
        "print(json.dumps(out))"), file.toString());
    JsonNode json = new ObjectMapper().readTree(out.substring(out.indexOf('{')));

    assertEquals("[\"cube\",\"f32\",\"f64\",\"features\",\"i32\",\"i64\",\"image_ids\",\"names\"]",
        json.get("keys").toString());
    JsonNode features = json.get("features");
    assertEquals("<f2", features.get("dtype").asText());
    assertEquals("[5,3,2,4]", features.get("shape").toString());
    float[] expected = features();
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Float16.fromFloat(expected[i]) & 0xffff, features.get("bits").get(i).asInt(), "features " + i);
    }
    JsonNode f32 = json.get("f32");
    assertEquals("<f4", f32.get("dtype").asText());
    for (int i = 0; i < SPECIAL.length; i++) {
      assertEquals(Integer.toUnsignedLong(Float.floatToRawIntBits(SPECIAL[i])), f32.get("bits").get(i).asLong(),
          "f32 " + i);
    }
    JsonNode f64 = json.get("f64");
    assertEquals("<f8", f64.get("dtype").asText());
    assertEquals(Double.doubleToRawLongBits(Math.PI), f64.get("bits").get(0).bigIntegerValue().longValue());
    assertEquals(Double.doubleToRawLongBits(0.1f), f64.get("bits").get(3).bigIntegerValue().longValue());
    assertEquals("<i4", json.get("i32").get("dtype").asText());
    assertEquals("[-2147483648,2147483647,-1,-7]", json.get("i32").get("values").toString());
    assertEquals("<i8", json.get("i64").get("dtype").asText());
    assertEquals("[-5,-9223372036854775808,9223372036854775807,0]", json.get("i64").get("values").toString());
    assertEquals("[9000000001,42,7,123456,3]", json.get("image_ids").get("values").toString());
    assertEquals("|S8", json.get("names").get("dtype").asText());
    assertEquals("[\"\",\"a\",\"hello\",\"12345678\"]", json.get("names").get("values").toString());
  }

  @Test
  void h5pyReadsStringsAttributesAndSlices() throws Exception {
    PythonH5py.assumeAvailable();
    Path file = writeEveryType("h5py-attrs.h5");
    String out = PythonH5py.run(String.join("\n",
        "import sys, json, h5py, numpy as np",
        "def py(v):",
        "    if isinstance(v, bytes): return v.decode('ascii')",
        "    if isinstance(v, np.ndarray): return [py(x) for x in v.tolist()]",
        "    if isinstance(v, np.generic): return py(v.item())",
        "    return v",
        "with h5py.File(sys.argv[1], 'r') as f:",
        "    s = f['names']",
        "    print(json.dumps({",
        "        'dtype': s.dtype.str,",
        "        'strings': [x.decode('ascii') for x in s[()]],",
        "        'root': {k: py(v) for k, v in sorted(f.attrs.items())},",
        "        'features': {k: py(v) for k, v in sorted(f['features'].attrs.items())},",
        "        'slice': f['cube'][1, 1:3, 2:4, 3:5].ravel().tolist(),",
        "        'row': f['features'][3, 2, 1].astype(np.float32).tolist()}))"), file.toString());
    JsonNode json = new ObjectMapper().readTree(out.substring(out.indexOf('{')));
    assertEquals("|S8", json.get("dtype").asText());
    assertEquals("[\"\",\"a\",\"hello\",\"12345678\"]", json.get("strings").toString());
    assertEquals("{\"empty\":\"\",\"mean\":[0.485,0.456,0.406],\"version\":3}", json.get("root").toString());
    assertEquals("{\"grid\":[2,4],\"model\":\"resnet152.onnx\",\"scale\":0.5}", json.get("features").toString());
    float[] cube = cube();
    List<Double> slice = new ArrayList<>();
    json.get("slice").forEach(n -> slice.add(n.asDouble()));
    List<Double> expectedSlice = new ArrayList<>();
    for (int b = 0; b < 2; b++) {
      for (int c = 0; c < 2; c++) {
        for (int d = 0; d < 2; d++) {
          expectedSlice.add((double) cube[((1 * 3 + 1 + b) * 4 + 2 + c) * 5 + 3 + d]);
        }
      }
    }
    assertEquals(expectedSlice, slice);
    float[] features = features();
    for (int x = 0; x < W; x++) {
      float expected = half(features[3 * ROW + 2 * H * W + 1 * W + x]);
      assertEquals(expected, (float) json.get("row").get(x).asDouble(), "features[3, 2, 1, " + x + "]");
    }
  }

  @Test
  void float16RoundingAgreesWithNumpy() throws Exception {
    PythonH5py.assumeAvailable();
    Random rnd = new Random(5);
    float[] values = new float[20_000];
    for (int i = 0; i < values.length; i++) {
      // Random bit patterns cover every exponent, subnormals, ties and NaNs.
      values[i] = i < SPECIAL.length ? SPECIAL[i] : Float.intBitsToFloat(rnd.nextInt());
    }
    Path file = dir.resolve("rounding.h5");
    try (Hdf5StreamWriter w = Hdf5StreamWriter.builder(file)
        .dataset("source", Hdf5Type.FLOAT32, values.length)
        .dataset("half", Hdf5Type.FLOAT16, values.length)
        .open()) {
      w.writeFloats("source", values, 0, values.length);
      w.writeFloats("half", values, 0, values.length);
    }
    String out = PythonH5py.run(String.join("\n",
        "import sys, h5py, numpy as np",
        "with h5py.File(sys.argv[1], 'r') as f:",
        "    src = f['source'][()]",
        "    ours = f['half'][()]",
        "    with np.errstate(all='ignore'):",
        "        theirs = src.astype(np.float16)",
        "    nan = np.isnan(theirs)",
        "    same = (ours.view(np.uint16) == theirs.view(np.uint16)) | (nan & np.isnan(ours))",
        "    print('mismatches', int((~same).sum()), 'of', len(src))",
        "    for i in np.nonzero(~same)[0][:5]:",
        "        print(i, src[i], hex(ours.view(np.uint16)[i]), hex(theirs.view(np.uint16)[i]))"),
        file.toString());
    assertTrue(out.contains("mismatches 0 of 20000"), out);
  }

  @Test
  void manyDatasetsAreAllFoundByName() throws Exception {
    Path file = dir.resolve("many.h5");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      names.add(String.format("d%02d", i));
    }
    Collections.shuffle(names, new Random(1));
    Hdf5StreamWriter.Builder b = Hdf5StreamWriter.builder(file);
    names.forEach(n -> b.dataset(n, Hdf5Type.INT32, 2));
    try (Hdf5StreamWriter w = b.open()) {
      for (String n : names) {
        int i = Integer.parseInt(n.substring(1));
        w.writeInts(n, new int[] {i, -i}, 0, 2);
      }
    }
    try (HdfFile hdf = new HdfFile(file)) {
      assertEquals(40, hdf.getChildren().size());
      for (String n : names) {
        int i = Integer.parseInt(n.substring(1));
        assertArrayEquals(new int[] {i, -i}, (int[]) hdf.getDatasetByPath(n).getData(), n);
      }
    }
    PythonH5py.assumeAvailable();
    String out = PythonH5py.run(String.join("\n",
        "import sys, h5py",
        "with h5py.File(sys.argv[1], 'r') as f:",
        "    print(len(f), sum(int(f['d%02d' % i][0]) == i and int(f['d%02d' % i][1]) == -i for i in range(40)))"),
        file.toString());
    assertEquals("40 40", out.strip());
  }

  @Test
  void unwrittenElementsReadAsZerosWhenAllowed() throws Exception {
    Path file = dir.resolve("sparse.h5");
    long big = 1 << 22;
    try (Hdf5StreamWriter w = Hdf5StreamWriter.builder(file)
        .dataset("grid", Hdf5Type.FLOAT32, 4, 3)
        .dataset("big", Hdf5Type.FLOAT16, big)
        .dataset("labels", Hdf5Type.asciiString(3), 3)
        .allowUnwritten()
        .open()) {
      w.writeFloatsAt("grid", 6, new float[] {1, 2, 3}, 0, 3);
      w.writeFloatsAt("big", big - 1, new float[] {0.5f}, 0, 1);
      w.writeStringsAt("labels", 1, new String[] {"cat"}, 0, 1);
      assertEquals(3, w.writtenElements("grid"));
    }
    try (HdfFile hdf = new HdfFile(file)) {
      float[][] grid = (float[][]) hdf.getDatasetByPath("grid").getData();
      assertArrayEquals(new float[][] {{0, 0, 0}, {0, 0, 0}, {1, 2, 3}, {0, 0, 0}}, grid);
      float[] tail = (float[]) hdf.getDatasetByPath("big").getData(new long[] {big - 3}, new int[] {3});
      assertArrayEquals(new float[] {0, 0, 0.5f}, tail);
      assertArrayEquals(new String[] {"", "cat", ""}, (String[]) hdf.getDatasetByPath("labels").getData());
    }
    PythonH5py.assumeAvailable();
    String out = PythonH5py.run(String.join("\n",
        "import sys, h5py",
        "with h5py.File(sys.argv[1], 'r') as f:",
        "    print(f['grid'][()].sum(), f['big'][-1], f['big'][:-1].any(), list(f['labels'][()]))"),
        file.toString());
    assertEquals("6.0 0.5 False [b'', b'cat', b'']", out.strip());
  }

  @Test
  void overlappingWritesAreCountedOnceAndTheLastOneWins() throws IOException {
    Path file = dir.resolve("overlap.h5");
    try (Hdf5StreamWriter w = Hdf5StreamWriter.builder(file).dataset("x", Hdf5Type.INT64, 6).open()) {
      w.writeLongs("x", new long[] {1, 2, 3, 4}, 0, 4);
      w.writeLongsAt("x", 2, new long[] {30, 40, 50, 60}, 0, 4);
      assertEquals(6, w.writtenElements("x"));
      assertEquals(4, w.position("x"));
    }
    try (HdfFile hdf = new HdfFile(file)) {
      assertArrayEquals(new long[] {1, 2, 30, 40, 50, 60}, (long[]) hdf.getDatasetByPath("x").getData());
    }
  }

  @Test
  void incompleteDatasetFailsOnCloseNamingItAndTheCounts() throws IOException {
    Path target = dir.resolve("incomplete.h5");
    IllegalStateException e = assertThrows(IllegalStateException.class, () ->
        AtomicFiles.writeWithPath(target, tmp -> {
          try (Hdf5StreamWriter w = Hdf5StreamWriter.builder(tmp)
              .dataset("image_ids", Hdf5Type.INT64, 2)
              .dataset("features", Hdf5Type.FLOAT16, 2, 3)
              .open()) {
            w.writeLongs("image_ids", new long[] {1, 2}, 0, 2);
            w.writeFloats("features", new float[] {1, 2, 3, 4}, 0, 4);
          }
        }));
    assertTrue(e.getMessage().contains("dataset 'features' float16 [2, 3] has 4 of 6 elements written "
        + "(first unwritten: element 4)"), e.getMessage());
    assertFalse(e.getMessage().contains("image_ids"), e.getMessage());
    assertTrue(e.getMessage().contains("allowUnwritten()"), e.getMessage());
    assertFalse(Files.exists(target));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(0, left.count(), "the temporary file is removed");
    }
  }

  @Test
  void abortClosesWithoutComplaintsOrMetadata() throws IOException {
    Path file = dir.resolve("aborted.h5");
    Hdf5StreamWriter w = Hdf5StreamWriter.builder(file).dataset("x", Hdf5Type.FLOAT32, 10).open();
    w.writeFloats("x", new float[3], 0, 3);
    w.abort();
    w.close(); // already closed: does nothing
    assertThrows(IllegalStateException.class, () -> w.writeFloats("x", new float[1], 0, 1));
    assertThrows(RuntimeException.class, () -> new HdfFile(file).close(), "no superblock was written");
  }

  @Test
  void badArgumentsGiveClearErrors() throws IOException {
    Path file = dir.resolve("bad.h5");
    Hdf5StreamWriter.Builder b = Hdf5StreamWriter.builder(file);
    assertThrows(IllegalStateException.class, b::open);
    b.dataset("a", Hdf5Type.INT64, 2, 3).dataset("s", Hdf5Type.asciiString(3), 2).dataset("i", Hdf5Type.INT32, 1);

    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> b.dataset("a", Hdf5Type.INT32, 1));
    assertTrue(twice.getMessage().contains("dataset 'a' is declared twice"), twice.getMessage());
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> b.dataset("z", Hdf5Type.INT32, 4, 0));
    assertTrue(zero.getMessage().contains("dataset 'z' dimensions must be at least 1, got [4, 0]"), zero.getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.dataset("r", Hdf5Type.INT32));
    assertThrows(IllegalArgumentException.class, () -> b.dataset("g/x", Hdf5Type.INT32, 1));
    assertThrows(IllegalArgumentException.class, () -> b.dataset("", Hdf5Type.INT32, 1));
    assertThrows(IllegalArgumentException.class, () -> b.dataset("huge", Hdf5Type.INT64, 1L << 40, 1L << 40));
    assertThrows(IllegalArgumentException.class, () -> Hdf5Type.asciiString(0));

    Hdf5StreamWriter w = b.open();
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> w.writeLongs("nope", new long[1], 0, 1));
    assertTrue(unknown.getMessage().contains("bad.h5: no dataset 'nope' was declared (declared: [a, s, i])"),
        unknown.getMessage());
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
        () -> w.writeFloats("a", new float[1], 0, 1));
    assertTrue(type.getMessage().contains("dataset 'a' int64 [2, 3] cannot take writeFloats, which needs a "
        + "float16, float32 or float64 dataset"), type.getMessage());
    IndexOutOfBoundsException source = assertThrows(IndexOutOfBoundsException.class,
        () -> w.writeLongs("a", new long[4], 2, 5));
    assertTrue(source.getMessage().contains("cannot take 5 longs at offset 2 from an array of 4"), source.getMessage());
    w.writeLongs("a", new long[4], 0, 4);
    IllegalArgumentException overrun = assertThrows(IllegalArgumentException.class,
        () -> w.writeLongs("a", new long[4], 0, 4));
    assertTrue(overrun.getMessage().contains("dataset 'a' int64 [2, 3] holds 6 elements; cannot write 4 at "
        + "element 4 (would end at 8)"), overrun.getMessage());
    assertEquals(4, w.position("a"), "a failed write does not move the position");
    IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
        () -> w.writeStrings("s", new String[] {"ok", "long"}, 0, 2));
    assertTrue(tooLong.getMessage().contains("string at source index 1 ('long') has 4 characters, more than 3"),
        tooLong.getMessage());
    IllegalArgumentException ascii = assertThrows(IllegalArgumentException.class,
        () -> w.writeStrings("s", new String[] {"né"}, 0, 1));
    assertTrue(ascii.getMessage().contains("U+00E9"), ascii.getMessage());
    IllegalArgumentException narrow = assertThrows(IllegalArgumentException.class,
        () -> w.writeLongs("i", new long[] {1L << 31}, 0, 1));
    assertTrue(narrow.getMessage().contains("value 2147483648 (source index 0) does not fit in int32"),
        narrow.getMessage());
    IllegalArgumentException attribute = assertThrows(IllegalArgumentException.class,
        () -> w.setAttribute("nope", "x", 1L));
    assertTrue(attribute.getMessage().contains("no dataset 'nope'"), attribute.getMessage());
    assertEquals(0, w.writtenElements("s"));

    assertThrows(IllegalStateException.class, w::close);
    IllegalStateException closed = assertThrows(IllegalStateException.class,
        () -> w.writeLongs("a", new long[1], 0, 1));
    assertTrue(closed.getMessage().contains("bad.h5: the HDF5 writer is closed"), closed.getMessage());
    w.close(); // a second close does nothing
  }
}
