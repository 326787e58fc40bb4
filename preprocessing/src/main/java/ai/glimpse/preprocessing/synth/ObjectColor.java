package ai.glimpse.preprocessing.synth;

import java.util.List;
import java.util.Locale;

/** The colors of synthetic objects, each a clearly distinct, nearly pure RGB value. */
enum ObjectColor {
  RED(255, 0, 0),
  GREEN(0, 220, 0),
  BLUE(0, 64, 255),
  YELLOW(255, 255, 0),
  PURPLE(170, 0, 255),
  CYAN(0, 255, 255),
  ORANGE(255, 140, 0),
  GRAY(128, 128, 128);

  /** The palette of the shapes preset. */
  static final List<ObjectColor> SHAPES_PALETTE = List.of(RED, GREEN, BLUE, YELLOW, PURPLE, CYAN);

  /** The palette of Sort-of-CLEVR, in the order of the original generator. */
  static final List<ObjectColor> SORT_OF_CLEVR_PALETTE =
      List.of(RED, GREEN, BLUE, ORANGE, GRAY, YELLOW);

  private final int rgb;

  ObjectColor(int r, int g, int b) {
    this.rgb = (r << 16) | (g << 8) | b;
  }

  /** Returns the color as {@code 0xRRGGBB}. */
  int rgb() {
    return rgb;
  }

  /** Returns the word used in questions and answers, e.g. {@code "red"}. */
  String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
