package ai.glimpse.preprocessing.synth;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Draws scenes pixel by pixel, without antialiasing, so that every pixel of an object has exactly
 * its color, and encodes them as PNG without timestamps (identical scenes give identical bytes).
 */
final class SceneRenderer {
  private SceneRenderer() {}

  /** Returns the scene drawn as a {@code width x height} RGB image. */
  static BufferedImage render(Scene scene) {
    BufferedImage image =
        new BufferedImage(scene.width(), scene.height(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < scene.height(); y++) {
      for (int x = 0; x < scene.width(); x++) {
        image.setRGB(x, y, scene.background());
      }
    }
    for (SceneObject o : scene.objects()) {
      int r = o.radius();
      for (int dy = -r; dy <= r; dy++) {
        for (int dx = -r; dx <= r; dx++) {
          if (covers(o.shape(), r, dx, dy)) {
            image.setRGB(o.x() + dx, o.y() + dy, o.color().rgb());
          }
        }
      }
    }
    return image;
  }

  /** Whether the pixel at offset (dx, dy) from the center belongs to the shape of radius r. */
  static boolean covers(ObjectShape shape, int r, int dx, int dy) {
    return switch (shape) {
      // r * r + r rounds the disc outline, so the leftmost column is a short run, not one pixel.
      case CIRCLE -> dx * dx + dy * dy <= r * r + r;
      case SQUARE -> true;
      // Apex at the top center, base along the bottom row; half-width grows by 1 every 2 rows.
      case TRIANGLE -> 2 * Math.abs(dx) <= dy + r;
    };
  }

  /** Writes {@code image} as PNG to {@code out}, leaving {@code out} open. */
  static void writePng(BufferedImage image, OutputStream out) throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IOException("no PNG writer available in javax.imageio");
    }
    ImageWriter writer = writers.next();
    try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(image);
    } finally {
      writer.dispose();
    }
  }
}
