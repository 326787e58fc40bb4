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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridFeatureStoreTest {
  private static final int N = 12;
  private static final int C = 3;
  private static final int H = 2;
  private static final int W = 4;
  private static final int LEN = C * H * W;

  @TempDir
  Path dir;

  /** Seeded float32 features, flat [N, C, H, W]. */
  private static float[] randomFeatures(long seed) {
    Random rnd = new Random(seed);
    float[] f = new float[N * LEN];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) rnd.nextGaussian();
    }
    return f;
  }

  private static float[][][][] nest(float[] flat, int n) {
    float[][][][] out = new float[n][C][H][W];
    int k = 0;
    for (float[][][] image : out) {
      for (float[][] plane : image) {
        for (float[] row : plane) {
          System.arraycopy(flat, k, row, 0, W);
          k += W;
        }
      }
    }
    return out;
  }

  private static long[] ids() {
    long[] ids = new long[N];
    for (int i = 0; i < N; i++) {
      ids[i] = 1000 + 17L * i;
    }
    return ids;
  }

  private Path writeJhdf(String name, String idsName, Object ids, String featuresName, Object features)
      throws IOException {
    Path p = dir.resolve(name);
    try (WritableHdfFile hdf = HdfFile.write(p)) {
      hdf.putDataset(idsName, ids);
      hdf.putDataset(featuresName, features);
    }
    return p;
  }

  @Test
  void readsFloat32RowsByIdAndShuffledBatches() throws IOException {
    float[] expected = randomFeatures(11);
    long[] ids = ids();
    Path file = writeJhdf("grid.h5", "image_ids", ids, "features", nest(expected, N));
    try (GridFeatureStore store = GridFeatureStore.open(file)) {
      assertEquals(GridFeatureStore.Layout.DEFAULT, store.layout());
      assertEquals(N, store.size());
      assertEquals(C, store.channels());
      assertEquals(H, store.height());
      assertEquals(W, store.width());
      assertEquals(LEN, store.featureLength());
      assertArrayEquals(ids, store.imageIds());
      assertEquals(5, store.rowOf(ids[5]));
      assertEquals(5, store.rowOf(Long.toString(ids[5])));
      assertTrue(store.contains(ids[3]));
      assertFalse(store.contains(3));

      // Single read at an offset: float32 values round-trip exactly.
      float[] dst = new float[LEN + 5];
      store.read(ids[7], dst, 5);
      assertArrayEquals(Arrays.copyOfRange(expected, 7 * LEN, 8 * LEN), Arrays.copyOfRange(dst, 5, 5 + LEN), 0f);

      // A batch in a seeded shuffled order with a repeated id.
      List<Long> order = new ArrayList<>();
      for (long id : ids) {
        order.add(id);
      }
      Collections.shuffle(order, new Random(7));
      order.add(order.get(2));
      long[] batch = order.stream().mapToLong(Long::longValue).toArray();
      float[] out = new float[batch.length * LEN];
      store.readBatch(batch, out);
      for (int i = 0; i < batch.length; i++) {
        int row = (int) ((batch[i] - 1000) / 17);
        assertArrayEquals(Arrays.copyOfRange(expected, row * LEN, (row + 1) * LEN),
            Arrays.copyOfRange(out, i * LEN, (i + 1) * LEN), 0f, "batch slot " + i + ", image " + batch[i]);
      }
    }
  }

  @Test
  void recognisesTheSeedLayoutAndCustomNames() throws IOException {
    float[] expected = randomFeatures(3);
    int[] intIds = new int[N];
    Arrays.setAll(intIds, i -> 50 - i);
    Path seed = writeJhdf("seed.h5", "img_ids", intIds, "img_features", nest(expected, N));
    try (GridFeatureStore store = GridFeatureStore.open(seed)) {
      assertEquals(GridFeatureStore.Layout.SEED, store.layout());
      float[] dst = new float[LEN];
      store.read(50 - 4, dst, 0);
      assertArrayEquals(Arrays.copyOfRange(expected, 4 * LEN, 5 * LEN), dst, 0f);
    }

    Path custom = writeJhdf("custom.h5", "ids", ids(), "grid", nest(expected, N));
    IOException e = assertThrows(IOException.class, () -> GridFeatureStore.open(custom));
    assertTrue(e.getMessage().contains("custom.h5"), e.getMessage());
    assertTrue(e.getMessage().contains("found [grid, ids]"), e.getMessage());
    try (GridFeatureStore store = GridFeatureStore.open(custom, new GridFeatureStore.Layout("ids", "grid"))) {
      assertEquals(N, store.size());
      assertEquals(2, store.rowOf(ids()[2]));
    }
    assertThrows(IllegalArgumentException.class, () -> new GridFeatureStore.Layout("x", "x"));
  }

  @Test
  void stringIdsThatAreNotNumbersAreFoundByString() throws IOException {
    String[] ids = new String[N];
    for (int i = 0; i < N; i++) {
      ids[i] = i % 2 == 0 ? "n" + i : Integer.toString(i);
    }
    Path file = writeJhdf("strings.h5", "image_ids", ids, "features", nest(randomFeatures(5), N));
    try (GridFeatureStore store = GridFeatureStore.open(file)) {
      assertEquals(4, store.rowOf("n4"));
      assertEquals(3, store.rowOf(3));
      assertEquals(3, store.rowOf("3"));
      assertEquals(List.of(ids), store.imageKeys());
      IllegalStateException e = assertThrows(IllegalStateException.class, store::imageIds);
      assertTrue(e.getMessage().contains("'n0'"), e.getMessage());
      IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> store.rowOf("n5"));
      assertTrue(unknown.getMessage().contains("strings.h5: unknown image id 'n5'"), unknown.getMessage());
    }
  }

  @Test
  void unknownIdNamesFileAndId() throws IOException {
    Path file = writeJhdf("grid.h5", "image_ids", ids(), "features", nest(randomFeatures(1), N));
    try (GridFeatureStore store = GridFeatureStore.open(file)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> store.read(424242, new float[LEN], 0));
      assertTrue(e.getMessage().contains("grid.h5"), e.getMessage());
      assertTrue(e.getMessage().contains("unknown image id 424242"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> store.readBatch(new long[] {1000, 99}, new float[2 * LEN]));
      assertTrue(e.getMessage().contains("unknown image id 99"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> store.readBatch(new long[] {1000, 1017}, new float[LEN]));
      assertTrue(e.getMessage().contains("cannot hold 2 images of [3, 2, 4]"), e.getMessage());
    }
    GridFeatureStore closed = GridFeatureStore.open(file);
    closed.close();
    assertThrows(IllegalStateException.class, () -> closed.read(1000, new float[LEN], 0));
  }

  @Test
  void wrongShapeNamesDatasetExpectedAndFound() throws IOException {
    Path rank3 = writeJhdf("rank3.h5", "image_ids", ids(), "features", new float[N][C][H]);
    IOException e = assertThrows(IOException.class, () -> GridFeatureStore.open(rank3));
    assertTrue(e.getMessage().contains("rank3.h5: dataset 'features' expects [N, C, H, W], got [12, 3, 2]"),
        e.getMessage());

    Path fewerIds = writeJhdf("fewer.h5", "image_ids", new long[] {1, 2}, "features", new float[3][C][H][W]);
    e = assertThrows(IOException.class, () -> GridFeatureStore.open(fewerIds));
    assertTrue(e.getMessage().contains("fewer.h5: dataset 'image_ids' has 2 ids but 'features' has 3 rows "
        + "[3, 3, 2, 4]"), e.getMessage());

    Path ints = writeJhdf("ints.h5", "image_ids", ids(), "features", new int[N][C][H][W]);
    e = assertThrows(IOException.class, () -> GridFeatureStore.open(ints));
    assertTrue(e.getMessage().contains("dataset 'features' must hold float16 or float32 values, got int"),
        e.getMessage());

    Path dupes = writeJhdf("dupes.h5", "image_ids", new long[] {1, 2, 1}, "features", new float[3][C][H][W]);
    e = assertThrows(IOException.class, () -> GridFeatureStore.open(dupes));
    assertTrue(e.getMessage().contains("image id '1' appears twice (rows 0 and 2)"), e.getMessage());

    Path floatIds = writeJhdf("float_ids.h5", "image_ids", new float[] {1, 2, 3}, "features", new float[3][C][H][W]);
    e = assertThrows(IOException.class, () -> GridFeatureStore.open(floatIds));
    assertTrue(e.getMessage().contains("float_ids.h5: dataset 'image_ids' must hold int32, int64 or string ids, "
        + "got float[]"), e.getMessage());

    e = assertThrows(IOException.class, () -> GridFeatureStore.open(dir.resolve("missing.h5")));
    assertTrue(e.getMessage().contains("missing.h5"), e.getMessage());
  }

  /** The value h5py fixtures hold at flat position {@code i}: {@code (i * 0.37) % 11 - 5}. */
  private static float h5pyValue(int i) {
    return (float) ((i * 0.37) % 11 - 5);
  }

  @Test
  void readsFloat16WithStringIdsWrittenByH5py() throws Exception {
    PythonH5py.assumeAvailable();
    Path file = dir.resolve("fp16.h5");
    PythonH5py.run(String.join("\n",
        "import sys, h5py, numpy as np",
        "n, c, h, w = 6, 3, 2, 4",
        "v = (np.arange(n * c * h * w) * 0.37) % 11 - 5",
        "with h5py.File(sys.argv[1], 'w') as f:",
        "    f.create_dataset('image_ids', data=np.array(['000042', '7', '9', '100', '3', '12'], dtype=object),",
        "                     dtype=h5py.string_dtype())",
        "    f.create_dataset('features', data=v.reshape(n, c, h, w).astype(np.float16))"), file.toString());
    long[] ids = {42, 7, 9, 100, 3, 12};
    try (GridFeatureStore store = GridFeatureStore.open(file)) {
      assertArrayEquals(ids, store.imageIds());
      assertEquals(0, store.rowOf("000042"));
      long[] batch = {3, 42, 100, 7, 12, 9};
      float[] out = new float[batch.length * LEN];
      store.readBatch(batch, out);
      for (int i = 0; i < batch.length; i++) {
        int row = store.rowOf(batch[i]);
        for (int j = 0; j < LEN; j++) {
          float expected = h5pyValue(row * LEN + j);
          // float16 keeps 11 significant bits: relative error <= 2^-11, so 1e-3 relative.
          assertEquals(expected, out[i * LEN + j], 1e-3 * Math.abs(expected) + 1e-7,
              "image " + batch[i] + " value " + j);
        }
      }
    }
  }

  @Test
  void readsSeedLayoutChunkedAndCompressedWrittenByH5py() throws Exception {
    PythonH5py.assumeAvailable();
    Path file = dir.resolve("seed.h5");
    PythonH5py.run(String.join("\n",
        "import sys, h5py, numpy as np",
        "n, c, h, w = 6, 3, 2, 4",
        "v = (np.arange(n * c * h * w) * 0.37) % 11 - 5",
        "with h5py.File(sys.argv[1], 'w') as f:",
        "    f.create_dataset('img_ids', data=np.arange(60, 66, dtype=np.int32))",
        "    f.create_dataset('img_features', data=v.reshape(n, c, h, w).astype(np.float32),",
        "                     chunks=(2, c, h, w), compression='gzip')"), file.toString());
    try (GridFeatureStore store = GridFeatureStore.open(file)) {
      assertEquals(GridFeatureStore.Layout.SEED, store.layout());
      assertArrayEquals(new long[] {60, 61, 62, 63, 64, 65}, store.imageIds());
      long[] batch = {65, 61, 62, 60};
      float[] out = new float[batch.length * LEN];
      store.readBatch(batch, out);
      for (int i = 0; i < batch.length; i++) {
        int row = (int) (batch[i] - 60);
        for (int j = 0; j < LEN; j++) {
          // numpy computes in float64 and rounds once to float32, as h5pyValue does: exact.
          assertEquals(h5pyValue(row * LEN + j), out[i * LEN + j], 0f, "image " + batch[i]);
        }
      }
    }
  }
}
