package ai.glimpse.preprocessing.synth;

import java.util.List;
import java.util.Locale;

/** The shapes of synthetic objects. */
enum ObjectShape {
  CIRCLE,
  SQUARE,
  TRIANGLE;

  /** The shapes of Sort-of-CLEVR. */
  static final List<ObjectShape> SORT_OF_CLEVR_SHAPES = List.of(SQUARE, CIRCLE);

  /** Returns the singular noun, e.g. {@code "circle"}. */
  String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the plural noun, e.g. {@code "circles"}. */
  String plural() {
    return word() + "s";
  }
}
