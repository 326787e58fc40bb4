package ai.glimpse.preprocessing.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.io.PythonH5py;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectFeatureStoreTest {
  private static final int N = 20;
  private static final int K = 4;
  private static final int D = 5;

  @TempDir
  Path dir;

  private static float[][][] random(int n, int k, int d, long seed) {
    Random rnd = new Random(seed);
    float[][][] out = new float[n][k][d];
    for (float[][] image : out) {
      for (float[] box : image) {
        for (int j = 0; j < d; j++) {
          box[j] = (float) rnd.nextGaussian();
        }
      }
    }
    return out;
  }

  private static float[] flat(float[][] rows) {
    float[] out = new float[rows.length * rows[0].length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, out, i * rows[i].length, rows[i].length);
    }
    return out;
  }

  @Test
  void shuffledBatchesMatchSingleReads() throws IOException {
    float[][][] features = random(N, K, D, 1);
    float[][][] spatial = random(N, K, 6, 2);
    float[][][] boxes = random(N, K, 4, 3);
    long[] ids = new long[N];
    int[] counts = new int[N];
    for (int i = 0; i < N; i++) {
      ids[i] = 5000 - 3L * i;
      counts[i] = i % (K + 1);
    }
    Path file = dir.resolve("objects.h5");
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      hdf.putDataset("image_ids", ids);
      hdf.putDataset("image_features", features);
      hdf.putDataset("spatial_features", spatial);
      hdf.putDataset("image_bb", boxes);
      hdf.putDataset("num_boxes", counts);
    }
    try (ObjectFeatureStore store = ObjectFeatureStore.open(file)) {
      assertEquals(N, store.size());
      assertEquals(K, store.maxBoxes());
      assertEquals(D, store.featureDim());
      assertArrayEquals(ids, store.imageIds());
      long[] batch = {ids[17], ids[3], ids[4], ids[0], ids[19], ids[3], ids[9]};
      float[] f = new float[batch.length * K * D];
      float[] s = new float[batch.length * K * 6];
      int[] got = store.readBatch(batch, f, s);
      for (int i = 0; i < batch.length; i++) {
        int row = store.rowOf(batch[i]);
        assertEquals(counts[row], got[i]);
        // float32 stored and read back unchanged: exact.
        assertArrayEquals(flat(features[row]), Arrays.copyOfRange(f, i * K * D, (i + 1) * K * D), 0f);
        assertArrayEquals(flat(spatial[row]), Arrays.copyOfRange(s, i * K * 6, (i + 1) * K * 6), 0f);
        float[] single = new float[K * D];
        assertEquals(counts[row], store.read(batch[i], single, new float[K * 6], 0));
        assertArrayEquals(flat(features[row]), single, 0f);
        assertArrayEquals(Arrays.copyOf(flat(boxes[row]), counts[row] * 4), store.boxes(batch[i]), 0f);
      }
      float[] slot2 = new float[3 * K * D];
      store.read(ids[6], slot2, new float[3 * K * 6], 2);
      assertArrayEquals(flat(features[6]), Arrays.copyOfRange(slot2, 2 * K * D, 3 * K * D), 0f);
    }
  }

  /** Writes a GQA-layout file: image_features and spatial_features, no ids, no boxes, no counts. */
  private Path writeGqaLayout(float[][][] features, float[][][] spatial) throws IOException {
    Path file = dir.resolve("gqa_objects.h5");
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      hdf.putDataset("image_features", features);
      hdf.putDataset("spatial_features", spatial);
    }
    return file;
  }

  @Test
  void gqaLayoutFindsRowsThroughTheJsonIndex() throws IOException {
    float[][][] features = random(3, 2, 3, 4);
    float[][][] spatial = random(3, 2, 6, 5);
    Path file = writeGqaLayout(features, spatial);
    Path index = dir.resolve("gqa_objects_info.json");
    Files.writeString(index, "{\"n100\": {\"index\": 2, \"width\": 640, \"height\": 480},"
        + " \"2354786\": {\"index\": 0}, \"n7\": {\"idx\": 1, \"objectsNum\": 2}}");

    IOException e = assertThrows(IOException.class, () -> ObjectFeatureStore.open(file));
    assertTrue(e.getMessage().contains("gqa_objects.h5: no dataset 'image_ids'"), e.getMessage());
    assertTrue(e.getMessage().contains("no JSON index"), e.getMessage());
    assertTrue(e.getMessage().contains("Options.withIndex"), e.getMessage());

    try (ObjectFeatureStore store = ObjectFeatureStore.open(file, ObjectFeatureStore.Options.withIndex(index))) {
      assertEquals(3, store.size());
      assertEquals(2, store.maxBoxes());
      assertEquals(3, store.featureDim());
      assertFalse(store.hasBoxes());
      assertEquals(List.of("2354786", "n7", "n100"), store.imageKeys());
      assertEquals(2, store.rowOf("n100"));
      assertEquals(0, store.rowOf(2354786L));
      assertEquals(2, store.boxCount(2354786L), "no num_boxes: every slot counts");
      assertThrows(IllegalStateException.class, store::imageIds);
      assertThrows(IllegalStateException.class, () -> store.boxes(2354786L));
      float[] f = new float[6];
      float[] s = new float[12];
      assertEquals(2, store.readRow(store.rowOf("n7"), f, s, 0));
      assertArrayEquals(flat(features[1]), f, 0f);
      assertArrayEquals(flat(spatial[1]), s, 0f);
      ObjectFeatures all = store.read(2354786L);
      assertArrayEquals(flat(features[0]), all.features(), 0f);
      assertEquals(0, all.boxes().length);
      IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> store.rowOf("n8"));
      assertTrue(unknown.getMessage().contains("gqa_objects.h5: unknown image id 'n8'"), unknown.getMessage());
      assertTrue(unknown.getMessage().contains("gqa_objects_info.json"), unknown.getMessage());
    }
  }

  @Test
  void badIndexesAreNamed() throws IOException {
    Path file = writeGqaLayout(random(3, 2, 3, 4), random(3, 2, 6, 5));
    Path outside = dir.resolve("outside.json");
    Files.writeString(outside, "{\"n1\": {\"index\": 0}, \"n2\": {\"index\": 3}}");
    IOException e = assertThrows(IOException.class,
        () -> ObjectFeatureStore.open(file, ObjectFeatureStore.Options.withIndex(outside)));
    assertTrue(e.getMessage().contains("outside.json: image id 'n2' maps to row 3, but the feature file has 3 rows"),
        e.getMessage());

    Path twice = dir.resolve("twice.json");
    Files.writeString(twice, "{\"n1\": {\"index\": 1}, \"n2\": {\"index\": 1}}");
    e = assertThrows(IOException.class,
        () -> ObjectFeatureStore.open(file, ObjectFeatureStore.Options.withIndex(twice)));
    assertTrue(e.getMessage().contains("image ids 'n1' and 'n2' both map to row 1"), e.getMessage());

    Path noRow = dir.resolve("norow.json");
    Files.writeString(noRow, "{\"n1\": {\"width\": 3}}");
    e = assertThrows(IOException.class,
        () -> ObjectFeatureStore.open(file, ObjectFeatureStore.Options.withIndex(noRow)));
    assertTrue(e.getMessage().contains("norow.json: image id 'n1' has no integer \"index\""), e.getMessage());
  }

  @Test
  void wrongShapesNameDatasetExpectedAndFound() throws IOException {
    Path file = dir.resolve("bad_spatial.h5");
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      hdf.putDataset("image_ids", new long[] {1, 2, 3});
      hdf.putDataset("image_features", new float[3][2][4]);
      hdf.putDataset("spatial_features", new float[3][2][5]);
    }
    IOException e = assertThrows(IOException.class, () -> ObjectFeatureStore.open(file));
    assertTrue(e.getMessage().contains("bad_spatial.h5: dataset 'spatial_features' expects [3, 2, 6]"),
        e.getMessage());
    assertTrue(e.getMessage().contains("got [3, 2, 5]"), e.getMessage());

    Path flatFeatures = dir.resolve("flat.h5");
    try (WritableHdfFile hdf = HdfFile.write(flatFeatures)) {
      hdf.putDataset("image_ids", new long[] {1, 2, 3});
      hdf.putDataset("image_features", new float[3][8]);
    }
    e = assertThrows(IOException.class, () -> ObjectFeatureStore.open(flatFeatures));
    assertTrue(e.getMessage().contains("dataset 'image_features' expects [N, K, D], got [3, 8]"), e.getMessage());

    Path badCounts = dir.resolve("counts.h5");
    try (WritableHdfFile hdf = HdfFile.write(badCounts)) {
      hdf.putDataset("image_ids", new long[] {1, 2});
      hdf.putDataset("image_features", new float[2][2][4]);
      hdf.putDataset("spatial_features", new float[2][2][6]);
      hdf.putDataset("num_boxes", new int[] {1, 3});
    }
    e = assertThrows(IOException.class, () -> ObjectFeatureStore.open(badCounts));
    assertTrue(e.getMessage().contains("counts.h5: dataset 'num_boxes' row 1 holds 3, expected 0..2"),
        e.getMessage());
  }

  @Test
  void unknownIdNamesFileAndId() throws IOException {
    Path file = dir.resolve("objects.h5");
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      hdf.putDataset("image_ids", new long[] {1, 2});
      hdf.putDataset("image_features", new float[2][2][4]);
      hdf.putDataset("spatial_features", new float[2][2][6]);
    }
    try (ObjectFeatureStore store = ObjectFeatureStore.open(file)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> store.read(31337, new float[8], new float[12], 0));
      assertTrue(e.getMessage().contains("objects.h5: unknown image id 31337"), e.getMessage());
    }
  }

  @Test
  void readsFloat16FeaturesWrittenByH5py() throws Exception {
    PythonH5py.assumeAvailable();
    Path file = dir.resolve("fp16_objects.h5");
    PythonH5py.run(String.join("\n",
        "import sys, h5py, numpy as np",
        "n, k, d = 4, 3, 5",
        "v = (np.arange(n * k * d) * 0.37) % 11 - 5",
        "with h5py.File(sys.argv[1], 'w') as f:",
        "    f.create_dataset('image_ids', data=np.array([8, 6, 4, 2], dtype=np.int64))",
        "    f.create_dataset('image_features', data=v.reshape(n, k, d).astype(np.float16))",
        "    f.create_dataset('spatial_features', data=np.ones((n, k, 6), dtype=np.float16))",
        "    f.create_dataset('num_boxes', data=np.array([3, 2, 1, 0], dtype=np.int32))"), file.toString());
    try (ObjectFeatureStore store = ObjectFeatureStore.open(file)) {
      long[] batch = {2, 8, 4};
      float[] f = new float[batch.length * 3 * 5];
      float[] s = new float[batch.length * 3 * 6];
      assertArrayEquals(new int[] {0, 3, 1}, store.readBatch(batch, f, s));
      for (int i = 0; i < batch.length; i++) {
        int row = store.rowOf(batch[i]);
        for (int j = 0; j < 15; j++) {
          float expected = (float) (((row * 15 + j) * 0.37) % 11 - 5);
          // float16 keeps 11 significant bits: relative error <= 2^-11, so 1e-3 relative.
          assertEquals(expected, f[i * 15 + j], 1e-3 * Math.abs(expected) + 1e-7, "image " + batch[i]);
        }
      }
      for (float v : s) {
        assertEquals(1f, v, 0f);
      }
    }
  }
}
