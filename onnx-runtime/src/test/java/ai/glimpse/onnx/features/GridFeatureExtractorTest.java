package ai.glimpse.onnx.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.features.GridFeatureStore;
import ai.glimpse.preprocessing.features.ImageLoader;
import io.jhdf.HdfFile;
import io.jhdf.object.datatype.FloatingPoint;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridFeatureExtractorTest {
  private static final int SIZE = 32;
  private static final int GRID = TinyCnn.gridSize(SIZE);
  private static final int LEN = TinyCnn.OUT * GRID * GRID;
  private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] STD = {0.229f, 0.224f, 0.225f};

  @TempDir
  Path dir;

  private final TinyCnn cnn = new TinyCnn(17);

  private static FeatureExtractionOptions options() {
    return FeatureExtractionOptions.defaults().withImageSize(SIZE).withBatchSize(2);
  }

  /** An image with a gradient and a coloured block, different for each seed. */
  private static BufferedImage image(int seed, int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int r = (x * 255 / width + 40 * seed) & 0xff;
        int g = (y * 255 / height + 90 * seed) & 0xff;
        int b = ((x + y) * 7 + 60 * seed) & 0xff;
        if (x > width / 3 && x < width / 2 && y > height / 4 && y < height / 2) {
          r = 255 - r;
          b = seed * 50 & 0xff;
        }
        img.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return img;
  }

  /** Writes the test images and returns their files by id, in id order. */
  private Map<Long, Path> writeImages(Path images) throws IOException {
    Files.createDirectories(images.resolve("sub/dir"));
    Map<Long, Path> files = new LinkedHashMap<>();
    files.put(7L, images.resolve("COCO_train2014_000000000007.png"));
    files.put(17L, images.resolve("photo_17.jpeg"));
    files.put(42L, images.resolve("sub/dir/img42.png"));
    files.put(123456L, images.resolve("COCO_train2014_000000123456.png"));
    files.put(100000000001L, images.resolve("big_100000000001.PNG"));
    int seed = 1;
    for (Map.Entry<Long, Path> e : files.entrySet()) {
      String format = e.getValue().toString().endsWith(".jpeg") ? "jpg" : "png";
      assertTrue(ImageIO.write(image(seed++, 48, 40), format, e.getValue().toFile()));
    }
    ImageIO.write(image(9, 32, 32), "png", images.resolve("logo.png").toFile()); // no id: skipped
    Files.writeString(images.resolve("readme.txt"), "not an image");
    return files;
  }

  /** The reference features of an image file: same loader, same normalization, plain-Java CNN. */
  private float[] expected(Path file) throws IOException {
    float[] px = new ImageLoader(SIZE).load(file);
    int plane = SIZE * SIZE;
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < plane; i++) {
        px[c * plane + i] = (px[c * plane + i] - MEAN[c]) / STD[c];
      }
    }
    return cnn.reference(px, SIZE);
  }

  private static void assertClose(float[] expected, float[] actual, double rel, double abs, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], abs + rel * Math.abs(expected[i]), what + " value " + i);
    }
  }

  private ExtractedFeatures extract(Path model, FeatureExtractionOptions options, Path images, Path out,
      List<String> progress) throws IOException {
    try (GridFeatureExtractor x = GridFeatureExtractor.load(model, options)) {
      return x.extract(images, out, (done, total) -> progress.add(done + "/" + total));
    }
  }

  @Test
  void float16FeaturesMatchThePlainJavaCnnAndGridFeatureStoreReadsThem() throws IOException {
    Path model = cnn.write(dir.resolve("cnn.onnx"), 0, 0, false);
    Map<Long, Path> files = writeImages(dir.resolve("images"));
    Path out = dir.resolve("features/grid.h5");
    List<String> progress = new ArrayList<>();

    ExtractedFeatures result = extract(model, options(), dir.resolve("images"), out, progress);

    assertEquals(new ExtractedFeatures(out, 5, TinyCnn.OUT, GRID, GRID, true), result);
    assertEquals(List.of("0/5", "2/5", "4/5", "5/5"), progress);
    try (GridFeatureStore store = GridFeatureStore.open(out)) {
      assertArrayEquals(new long[] {7, 17, 42, 123456, 100000000001L}, store.imageIds());
      assertEquals(TinyCnn.OUT, store.channels());
      assertEquals(GRID, store.height());
      assertEquals(GRID, store.width());
      for (Map.Entry<Long, Path> e : files.entrySet()) {
        float[] features = new float[LEN];
        store.read(e.getKey(), features, 0);
        // float16 keeps 11 significant bits: relative error <= 2^-11.
        assertClose(expected(e.getValue()), features, 1e-3, 1e-3, "image " + e.getKey());
      }
    }
    try (HdfFile hdf = new HdfFile(out)) {
      FloatingPoint type = assertInstanceOf(FloatingPoint.class, hdf.getDatasetByPath("features").getDataType());
      assertEquals(16, type.getBitPrecision());
      assertEquals(32L, hdf.getAttribute("image_size").getData());
      assertEquals("cnn.onnx", hdf.getAttribute("model").getData());
      assertEquals("grid", hdf.getAttribute("output").getData());
    }
    try (Stream<Path> left = Files.list(out.getParent())) {
      assertEquals(List.of(out), left.toList(), "only the final file remains");
    }
  }

  @Test
  void float32FeaturesMatchTightly() throws IOException {
    Path model = cnn.write(dir.resolve("cnn.onnx"), 0, 0, false);
    Map<Long, Path> files = writeImages(dir.resolve("images"));
    Path out = dir.resolve("grid32.h5");
    FeatureExtractionOptions options = options().withFloat16(false).withBatchSize(3);

    ExtractedFeatures result = extract(model, options, dir.resolve("images"), out, new ArrayList<>());

    assertFalse(result.float16());
    int nonZero = 0;
    try (GridFeatureStore store = GridFeatureStore.open(out)) {
      for (Map.Entry<Long, Path> e : files.entrySet()) {
        float[] features = new float[LEN];
        store.read(e.getKey(), features, 0);
        float[] expected = expected(e.getValue());
        assertClose(expected, features, 1e-5, 1e-5, "image " + e.getKey());
        for (float v : expected) {
          nonZero += v > 1e-3 ? 1 : 0;
        }
      }
    }
    assertTrue(nonZero > files.size() * LEN / 4, "the comparison covers mostly non-zero features: " + nonZero);
    try (HdfFile hdf = new HdfFile(out)) {
      FloatingPoint type = assertInstanceOf(FloatingPoint.class, hdf.getDatasetByPath("features").getDataType());
      assertEquals(32, type.getBitPrecision());
    }
  }

  @Test
  void modelWithAFixedBatchAndSizeRunsOneImageAtATime() throws IOException {
    Path model = cnn.write(dir.resolve("fixed.onnx"), 1, SIZE, false);
    Map<Long, Path> files = writeImages(dir.resolve("images"));
    Path out = dir.resolve("fixed.h5");
    List<String> progress = new ArrayList<>();
    try (GridFeatureExtractor x = GridFeatureExtractor.load(model, options().withFloat16(false))) {
      assertEquals(1, x.batchSize());
      assertEquals("pixels", x.inputName());
      x.extract(dir.resolve("images"), out, (done, total) -> progress.add(done + "/" + total));
    }
    assertEquals(List.of("0/5", "1/5", "2/5", "3/5", "4/5", "5/5"), progress);
    try (GridFeatureStore store = GridFeatureStore.open(out)) {
      float[] features = new float[LEN];
      store.read(42, features, 0);
      assertClose(expected(files.get(42L)), features, 1e-5, 1e-5, "image 42");
    }

    IOException e = assertThrows(IOException.class,
        () -> GridFeatureExtractor.load(model, options().withImageSize(48)));
    assertTrue(e.getMessage().contains("fixed.onnx: input 'pixels' expects images of shape [1, 3, 32, 32] "
        + "but the image size is 48 px; use an image size of 32"), e.getMessage());
  }

  @Test
  void rank2OutputIsRefusedNamingModelOutputAndExpectation() throws IOException {
    Path model = cnn.write(dir.resolve("classifier.onnx"), 0, 0, true);
    IOException e = assertThrows(IOException.class, () -> GridFeatureExtractor.load(model, options()));
    assertTrue(e.getMessage().contains("classifier.onnx: output 'pooled' is float [-1, 4]; expected float grid "
        + "features [batch, C, h, w]"), e.getMessage());
    assertTrue(e.getMessage().contains("'grid' float [-1, 4, -1, -1]"), e.getMessage());

    e = assertThrows(IOException.class,
        () -> GridFeatureExtractor.load(model, options().withOutputName("logits")));
    assertTrue(e.getMessage().contains("classifier.onnx: no output 'logits'; found ['pooled'"), e.getMessage());

    // Naming the grid output works.
    Map<Long, Path> files = writeImages(dir.resolve("images"));
    Path out = dir.resolve("named.h5");
    try (GridFeatureExtractor x = GridFeatureExtractor.load(model, options().withOutputName("grid"))) {
      assertEquals("grid", x.outputName());
      x.extract(dir.resolve("images"), out, ExtractionProgress.NONE);
    }
    try (GridFeatureStore store = GridFeatureStore.open(out)) {
      float[] features = new float[LEN];
      store.read(7, features, 0);
      assertClose(expected(files.get(7L)), features, 1e-3, 1e-3, "image 7");
    }
  }

  @Test
  void unreadableModelIsRefusedNamingIt() throws IOException {
    Path junk = dir.resolve("junk.onnx");
    Files.writeString(junk, "this is not a protobuf");
    IOException e = assertThrows(IOException.class, () -> GridFeatureExtractor.load(junk, options()));
    assertTrue(e.getMessage().contains("junk.onnx: not a loadable ONNX model"), e.getMessage());

    e = assertThrows(IOException.class, () -> GridFeatureExtractor.load(dir.resolve("missing.onnx"), options()));
    assertTrue(e.getMessage().contains("missing.onnx"), e.getMessage());
  }

  @Test
  void unreadableImageFailsNamingTheFileAndLeavesNoOutput() throws IOException {
    Path model = cnn.write(dir.resolve("cnn.onnx"), 0, 0, false);
    Path images = dir.resolve("images");
    writeImages(images);
    Path bad = images.resolve("COCO_val2014_000000000020.jpg");
    Files.writeString(bad, "not really a jpeg");
    Path out = dir.resolve("out/grid.h5");
    List<String> progress = new ArrayList<>();

    IOException e = assertThrows(IOException.class, () -> extract(model, options(), images, out, progress));

    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    assertEquals(List.of("0/6", "2/6"), progress, "the bad image (id 20) is in the second batch, after the file was opened");
    assertFalse(Files.exists(out));
    try (Stream<Path> left = Files.list(out.getParent())) {
      assertEquals(0, left.count(), "the temporary file is removed");
    }
  }

  @Test
  void directoryErrors() throws IOException {
    Path model = cnn.write(dir.resolve("cnn.onnx"), 0, 0, false);
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Files.writeString(empty.resolve("notes.txt"), "no images here");
    try (GridFeatureExtractor x = GridFeatureExtractor.load(model, options())) {
      IOException e = assertThrows(IOException.class,
          () -> x.extract(empty, dir.resolve("x.h5"), ExtractionProgress.NONE));
      assertTrue(e.getMessage().contains("no PNG or JPEG images whose names end with an image id"), e.getMessage());
      assertThrows(IOException.class, () -> x.extract(dir.resolve("nope"), dir.resolve("x.h5"), ExtractionProgress.NONE));
    }
    Path twice = Files.createDirectories(dir.resolve("twice"));
    ImageIO.write(image(1, 8, 8), "png", twice.resolve("a_5.png").toFile());
    ImageIO.write(image(2, 8, 8), "png", twice.resolve("b_0005.png").toFile());
    IOException e = assertThrows(IOException.class, () -> ImageDirectory.scan(twice));
    assertTrue(e.getMessage().contains("image id 5 has two files"), e.getMessage());
  }

  @Test
  void optionsValidateAndCopy() {
    FeatureExtractionOptions d = FeatureExtractionOptions.defaults();
    assertEquals(448, d.imageSize());
    assertEquals(8, d.batchSize());
    assertTrue(d.float16());
    assertArrayEquals(MEAN, d.mean());
    assertArrayEquals(STD, d.std());
    d.mean()[0] = 99;
    assertArrayEquals(MEAN, d.mean());
    assertEquals(d, FeatureExtractionOptions.defaults());
    assertThrows(IllegalArgumentException.class, () -> d.withBatchSize(0));
    assertThrows(IllegalArgumentException.class, () -> d.withImageSize(0));
    assertThrows(IllegalArgumentException.class, () -> d.withNormalization(new float[2], STD));
    assertThrows(IllegalArgumentException.class, () -> d.withNormalization(MEAN, new float[] {1, 0, 1}));
    assertThrows(IllegalArgumentException.class, () -> d.withOutputName(" "));
  }
}
