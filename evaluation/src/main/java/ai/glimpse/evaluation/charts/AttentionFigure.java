package ai.glimpse.evaluation.charts;

import ai.glimpse.preprocessing.io.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The attention figure of one question, as the MXNet seed draws it: the image, then the image with
 * each glimpse's attention overlaid as a heat map (or the weighted boxes of object models), side by
 * side, under a line with the question and the top answers.
 */
public final class AttentionFigure {
  private static final int HEADER = 44;
  private static final int GAP = 6;

  private AttentionFigure() {}

  /**
   * Draws the figure with panels of {@code panel} × {@code panel} pixels.
   *
   * @param item the question, its image (may be absent: a grey panel), attention and answers
   * @param panel the side of each panel, at least 32
   * @return the figure, {@code (1 + glimpses) · (panel + gap)} wide
   */
  public static BufferedImage render(GalleryItem item, int panel) {
    if (panel < 32) {
      throw new IllegalArgumentException("panel must be >= 32 pixels, got " + panel);
    }
    int glimpses = item.attention().length;
    int width = (1 + glimpses) * (panel + GAP) + GAP;
    int height = HEADER + panel + GAP + 16;
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString("Q: " + item.question(), GAP, 18);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    StringBuilder answers = new StringBuilder("A:");
    for (ScoredAnswer a : item.topAnswers()) {
      answers.append(String.format(Locale.ROOT, "  %s (%.1f%%)", a.answer(), 100 * a.probability()));
    }
    g.drawString(answers.toString(), GAP, 36);
    int y = HEADER;
    g.drawImage(AttentionRenderer.image(item, panel), GAP, y, null);
    g.drawString("image", GAP, y + panel + 14);
    for (int k = 0; k < glimpses; k++) {
      int x = GAP + (k + 1) * (panel + GAP);
      BufferedImage map = AttentionRenderer.render(item, k, panel);
      g.drawImage(map, x, y + (panel - map.getHeight()) / 2, null);
      g.drawString("glimpse " + (k + 1), x, y + panel + 14);
    }
    g.dispose();
    return out;
  }

  /**
   * Renders the figure and writes it as PNG to {@code target} (temporary file, then moved).
   *
   * @param item the question, its image, attention and answers
   * @param panel the side of each panel in pixels, at least 32
   * @param target the PNG file to create or replace; unchanged if writing fails
   * @throws IOException if the file cannot be written or the JVM has no PNG writer
   * @throws IllegalArgumentException if {@code panel} is below 32
   */
  public static void write(GalleryItem item, int panel, Path target) throws IOException {
    BufferedImage figure = render(item, panel);
    AtomicFiles.write(target, o -> {
      if (!ImageIO.write(figure, "png", o)) {
        throw new IOException("no PNG writer for " + target);
      }
    });
  }
}
