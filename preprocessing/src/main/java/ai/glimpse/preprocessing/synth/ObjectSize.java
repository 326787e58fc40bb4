package ai.glimpse.preprocessing.synth;

import java.util.Locale;

/** The sizes of synthetic objects, as the radius (or half side) in pixels. */
enum ObjectSize {
  SMALL(5),
  LARGE(9);

  private final int radius;

  ObjectSize(int radius) {
    this.radius = radius;
  }

  /** Returns the radius of a circle, or half the side of a square or triangle, in pixels. */
  int radius() {
    return radius;
  }

  /** Returns the word used in questions and answers, e.g. {@code "small"}. */
  String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
