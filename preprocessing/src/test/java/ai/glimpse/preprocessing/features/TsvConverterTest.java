package ai.glimpse.preprocessing.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.io.PythonH5py;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsvConverterTest {
  @TempDir
  Path dir;

  // Tolerance 0: every expected value below is a float32 quotient of exact small integers, which
  // IEEE division rounds correctly, so the converter must reproduce it bit for bit.
  private static final float EXACT = 0f;

  /** Base64 of little-endian float32 values, as the bottom-up-attention scripts write them. */
  static String b64(float... values) {
    ByteBuffer buf = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buf.putFloat(v);
    }
    return Base64.getEncoder().encodeToString(buf.array());
  }

  /** A row of the 10-column layout: img_id, img_h, img_w, objects_id, ..., num_boxes, boxes, features. */
  static String row10(String id, int h, int w, int n, float[] boxes, float[] features) {
    String ignored = b64(new float[n]);
    return String.join("\t", id, Integer.toString(h), Integer.toString(w), ignored, ignored, ignored,
        ignored, Integer.toString(n), b64(boxes), b64(features));
  }

  /** A row of the 6-column layout: image_id, image_w, image_h, num_boxes, boxes, features. */
  static String row6(String id, int w, int h, int n, float[] boxes, float[] features) {
    return String.join("\t", id, Integer.toString(w), Integer.toString(h), Integer.toString(n),
        b64(boxes), b64(features));
  }

  private Path tsv(String name, String... rows) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
    return p;
  }

  /** Two files, both layouts: images 42 (2 boxes), 7 (1 box) and 9 (1 box); D = 3. */
  private List<Path> handExample() throws IOException {
    Path a = tsv("a.tsv",
        row10("COCO_val2014_000000000042", 50, 100, 2,
            new float[] {10, 5, 60, 45, 0, 0, 100, 50}, new float[] {1, 2, 3, 4, 5, 6}),
        row10("7", 20, 40, 1, new float[] {4, 2, 20, 12}, new float[] {-1.5f, 0.25f, 8}));
    Path b = tsv("b.tsv",
        row6("9", 200, 100, 1, new float[] {50, 25, 150, 75}, new float[] {0.5f, 0.5f, -0.5f}));
    return List.of(a, b);
  }

  @Test
  void convertsHandComputedExample() throws IOException {
    Path out = dir.resolve("features/objects.h5");
    TsvConverter.Result r = TsvConverter.convert(handExample(), out);
    assertEquals(3, r.images());
    assertEquals(2, r.maxBoxes());
    assertEquals(3, r.featureDim());
    assertEquals(List.of(TsvLayout.WITH_ATTRIBUTES, TsvLayout.BUTD), r.layouts());
    assertEquals(out, r.output());

    try (ObjectFeatureStore store = ObjectFeatureStore.open(out)) {
      assertEquals(3, store.size());
      assertEquals(2, store.maxBoxes());
      assertEquals(3, store.featureDim());
      assertTrue(store.hasBoxes());
      assertArrayEquals(new long[] {42, 7, 9}, store.imageIds());
      assertEquals(2, store.boxCount(42));
      assertEquals(1, store.boxCount(7));
      assertEquals(1, store.boxCount(9));

      // image 42: 100 x 50 pixels; box (10, 5, 60, 45) -> (0.1, 0.1, 0.6, 0.9, 0.5, 0.8).
      ObjectFeatures f42 = store.read(42);
      assertEquals(2, f42.boxCount());
      assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, f42.features(), EXACT);
      assertArrayEquals(new float[] {0.1f, 0.1f, 0.6f, 0.9f, 0.5f, 0.8f, 0, 0, 1, 1, 1, 1},
          f42.spatial(), EXACT);
      assertArrayEquals(new float[] {10, 5, 60, 45, 0, 0, 100, 50}, f42.boxes(), EXACT);

      // image 7: 40 x 20 pixels (the 10-column layout gives h before w); box (4, 2, 20, 12);
      // the second slot is zero padding.
      ObjectFeatures f7 = store.read(7);
      assertEquals(1, f7.boxCount());
      assertArrayEquals(new float[] {-1.5f, 0.25f, 8, 0, 0, 0}, f7.features(), EXACT);
      assertArrayEquals(new float[] {0.1f, 0.1f, 0.5f, 0.6f, 0.4f, 0.5f, 0, 0, 0, 0, 0, 0},
          f7.spatial(), EXACT);
      assertArrayEquals(new float[] {4, 2, 20, 12, 0, 0, 0, 0}, f7.boxes(), EXACT);
      assertArrayEquals(new float[] {4, 2, 20, 12}, store.boxes(7), EXACT);

      // image 9: 6-column layout, w 200 before h 100; box (50, 25, 150, 75).
      ObjectFeatures f9 = store.read(9);
      assertArrayEquals(new float[] {0.5f, 0.5f, -0.5f, 0, 0, 0}, f9.features(), EXACT);
      assertArrayEquals(new float[] {0.25f, 0.25f, 0.75f, 0.75f, 0.5f, 0.5f, 0, 0, 0, 0, 0, 0},
          f9.spatial(), EXACT);

      // A batch in shuffled order, with a repeat, matches the single reads.
      float[] features = new float[4 * 2 * 3];
      float[] spatial = new float[4 * 2 * 6];
      int[] counts = store.readBatch(new long[] {9, 42, 7, 42}, features, spatial);
      assertArrayEquals(new int[] {1, 2, 1, 2}, counts);
      float[][] expectF = {f9.features(), f42.features(), f7.features(), f42.features()};
      float[][] expectS = {f9.spatial(), f42.spatial(), f7.spatial(), f42.spatial()};
      for (int i = 0; i < 4; i++) {
        assertArrayEquals(expectF[i], java.util.Arrays.copyOfRange(features, i * 6, i * 6 + 6), EXACT);
        assertArrayEquals(expectS[i], java.util.Arrays.copyOfRange(spatial, i * 12, i * 12 + 12), EXACT);
      }
    }
  }

  @Test
  void writtenFileOpensInH5py() throws Exception {
    PythonH5py.assumeAvailable();
    Path out = dir.resolve("objects.h5");
    TsvConverter.convert(handExample(), out);
    String printed = PythonH5py.run(String.join("\n",
        "import sys, h5py",
        "f = h5py.File(sys.argv[1], 'r')",
        "for name in ['image_ids', 'image_features', 'image_bb', 'spatial_features', 'num_boxes']:",
        "    d = f[name]",
        "    print(name, d.dtype, list(d.shape))",
        "print('ids', ' '.join(str(int(v)) for v in f['image_ids'][:]))",
        "print('counts', ' '.join(str(int(v)) for v in f['num_boxes'][:]))",
        "print('f7', ' '.join(repr(float(v)) for v in f['image_features'][1].ravel()))",
        "print('s42', ' '.join(repr(float(v)) for v in f['spatial_features'][0, 0]))"), out.toString());
    List<String> lines = printed.lines().toList();
    assertEquals(List.of(
        "image_ids int64 [3]",
        "image_features float32 [3, 2, 3]",
        "image_bb float32 [3, 2, 4]",
        "spatial_features float32 [3, 2, 6]",
        "num_boxes int32 [3]",
        "ids 42 7 9",
        "counts 2 1 1"), lines.subList(0, 7));
    assertFloats(new float[] {-1.5f, 0.25f, 8, 0, 0, 0}, lines.get(7), "f7");
    assertFloats(new float[] {0.1f, 0.1f, 0.6f, 0.9f, 0.5f, 0.8f}, lines.get(8), "s42");
  }

  private static void assertFloats(float[] expected, String line, String label) {
    String[] parts = line.split(" ");
    assertEquals(label, parts[0]);
    assertEquals(expected.length, parts.length - 1, line);
    for (int i = 0; i < expected.length; i++) {
      // h5py prints the float32 widened to float64; narrowing back is exact.
      assertEquals(expected[i], (float) Double.parseDouble(parts[i + 1]), EXACT, line);
    }
  }

  @Test
  void featureLengthMismatchNamesRowIdAndByteCounts() throws IOException {
    Path bad = tsv("bad.tsv",
        row6("1", 10, 10, 1, new float[] {0, 0, 5, 5}, new float[] {1, 2, 3}),
        row6("77", 10, 10, 2, new float[] {0, 0, 5, 5, 1, 1, 4, 4}, new float[] {1, 2, 3}));
    Path out = dir.resolve("out.h5");
    IOException e = assertThrows(IOException.class, () -> TsvConverter.convert(List.of(bad), out));
    String m = e.getMessage();
    assertTrue(m.contains("bad.tsv row 2"), m);
    assertTrue(m.contains("image_id 77"), m);
    assertTrue(m.contains("6-column layout"), m);
    assertTrue(m.contains("'features' decodes to 12 bytes, expected 24 bytes"), m);
    assertFalse(Files.exists(out), "no output after a failure");
  }

  @Test
  void boxesLengthMismatchNamesRowIdAndByteCounts() throws IOException {
    Path bad = tsv("boxes.tsv",
        row10("COCO_train2014_000000000005", 10, 10, 2, new float[] {0, 0, 5, 5}, new float[] {1, 2}));
    IOException e = assertThrows(IOException.class,
        () -> TsvConverter.convert(List.of(bad), dir.resolve("out.h5")));
    String m = e.getMessage();
    assertTrue(m.contains("boxes.tsv row 1"), m);
    assertTrue(m.contains("img_id COCO_train2014_000000000005"), m);
    assertTrue(m.contains("10-column layout"), m);
    assertTrue(m.contains("'boxes' decodes to 16 bytes, expected 32 bytes"), m);
  }

  @Test
  void wrongColumnCountNamesTheLayouts() throws IOException {
    Path bad = tsv("seven.tsv", "1\t10\t10\t1\tAAAA\tAAAA\textra");
    IOException e = assertThrows(IOException.class,
        () -> TsvConverter.convert(List.of(bad), dir.resolve("out.h5")));
    String m = e.getMessage();
    assertTrue(m.contains("seven.tsv row 1: 7 columns"), m);
    assertTrue(m.contains("6 columns (image_id, image_w, image_h, num_boxes, boxes, features)"), m);
    assertTrue(m.contains("10 columns (img_id, img_h, img_w"), m);
  }

  @Test
  void columnCountChangingWithinAFileIsAnError() throws IOException {
    Path bad = tsv("mixed.tsv",
        row10("1", 10, 10, 1, new float[] {0, 0, 5, 5}, new float[] {1}),
        row6("2", 10, 10, 1, new float[] {0, 0, 5, 5}, new float[] {1}));
    IOException e = assertThrows(IOException.class,
        () -> TsvConverter.convert(List.of(bad), dir.resolve("out.h5")));
    assertTrue(e.getMessage().contains("mixed.tsv row 2: 6 columns, but the first row has 10"), e.getMessage());
  }

  @Test
  void nonNumericFieldsAreNamed() throws IOException {
    Path badCount = tsv("count.tsv", String.join("\t", "5", "10", "10", "many", b64(0, 0, 1, 1), b64(1)));
    IOException e = assertThrows(IOException.class,
        () -> TsvConverter.convert(List.of(badCount), dir.resolve("out.h5")));
    assertTrue(e.getMessage().contains("count.tsv row 1 (image_id 5, 6-column layout): num_boxes 'many' "
        + "is not an integer"), e.getMessage());

    Path badWidth = tsv("width.tsv", String.join("\t", "5", "wide", "10", "1", b64(0, 0, 1, 1), b64(1)));
    e = assertThrows(IOException.class, () -> TsvConverter.convert(List.of(badWidth), dir.resolve("out.h5")));
    assertTrue(e.getMessage().contains("image_w 'wide' is not a number"), e.getMessage());

    Path badId = tsv("id.tsv", row6("abc", 10, 10, 1, new float[] {0, 0, 1, 1}, new float[] {1}));
    e = assertThrows(IOException.class, () -> TsvConverter.convert(List.of(badId), dir.resolve("out.h5")));
    assertTrue(e.getMessage().contains("image id 'abc' is not a number and does not end with digits"),
        e.getMessage());
  }

  @Test
  void duplicateImageIdsAcrossFilesAreAnError() throws IOException {
    Path a = tsv("a.tsv", row6("3", 10, 10, 1, new float[] {0, 0, 1, 1}, new float[] {1}));
    Path b = tsv("b.tsv", row6("000003", 10, 10, 1, new float[] {0, 0, 1, 1}, new float[] {2}));
    IOException e = assertThrows(IOException.class,
        () -> TsvConverter.convert(List.of(a, b), dir.resolve("out.h5")));
    assertTrue(e.getMessage().contains("b.tsv row 1"), e.getMessage());
    assertTrue(e.getMessage().contains("image id 3 was already in " + a + " row 1"), e.getMessage());
  }

  @Test
  void failureLeavesNoFileBehind() throws IOException {
    Path bad = tsv("bad.tsv", row6("1", 10, 10, 1, new float[] {0, 0, 5, 5}, new float[] {1, 2}),
        "2\t10\t10\t1\t" + b64(0, 0, 5, 5) + "\t!!!!!!!!!!!"); // 11 characters: the 8 bytes of D = 2, but not base64
    Path out = dir.resolve("out.h5");
    IOException e = assertThrows(IOException.class, () -> TsvConverter.convert(List.of(bad), out));
    assertTrue(e.getMessage().contains("bad.tsv row 2 (image_id 2, 6-column layout): 'features' is not "
        + "valid base64"), e.getMessage());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("bad.tsv"), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void missingInputIsNamed() {
    Path missing = dir.resolve("nope.tsv");
    IOException e = assertThrows(IOException.class,
        () -> TsvConverter.convert(List.of(missing), dir.resolve("out.h5")));
    assertTrue(e.getMessage().contains("nope.tsv"), e.getMessage());
  }
}
