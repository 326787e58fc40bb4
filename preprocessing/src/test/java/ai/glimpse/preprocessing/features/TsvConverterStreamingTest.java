package ai.glimpse.preprocessing.features;

import static ai.glimpse.preprocessing.features.TsvConverterTest.row10;
import static ai.glimpse.preprocessing.features.TsvConverterTest.row6;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.io.PythonH5py;
import ai.glimpse.preprocessing.io.Float16;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming second pass of {@link TsvConverter}: many rows over several files with variable
 * box counts, float16 features, and failures part-way through the stream.
 */
class TsvConverterStreamingTest {
  private static final int FILES = 3;
  private static final int ROWS_PER_FILE = 1000;
  private static final int MAX_BOXES = 10;
  private static final int DIM = 64;

  @TempDir
  Path dir;

  /** What one generated row holds, as the converter must store it (before padding). */
  private record Expected(long id, int width, int height, int boxCount, float[] boxes, float[] features) {}

  /**
   * Writes {@link #FILES} TSV files of {@link #ROWS_PER_FILE} rows each, alternating the 10- and
   * 6-column layouts, with 0 to {@link #MAX_BOXES} boxes a row (both ends present) and D =
   * {@link #DIM}; returns the rows by image id in file order.
   */
  private Map<Long, Expected> generate(List<Path> files) throws IOException {
    Random random = new Random(20240611L);
    Map<Long, Expected> expected = new LinkedHashMap<>();
    long id = 1_000_000;
    for (int f = 0; f < FILES; f++) {
      Path file = dir.resolve("part" + f + ".tsv");
      files.add(file);
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (int r = 0; r < ROWS_PER_FILE; r++) {
          id += 1 + random.nextInt(5);
          int n = r == 0 ? MAX_BOXES : r == 1 ? 0 : random.nextInt(MAX_BOXES + 1);
          int width = 100 + random.nextInt(540);
          int height = 80 + random.nextInt(560);
          float[] boxes = new float[n * 4];
          for (int b = 0; b < n; b++) {
            float x1 = random.nextInt(width / 2);
            float y1 = random.nextInt(height / 2);
            boxes[b * 4] = x1;
            boxes[b * 4 + 1] = y1;
            boxes[b * 4 + 2] = x1 + 1 + random.nextFloat() * (width / 2f - 1);
            boxes[b * 4 + 3] = y1 + 1 + random.nextFloat() * (height / 2f - 1);
          }
          float[] features = new float[n * DIM];
          for (int i = 0; i < features.length; i++) {
            // Post-ReLU-like values with a spread of magnitudes, some not representable in float16.
            features[i] = random.nextInt(4) == 0 ? 0f : (float) Math.exp(random.nextGaussian() * 3);
          }
          String line;
          if (f == 1) {
            line = row6(Long.toString(id), width, height, n, boxes, features);
          } else {
            String rawId = f == 0 ? Long.toString(id) : String.format("COCO_train2014_%012d", id);
            line = row10(rawId, height, width, n, boxes, features);
          }
          w.write(line);
          w.write('\n');
          expected.put(id, new Expected(id, width, height, n, boxes, features));
        }
      }
    }
    return expected;
  }

  private static float[] padded(float[] values, int perBox) {
    float[] out = new float[MAX_BOXES * perBox];
    System.arraycopy(values, 0, out, 0, values.length);
    return out;
  }

  private static float[] spatial(Expected e) {
    float w = e.width();
    float h = e.height();
    float[] s = new float[MAX_BOXES * ObjectFeatureStore.SPATIAL_DIM];
    for (int b = 0; b < e.boxCount(); b++) {
      float x1 = e.boxes()[b * 4];
      float y1 = e.boxes()[b * 4 + 1];
      float x2 = e.boxes()[b * 4 + 2];
      float y2 = e.boxes()[b * 4 + 3];
      int o = b * ObjectFeatureStore.SPATIAL_DIM;
      s[o] = x1 / w;
      s[o + 1] = y1 / h;
      s[o + 2] = x2 / w;
      s[o + 3] = y2 / h;
      s[o + 4] = (x2 - x1) / w;
      s[o + 5] = (y2 - y1) / h;
    }
    return s;
  }

  private static float half(float v) {
    return Float16.toFloat(Float16.fromFloat(v));
  }

  @Test
  void manyRowsOverSeveralFilesWithVariableBoxCountsReadBack() throws Exception {
    List<Path> files = new ArrayList<>();
    Map<Long, Expected> expected = generate(files);
    Path out = dir.resolve("objects.h5");
    TsvConverter.Result r = TsvConverter.convert(files, out);
    assertEquals(FILES * ROWS_PER_FILE, r.images());
    assertEquals(MAX_BOXES, r.maxBoxes());
    assertEquals(DIM, r.featureDim());
    assertEquals(List.of(TsvLayout.WITH_ATTRIBUTES, TsvLayout.BUTD, TsvLayout.WITH_ATTRIBUTES), r.layouts());

    long[] ids = expected.keySet().stream().mapToLong(Long::longValue).toArray();
    try (ObjectFeatureStore store = ObjectFeatureStore.open(out)) {
      assertEquals(ids.length, store.size());
      assertEquals(MAX_BOXES, store.maxBoxes());
      assertEquals(DIM, store.featureDim());
      assertArrayEquals(ids, store.imageIds());
      for (Expected e : expected.values()) {
        ObjectFeatures f = store.read(e.id());
        String at = "image " + e.id();
        assertEquals(e.boxCount(), f.boxCount(), at);
        assertEquals(e.boxCount(), store.boxCount(e.id()), at);
        assertArrayEquals(padded(e.features(), DIM), f.features(), 0f, at);
        assertArrayEquals(padded(e.boxes(), 4), f.boxes(), 0f, at);
        assertArrayEquals(spatial(e), f.spatial(), 0f, at);
      }
    }

    if (!h5pyAvailable()) {
      return;
    }
    // A second HDF5 implementation reads the same values: dtypes, shapes, ids, counts, zero
    // padding everywhere, and the exact float32 bits of a few rows across the file boundaries.
    int[] rows = {0, 1, 999, 1000, 1001, 2000, 2999};
    StringBuilder rowArgs = new StringBuilder();
    for (int row : rows) {
      rowArgs.append(row).append(',');
    }
    String printed = PythonH5py.run(String.join("\n",
        "import sys, h5py, numpy as np",
        "f = h5py.File(sys.argv[1], 'r')",
        "for name in ['image_ids', 'image_features', 'image_bb', 'spatial_features', 'num_boxes']:",
        "    d = f[name]",
        "    print(name, d.dtype, list(d.shape))",
        "ids = f['image_ids'][:]",
        "nb = f['num_boxes'][:]",
        "print('idsum', int(ids.sum()), 'nbsum', int(nb.sum()))",
        "pad = np.arange(f['image_features'].shape[1])[None, :] >= nb[:, None]",
        "print('padding', all(bool((f[n][:][pad] == 0).all()) for n in ",
        "    ['image_features', 'image_bb', 'spatial_features']))",
        "for i in [int(v) for v in sys.argv[2].strip(',').split(',')]:",
        "    row = np.concatenate([f[n][i].ravel() for n in ",
        "        ['image_features', 'image_bb', 'spatial_features']]).astype('<f4')",
        "    print('row', i, int(ids[i]), int(nb[i]), row.view('<u4').tolist())"),
        out.toString(), rowArgs.toString());
    List<String> lines = printed.lines().toList();
    long idSum = 0;
    long boxSum = 0;
    for (Expected e : expected.values()) {
      idSum += e.id();
      boxSum += e.boxCount();
    }
    int n = ids.length;
    assertEquals(List.of(
        "image_ids int64 [" + n + "]",
        "image_features float32 [" + n + ", 10, 64]",
        "image_bb float32 [" + n + ", 10, 4]",
        "spatial_features float32 [" + n + ", 10, 6]",
        "num_boxes int32 [" + n + "]",
        "idsum " + idSum + " nbsum " + boxSum,
        "padding True"), lines.subList(0, 7));
    for (int j = 0; j < rows.length; j++) {
      Expected e = expected.get(ids[rows[j]]);
      StringBuilder bits = new StringBuilder("[");
      float[][] parts = {padded(e.features(), DIM), padded(e.boxes(), 4), spatial(e)};
      String sep = "";
      for (float[] part : parts) {
        for (float v : part) {
          bits.append(sep).append(Integer.toUnsignedString(Float.floatToRawIntBits(v)));
          sep = ", ";
        }
      }
      bits.append(']');
      assertEquals("row " + rows[j] + " " + e.id() + " " + e.boxCount() + " " + bits, lines.get(7 + j));
    }
  }

  @Test
  void float16FeaturesAreTheFloat32OnesRounded() throws Exception {
    List<Path> files = new ArrayList<>();
    Map<Long, Expected> expected = generate(files);
    Path out32 = dir.resolve("f32.h5");
    Path out16 = dir.resolve("f16.h5");
    TsvConverter.Result r32 = TsvConverter.convert(files, out32);
    TsvConverter.Result r16 = TsvConverter.convert(files, out16, true);
    assertEquals(r32.images(), r16.images());
    assertEquals(r32.maxBoxes(), r16.maxBoxes());
    assertEquals(r32.featureDim(), r16.featureDim());
    // Features take 2 bytes instead of 4: the file shrinks by about N * K * D * 2 bytes.
    long saved = Files.size(out32) - Files.size(out16);
    long featureBytes = (long) r32.images() * r32.maxBoxes() * r32.featureDim();
    assertTrue(saved >= featureBytes * 2 - 4096 && saved <= featureBytes * 2 + 4096,
        "saved " + saved + " bytes, features are " + featureBytes + " elements");

    int rounded = 0;
    try (ObjectFeatureStore s32 = ObjectFeatureStore.open(out32);
        ObjectFeatureStore s16 = ObjectFeatureStore.open(out16)) {
      assertArrayEquals(s32.imageIds(), s16.imageIds());
      assertEquals(DIM, s16.featureDim());
      for (Expected e : expected.values()) {
        ObjectFeatures a = s32.read(e.id());
        ObjectFeatures b = s16.read(e.id());
        String at = "image " + e.id();
        assertEquals(a.boxCount(), b.boxCount(), at);
        float[] want = a.features().clone();
        for (int i = 0; i < want.length; i++) {
          if (half(want[i]) != want[i]) {
            rounded++;
          }
          want[i] = half(want[i]);
        }
        assertArrayEquals(want, b.features(), 0f, at);
        // Boxes and spatial features stay float32.
        assertArrayEquals(a.boxes(), b.boxes(), 0f, at);
        assertArrayEquals(a.spatial(), b.spatial(), 0f, at);
      }
    }
    assertTrue(rounded > 1000, "the data should exercise rounding, " + rounded + " values rounded");

    if (!h5pyAvailable()) {
      return;
    }
    String printed = PythonH5py.run(String.join("\n",
        "import sys, warnings, h5py, numpy as np",
        "warnings.simplefilter('ignore')  # numpy warns when values beyond 65504 become infinity",
        "a = h5py.File(sys.argv[1], 'r')",
        "b = h5py.File(sys.argv[2], 'r')",
        "for name in ['image_ids', 'image_features', 'image_bb', 'spatial_features', 'num_boxes']:",
        "    print(name, b[name].dtype, list(b[name].shape))",
        "print('numpy rounding agrees', bool(np.array_equal(a['image_features'][:].astype(np.float16),",
        "    b['image_features'][:])))",
        "print('rest equal', all(bool(np.array_equal(a[n][:], b[n][:])) for n in",
        "    ['image_ids', 'image_bb', 'spatial_features', 'num_boxes']))"),
        out32.toString(), out16.toString());
    int n = r16.images();
    assertEquals(List.of(
        "image_ids int64 [" + n + "]",
        "image_features float16 [" + n + ", 10, 64]",
        "image_bb float32 [" + n + ", 10, 4]",
        "spatial_features float32 [" + n + ", 10, 6]",
        "num_boxes int32 [" + n + "]",
        "numpy rounding agrees True",
        "rest equal True"), printed.lines().toList());
  }

  @Test
  void float16HandValues() throws IOException {
    // Values that float16 cannot hold exactly, a subnormal, a tie and one beyond its range.
    float[] features = {0.1f, 1f / 3, -3.14159f, 1000.7f, 1e-5f, 2049f, 70000f, 0f};
    Path tsv = dir.resolve("hand.tsv");
    Files.writeString(tsv, row6("5", 10, 20, 2, new float[] {0, 0, 5, 5, 1, 2, 9, 18}, features) + "\n"
        + row6("6", 10, 10, 1, new float[] {1, 1, 2, 2}, new float[] {1, 2, 3, 4}) + "\n");
    Path out = dir.resolve("hand16.h5");
    TsvConverter.convert(List.of(tsv), out, true);
    try (ObjectFeatureStore store = ObjectFeatureStore.open(out)) {
      float[] want = new float[features.length];
      for (int i = 0; i < want.length; i++) {
        want[i] = half(features[i]);
      }
      assertEquals(Float.POSITIVE_INFINITY, want[6]);
      assertEquals(2048f, want[5]); // a tie rounds to even
      assertArrayEquals(want, store.read(5).features(), 0f);
      assertArrayEquals(new float[] {1, 2, 3, 4, 0, 0, 0, 0}, store.read(6).features(), 0f);
      assertArrayEquals(new float[] {0.1f, 0.1f, 0.2f, 0.2f, 0.1f, 0.1f, 0, 0, 0, 0, 0, 0},
          store.read(6).spatial(), 0f);
    }
  }

  @Test
  void failureLateInTheStreamLeavesNoFileAndKeepsAnOldOutput() throws IOException {
    List<Path> files = new ArrayList<>();
    generate(files);
    // The last row of the last file passes the length checks of the first pass but is not base64.
    Path last = files.get(files.size() - 1);
    List<String> lines = new ArrayList<>(Files.readAllLines(last));
    String[] cols = lines.get(lines.size() - 1).split("\t");
    int featuresColumn = TsvLayout.WITH_ATTRIBUTES.featuresColumn();
    cols[featuresColumn] = "!" + cols[featuresColumn].substring(1);
    lines.set(lines.size() - 1, String.join("\t", cols));
    Files.write(last, lines);

    Path out = dir.resolve("objects.h5");
    Files.writeString(out, "previous output");
    IOException e = assertThrows(IOException.class, () -> TsvConverter.convert(files, out, true));
    assertTrue(e.getMessage().contains("part2.tsv row " + ROWS_PER_FILE + " (img_id COCO_train2014_"),
        e.getMessage());
    assertTrue(e.getMessage().contains("'features' is not valid base64"), e.getMessage());
    assertEquals("previous output", Files.readString(out), "the old output is untouched");
    try (Stream<Path> listed = Files.list(dir)) {
      List<String> names = listed.map(p -> p.getFileName().toString()).sorted().toList();
      assertFalse(names.stream().anyMatch(s -> s.contains(".tmp")), "no temporary file left: " + names);
    }
  }

  private static boolean h5pyAvailable() throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
      return false;
    }
    Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import h5py, numpy")
        .redirectErrorStream(true).start();
    probe.getInputStream().readAllBytes();
    return probe.waitFor() == 0;
  }
}
