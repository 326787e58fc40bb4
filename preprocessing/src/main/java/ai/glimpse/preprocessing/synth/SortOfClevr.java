package ai.glimpse.preprocessing.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The questions of the Sort-of-CLEVR preset (Santoro et al. 2017, "A simple neural network module
 * for relational reasoning") and the names of their question types.
 *
 * <p>Each image has six objects, one per color (red, green, blue, orange, gray, yellow), each a
 * square or a circle. Ten distinct non-relational questions ask about one object alone, ten
 * distinct relational ones about how it relates to the others:
 *
 * <ul>
 *   <li>{@value #SHAPE}: "what shape is the red object?" (circle, square)
 *   <li>{@value #HORIZONTAL}: "is the red object on the left or right?" (left, right)
 *   <li>{@value #VERTICAL}: "is the red object on the top or bottom?" (top, bottom)
 *   <li>{@value #CLOSEST}: "what shape is the object closest to the red object?"
 *   <li>{@value #FURTHEST}: "what shape is the object furthest from the red object?"
 *   <li>{@value #COUNT}: "how many objects have the same shape as the red object?" (1 to 6,
 *       counting the red object itself; answer type number)
 * </ul>
 *
 * <p>All other questions have answer type other. Closest and furthest are only asked when the
 * answer beats the runner-up by at least one pixel.
 */
public final class SortOfClevr {
  /** The question type of "what shape is the red object?". */
  public static final String SHAPE = "non-relational: shape";
  /** The question type of "is the red object on the left or right?". */
  public static final String HORIZONTAL = "non-relational: horizontal";
  /** The question type of "is the red object on the top or bottom?". */
  public static final String VERTICAL = "non-relational: vertical";
  /** The question type of "what shape is the object closest to the red object?". */
  public static final String CLOSEST = "relational: closest";
  /** The question type of "what shape is the object furthest from the red object?". */
  public static final String FURTHEST = "relational: furthest";
  /** The question type of "how many objects have the same shape as the red object?". */
  public static final String COUNT = "relational: count";

  private static final String RELATIONAL_PREFIX = "relational: ";
  private static final String NON_RELATIONAL_PREFIX = "non-relational: ";

  /** The number of non-relational questions per image, and of relational ones. */
  static final int PER_KIND = 10;

  private static final double DISTANCE_MARGIN = 1.0;

  private static final List<String> SHAPE_WORDS =
      ObjectShape.SORT_OF_CLEVR_SHAPES.stream().map(ObjectShape::word).toList();

  private SortOfClevr() {}

  /**
   * Returns whether a Sort-of-CLEVR question type is relational ({@code "relational: ..."}) rather
   * than non-relational ({@code "non-relational: ..."}).
   *
   * @param questionType an annotation's {@code question_type}, e.g. {@code "relational: count"};
   *     {@code null} fails like an unknown type
   * @return true for a relational type, false for a non-relational one
   * @throws IllegalArgumentException if the type has neither prefix
   */
  public static boolean isRelational(String questionType) {
    if (questionType != null) {
      if (questionType.startsWith(RELATIONAL_PREFIX)) {
        return true;
      }
      if (questionType.startsWith(NON_RELATIONAL_PREFIX)) {
        return false;
      }
    }
    throw new IllegalArgumentException("question type '" + questionType
        + "' is not a Sort-of-CLEVR type, expected one starting with '" + RELATIONAL_PREFIX
        + "' or '" + NON_RELATIONAL_PREFIX + "'");
  }

  /**
   * Returns 10 non-relational then 10 relational distinct questions about {@code scene}, or null
   * if fewer than 10 unambiguous relational questions exist and the scene should be resampled.
   */
  static List<SynthQuestion> questions(Scene scene, SplittableRandom rng) {
    List<SynthQuestion> nonRelational = new ArrayList<>();
    List<SynthQuestion> relational = new ArrayList<>();
    for (SceneObject o : scene.objects()) {
      String name = "the " + o.color().word() + " object";
      nonRelational.add(SynthQuestion.choice("what shape is " + name + "?", "what shape is " + name
          + "?", SHAPE, o.shape().word(), SHAPE_WORDS));
      String horizontal = "is " + name + " on the left or right?";
      nonRelational.add(SynthQuestion.choice(horizontal, horizontal, HORIZONTAL,
          o.isLeft(scene.width()) ? "left" : "right", List.of("left", "right")));
      String vertical = "is " + name + " on the top or bottom?";
      nonRelational.add(SynthQuestion.choice(vertical, vertical, VERTICAL,
          o.isTop(scene.height()) ? "top" : "bottom", List.of("top", "bottom")));

      SceneObject closest = scene.extreme(o, true, DISTANCE_MARGIN);
      if (closest != null) {
        String text = "what shape is the object closest to " + name + "?";
        relational.add(SynthQuestion.choice(text, text, CLOSEST, closest.shape().word(),
            SHAPE_WORDS));
      }
      SceneObject furthest = scene.extreme(o, false, DISTANCE_MARGIN);
      if (furthest != null) {
        String text = "what shape is the object furthest from " + name + "?";
        relational.add(SynthQuestion.choice(text, text, FURTHEST, furthest.shape().word(),
            SHAPE_WORDS));
      }
      int same = (int) scene.objects().stream().filter(p -> p.shape() == o.shape()).count();
      String text = "how many objects have the same shape as " + name + "?";
      relational.add(SynthQuestion.count(text, text, COUNT, same, 1, scene.objects().size()));
    }
    if (relational.size() < PER_KIND) {
      return null;
    }
    List<SynthQuestion> out = new ArrayList<>(2 * PER_KIND);
    out.addAll(sample(nonRelational, rng));
    out.addAll(sample(relational, rng));
    return out;
  }

  /** Returns {@link #PER_KIND} distinct items in random order (a partial Fisher-Yates shuffle). */
  private static List<SynthQuestion> sample(List<SynthQuestion> items, SplittableRandom rng) {
    List<SynthQuestion> pool = new ArrayList<>(items);
    for (int i = 0; i < PER_KIND; i++) {
      int j = i + rng.nextInt(pool.size() - i);
      SynthQuestion tmp = pool.get(i);
      pool.set(i, pool.get(j));
      pool.set(j, tmp);
    }
    return List.copyOf(pool.subList(0, PER_KIND));
  }
}
