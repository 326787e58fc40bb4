package ai.glimpse.preprocessing.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.batch.Batch;
import ai.glimpse.preprocessing.batch.BatchIterator;
import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.preprocessing.features.ObjectFeatureStore;
import ai.glimpse.preprocessing.features.ObjectFeatures;
import ai.glimpse.preprocessing.synth.Preset;
import ai.glimpse.preprocessing.synth.SynthConfig;
import ai.glimpse.preprocessing.synth.SyntheticGenerator;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prepared splits carry every image input they were given: the synthetic object features beside
 * the pixels, or a grid feature file alone; each found by the split's own image rows.
 */
class PreparedFeaturesTest {
  @TempDir
  static Path tmp;
  static Path dataset;

  @BeforeAll
  static void generate() throws IOException {
    dataset = tmp.resolve("data");
    SyntheticGenerator.generate(new SynthConfig(Preset.SHAPES, 10, 4, 5, 0.1), dataset);
  }

  @Test
  void synthObjectsArePickedUpBesideThePixels() throws IOException {
    Path out = tmp.resolve("objects");
    Manifest m = new Preparer(PrepareConfig.forLayout(dataset)).prepare(out);
    assertEquals(2, m.features().size());
    assertEquals(FeatureShape.objects(8, 192), m.feature(FeatureKind.OBJECTS).shape());
    PreparedDataset data = PreparedDataset.open(out);
    try (PreparedSplit val = data.split("val");
         ObjectFeatureStore store = ObjectFeatureStore.open(dataset.resolve("val/objects.h5"))) {
      assertEquals(Set.of(FeatureKind.PIXELS, FeatureKind.OBJECTS), val.kinds());
      assertEquals(FeatureKind.PIXELS, val.selected());
      PreparedSplit objects = val.select(FeatureKind.OBJECTS);
      BatchIterator it = BatchIterator.grouped(objects, 16, data.answers().size(), 3L, 5);
      int width = 192 + 6;
      int len = 8 * width;
      int checked = 0;
      while (it.hasNext()) {
        Batch b = it.next();
        for (int i = 0; i < b.size(); i++) {
          long imageId = b.questionIds()[i] / 1000;
          ObjectFeatures f = store.read(imageId);
          float[] row = Arrays.copyOfRange(b.images(), b.imageIndex()[i] * len, (b.imageIndex()[i] + 1) * len);
          for (int k = 0; k < 8; k++) {
            float[] features = Arrays.copyOfRange(row, k * width, k * width + 192);
            float[] spatial = Arrays.copyOfRange(row, k * width + 192, (k + 1) * width);
            if (k < f.boxCount()) {
              assertArrayEquals(Arrays.copyOfRange(f.features(), k * 192, (k + 1) * 192), features, 0f);
              assertArrayEquals(Arrays.copyOfRange(f.spatial(), k * 6, (k + 1) * 6), spatial, 0f);
            } else {
              assertArrayEquals(new float[198], Arrays.copyOfRange(row, k * width, (k + 1) * width), 0f,
                  "padding slot " + k + " is zero");
            }
          }
          checked++;
        }
      }
      assertEquals(40, checked);
    }
  }

  @Test
  void aGridFeatureFileAloneIsEnoughAndStaysWhereItIs() throws IOException {
    // A grid file in its own row order (reversed ids), as an external extractor writes it.
    Path grid = tmp.resolve("grid.h5");
    long[] ids = new long[14];
    float[][][][] features = new float[14][3][2][2];
    for (int i = 0; i < 14; i++) {
      ids[i] = i < 10 ? 10 - i : 1_000_001L + (i - 10);
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < 2; y++) {
          for (int x = 0; x < 2; x++) {
            features[i][c][y][x] = ids[i] * 100 + c * 10 + y * 2 + x;
          }
        }
      }
    }
    try (WritableHdfFile hdf = HdfFile.write(grid)) {
      hdf.putDataset("image_ids", ids);
      hdf.putDataset("features", features);
    }
    Path out = tmp.resolve("grid");
    Manifest m = new Preparer(PrepareConfig.forLayout(dataset).withFeatures(grid, grid).withoutImages()).prepare(out);
    assertEquals(1, m.features().size());
    assertEquals(FeatureShape.grid(3, 2, 2), m.features().get(0).shape());
    assertEquals(grid.toAbsolutePath().toString(), m.features().get(0).files().get("train"));
    assertFalse(Files.exists(out.resolve("train/features.h5")), "no pixels without images");
    try (PreparedSplit train = PreparedDataset.open(out).split("train")) {
      assertEquals(FeatureKind.GRID, train.selected());
      float[] row = new float[12];
      for (int q = 0; q < train.size(); q++) {
        long imageId = train.encoded().questionIds()[q] / 1000;
        train.features().readRow(train.encoded().imageRows()[q], row, 0);
        assertEquals(imageId * 100 + 23, row[11], 0f, "question " + q + " reads its own image's grid");
      }
    }
  }

  @Test
  void anImageMissingFromTheFeatureFileIsNamed() throws IOException {
    Path grid = tmp.resolve("partial.h5");
    try (WritableHdfFile hdf = HdfFile.write(grid)) {
      hdf.putDataset("image_ids", new long[] {1, 2, 3});
      hdf.putDataset("features", new float[3][2][1][1]);
    }
    Path out = tmp.resolve("partial");
    IOException e = assertThrows(IOException.class, () ->
        new Preparer(PrepareConfig.forLayout(dataset).withFeatures(grid, grid).withoutImages()).prepare(out));
    assertTrue(e.getMessage().contains("image_id 4") && e.getMessage().contains("partial.h5"), e.getMessage());
    assertFalse(Files.exists(out), "no partial output");
  }
}
