package ai.glimpse.evaluation.charts;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Draws one glimpse of a {@link GalleryItem}'s attention: a heat map over the image for grid
 * attention, each box outlined and tinted by its weight for object attention with known boxes,
 * and otherwise a bar strip with one bar per location. Weights are scaled by the glimpse's
 * maximum, so each picture uses the full colour range.
 */
public final class AttentionRenderer {

  private static final Color BAR = new Color(214, 39, 40);

  private AttentionRenderer() {}

  /**
   * Renders glimpse {@code glimpse} of {@code item} as a {@code size} x {@code size} picture
   * (a {@code size} x {@code size/4} strip for box attention without boxes).
   *
   * @param item the question whose attention to draw
   * @param glimpse the glimpse index, in [0, number of glimpses)
   * @param size the picture side in pixels; the strip is {@code max(16, size / 4)} high
   * @return a new RGB image the caller owns
   * @throws IllegalArgumentException if the item has no such glimpse
   */
  public static BufferedImage render(GalleryItem item, int glimpse, int size) {
    if (glimpse < 0 || glimpse >= item.attention().length) {
      throw new IllegalArgumentException("question_id " + item.questionId() + " has "
          + item.attention().length + " glimpses, asked for glimpse " + glimpse);
    }
    float[] w = normalized(item.attention()[glimpse]);
    if (item.gridSize() == 0 && item.boxes() == null) {
      return strip(w, size, Math.max(16, size / 4));
    }
    BufferedImage out = base(item, size);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    if (item.gridSize() > 0) {
      int n = item.gridSize();
      for (int r = 0; r < n; r++) {
        for (int c = 0; c < n; c++) {
          int x0 = c * size / n;
          int y0 = r * size / n;
          g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.6f));
          g.setColor(heat(w[r * n + c]));
          g.fillRect(x0, y0, (c + 1) * size / n - x0, (r + 1) * size / n - y0);
        }
      }
    } else {
      for (int k = 0; k < w.length; k++) {
        float[] b = item.boxes()[k];
        int x0 = Math.round(b[0] * size);
        int y0 = Math.round(b[1] * size);
        int bw = Math.max(1, Math.round((b[2] - b[0]) * size));
        int bh = Math.max(1, Math.round((b[3] - b[1]) * size));
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.45f * w[k]));
        g.setColor(heat(w[k]));
        g.fillRect(x0, y0, bw, bh);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.2f + 0.8f * w[k]));
        g.setStroke(new BasicStroke(1 + 3 * w[k]));
        g.drawRect(x0, y0, bw, bh);
      }
    }
    g.dispose();
    return out;
  }

  /**
   * Returns the item's image scaled to {@code size} (grey when the item has none).
   *
   * @param item the question whose image to draw
   * @param size the picture side in pixels
   * @return a new {@code size} x {@code size} RGB image
   */
  public static BufferedImage image(GalleryItem item, int size) {
    return base(item, size);
  }

  private static BufferedImage base(GalleryItem item, int size) {
    BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    if (item.image() == null) {
      g.setColor(new Color(200, 200, 200));
      g.fillRect(0, 0, size, size);
    } else {
      int side = item.imageSide();
      BufferedImage src = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
      float[] px = item.image();
      int plane = side * side;
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          int i = y * side + x;
          src.setRGB(x, y, (channel(px[i]) << 16) | (channel(px[plane + i]) << 8)
              | channel(px[2 * plane + i]));
        }
      }
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(src, 0, 0, size, size, null);
    }
    g.dispose();
    return out;
  }

  private static BufferedImage strip(float[] w, int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(BAR);
    for (int k = 0; k < w.length; k++) {
      int x0 = k * width / w.length;
      int bw = Math.max(1, (k + 1) * width / w.length - x0 - 1);
      int bh = Math.round(w[k] * (height - 2));
      g.fillRect(x0, height - 1 - bh, bw, bh);
    }
    g.dispose();
    return out;
  }

  private static int channel(float v) {
    return Math.max(0, Math.min(255, Math.round(v * 255)));
  }

  /** Weights divided by their maximum (all zero stays zero); NaN and negatives count as zero. */
  static float[] normalized(float[] weights) {
    float max = 0;
    for (float v : weights) {
      if (v > max) {
        max = v;
      }
    }
    float[] out = new float[weights.length];
    for (int i = 0; i < weights.length; i++) {
      out[i] = max > 0 && weights[i] > 0 ? weights[i] / max : 0f;
    }
    return out;
  }

  /** A blue-to-red "jet"-like colour for a weight in [0, 1]. */
  static Color heat(float v) {
    float r = clamp(1.5f - Math.abs(4 * v - 3));
    float g = clamp(1.5f - Math.abs(4 * v - 2));
    float b = clamp(1.5f - Math.abs(4 * v - 1));
    return new Color(r, g, b);
  }

  private static float clamp(float v) {
    return Math.max(0f, Math.min(1f, v));
  }
}
