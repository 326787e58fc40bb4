package ai.glimpse.preprocessing.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLoaderTest {
  @TempDir
  Path tmp;

  @Test
  void pixelsArePlanarRgbInUnitRange() {
    BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, 0xFF0000);
    img.setRGB(1, 0, 0x00FF00);
    img.setRGB(0, 1, 0x0000FF);
    img.setRGB(1, 1, 0x336699);
    float[] t = new ImageLoader(2).toTensor(img);
    assertArrayEquals(new float[] {1, 0, 0, 0x33 / 255f, 0, 1, 0, 0x66 / 255f, 0, 0, 1, 0x99 / 255f}, t, 1e-7f);
  }

  @Test
  void resizesBilinearly() {
    BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        img.setRGB(x, y, x < 2 ? 0 : 0xFFFFFF);
      }
    }
    float[] t = new ImageLoader(2).toTensor(img);
    // 4 -> 2: each output pixel centre falls between source pixels 0/1 and 2/3: exact 0 and 1.
    assertArrayEquals(new float[] {0, 1, 0, 1}, java.util.Arrays.copyOf(t, 4), 1e-6f);
  }

  @Test
  void pixelStoreRoundTripsThroughHdf5() throws IOException {
    float[] px = new float[2 * 3 * 4 * 4];
    for (int i = 0; i < px.length; i++) {
      px[i] = i / 100f;
    }
    PixelStore store = new PixelStore(new long[] {42, 7}, px, 3, 4, 4);
    Path file = tmp.resolve("features.h5");
    store.write(file);
    PixelStore back = PixelStore.read(file);
    assertEquals(2, back.size());
    assertEquals(1, back.row(7));
    assertEquals(-1, back.row(8));
    float[] row = new float[48];
    back.readRow(1, row, 0);
    assertArrayEquals(java.util.Arrays.copyOfRange(px, 48, 96), row, 0f);
    try (FeatureSource opened = FeatureFiles.open(file)) {
      assertTrue(opened instanceof PixelStore, "a prepared pixel file opens as pixels");
      assertEquals(FeatureKind.PIXELS, opened.shape().kind());
      assertEquals(0, opened.row(42));
    }
  }

  @Test
  void nonImagesAndMissingFilesAreNamed() throws IOException {
    Path bad = tmp.resolve("not-an-image.png");
    Files.writeString(bad, "hello");
    IOException e = assertThrows(IOException.class, () -> new ImageLoader(8).load(bad));
    assertTrue(e.getMessage().contains("not-an-image.png"), e.getMessage());
    assertThrows(java.nio.file.NoSuchFileException.class, () -> new ImageLoader(8).load(tmp.resolve("none.png")));
    Path png = tmp.resolve("ok.png");
    ImageIO.write(new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
    assertEquals(3 * 8 * 8, new ImageLoader(8).load(png).length);
  }
}
