package ai.glimpse.preprocessing.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Asks the questions of the shapes preset about one scene.
 *
 * <p>Each question first draws its answer type (yes/no with probability 1/3, number 1/4, other
 * 5/12), then a family of that type, then an answer among those the family's valid instances
 * have, then one such instance, so that no answer dominates its family. Yes/no questions draw
 * their answer first, so that yes and no are about equally frequent. Every object a question
 * refers to ("the large red circle", "the blue object") is the only one in the scene that fits
 * its description, which uses only visible attributes and never the attribute asked about.
 *
 * <p>The families, with their {@code question_type} and answer type:
 *
 * <ul>
 *   <li>existence: "is there a red circle?" ({@code is there a}, yes/no)
 *   <li>count comparison: "are there more circles than squares?" ({@code are there more},
 *       {@code are there fewer}, yes/no)
 *   <li>size comparison: "is the red circle bigger than the blue square?" ({@code is the}, yes/no)
 *   <li>counting: "how many red objects are there?" ({@code how many}, number)
 *   <li>relational counting: "how many objects are left of the green triangle?" ({@code how
 *       many}, number)
 *   <li>color: "what color is the large circle?" ({@code what color is the}, {@code what is the
 *       color of the}, other)
 *   <li>shape: "what shape is the blue object?" ({@code what shape is the}, other)
 *   <li>size: "what size is the red square?" ({@code what size is the}, other)
 *   <li>position: "is the yellow circle on the left or right side of the image?", "is the yellow
 *       circle in the top or bottom half of the image?" ({@code is the}, other)
 *   <li>closest and furthest: "what color is the object closest to the red square?", "what shape
 *       is the object furthest from the blue circle?" ({@code what color is the}, ..., other)
 * </ul>
 */
final class ShapesQuestions {
  /** The largest count a shapes question can have as its answer. */
  static final int MAX_COUNT = 8;

  /** For "left of" and the like, every other object is at least this many pixels off the referent. */
  private static final int MIN_OFFSET = 2;

  /** The closest (furthest) object is this many pixels closer (further) than the runner-up. */
  static final double DISTANCE_MARGIN = 1.5;

  /** For left/right and top/bottom, the center is at least 2 pixels off the midline. */
  private static final int SIDE_MARGIN = 4;

  private static final double P_YES_NO = 1.0 / 3;
  private static final double P_NUMBER = 1.0 / 4;

  private static final int TYPE_TRIES = 20;

  private static final List<String> COLOR_WORDS =
      ObjectColor.SHAPES_PALETTE.stream().map(ObjectColor::word).toList();
  private static final List<String> SHAPE_WORDS =
      Arrays.stream(ObjectShape.values()).map(ObjectShape::word).toList();
  private static final List<String> SIZE_WORDS =
      Arrays.stream(ObjectSize.values()).map(ObjectSize::word).toList();

  /** An attribute a description can leave out. */
  private enum Attribute { SIZE, COLOR, SHAPE }

  /** A spatial relation of relational counting: which objects of the scene it selects. */
  private enum Relation { LEFT_OF, RIGHT_OF, ABOVE, BELOW }

  /**
   * A description such as "large red circle" or "blue object"; a null field is not mentioned.
   */
  private record Description(ObjectSize size, ObjectColor color, ObjectShape shape) {
    boolean matches(SceneObject o) {
      return (size == null || size == o.size())
          && (color == null || color == o.color())
          && (shape == null || shape == o.shape());
    }

    boolean isEmpty() {
      return size == null && color == null && shape == null;
    }

    String singular() {
      return prefix() + (shape == null ? "object" : shape.word());
    }

    String plural() {
      return prefix() + (shape == null ? "objects" : shape.plural());
    }

    private String prefix() {
      return (size == null ? "" : size.word() + " ") + (color == null ? "" : color.word() + " ");
    }
  }

  private final Scene scene;
  private final SplittableRandom rng;
  private final List<Description> descriptions;
  /** Keys of the questions asked so far; only looked up, never iterated. */
  private final Set<String> asked = new HashSet<>();

  private ShapesQuestions(Scene scene, SplittableRandom rng) {
    this.scene = scene;
    this.rng = rng;
    this.descriptions = allDescriptions();
  }

  /** Returns {@link Preset#questionsPerImage()} distinct questions about {@code scene}. */
  static List<SynthQuestion> generate(Scene scene, SplittableRandom rng) {
    ShapesQuestions asker = new ShapesQuestions(scene, rng);
    List<SynthQuestion> questions = new ArrayList<>();
    while (questions.size() < Preset.SHAPES.questionsPerImage()) {
      SynthQuestion q = asker.next();
      asker.asked.add(q.key());
      questions.add(q);
    }
    return questions;
  }

  private SynthQuestion next() {
    for (int t = 0; t < TYPE_TRIES; t++) {
      double u = rng.nextDouble();
      SynthQuestion q = u < P_YES_NO ? yesNo() : u < P_YES_NO + P_NUMBER ? number() : other();
      if (q != null) {
        return q;
      }
    }
    // Counting always has far more distinct instances than questions per image.
    SynthQuestion q = count();
    if (q == null) {
      throw new IllegalStateException("no question left to ask about image " + scene.imageId());
    }
    return q;
  }

  // ---- answer types --------------------------------------------------------------------------

  private SynthQuestion yesNo() {
    boolean target = rng.nextBoolean();
    for (boolean answer : new boolean[] {target, !target}) {
      List<Function<Boolean, List<SynthQuestion>>> families =
          List.of(this::existence, this::countComparison, this::sizeComparison);
      SynthQuestion q = pickFamily(families.stream()
          .<Supplier<List<SynthQuestion>>>map(f -> () -> f.apply(answer)).toList());
      if (q != null) {
        return q;
      }
    }
    return null;
  }

  private SynthQuestion number() {
    int first = rng.nextInt(2);
    SynthQuestion q = first == 0 ? count() : pick(relationalCounting());
    return q != null ? q : first == 0 ? pick(relationalCounting()) : count();
  }

  private SynthQuestion other() {
    return pickFamily(List.of(this::color, this::shape, this::size, this::position,
        this::closestOrFurthest));
  }

  /** Picks a random family with an unasked instance, then a random such instance. */
  private SynthQuestion pickFamily(List<Supplier<List<SynthQuestion>>> families) {
    List<List<SynthQuestion>> nonEmpty = new ArrayList<>();
    for (Supplier<List<SynthQuestion>> family : families) {
      List<SynthQuestion> candidates = fresh(family.get());
      if (!candidates.isEmpty()) {
        nonEmpty.add(candidates);
      }
    }
    return nonEmpty.isEmpty() ? null : pickBalanced(SceneSampler.pick(nonEmpty, rng));
  }

  private SynthQuestion pick(List<SynthQuestion> candidates) {
    List<SynthQuestion> left = fresh(candidates);
    return left.isEmpty() ? null : pickBalanced(left);
  }

  /**
   * Picks an answer uniformly among the candidates' answers, then a candidate with that answer,
   * so that frequent answers (a count of 1, the size of most objects) do not dominate.
   */
  private SynthQuestion pickBalanced(List<SynthQuestion> candidates) {
    List<String> answers = candidates.stream().map(SynthQuestion::answer).distinct().toList();
    String answer = SceneSampler.pick(answers, rng);
    return SceneSampler.pick(
        candidates.stream().filter(q -> q.answer().equals(answer)).toList(), rng);
  }

  private List<SynthQuestion> fresh(List<SynthQuestion> candidates) {
    return candidates.stream().filter(q -> !asked.contains(q.key())).toList();
  }

  // ---- yes/no families -----------------------------------------------------------------------

  private List<SynthQuestion> existence(boolean answer) {
    List<SynthQuestion> out = new ArrayList<>();
    for (Description d : descriptions) {
      if (!d.isEmpty() && (count(d) > 0) == answer) {
        String text = "is there a " + d.singular() + "?";
        out.add(SynthQuestion.yesNo(text, text, "is there a", answer));
      }
    }
    return out;
  }

  private List<SynthQuestion> countComparison(boolean answer) {
    List<Description> groups = new ArrayList<>();
    for (ObjectShape s : ObjectShape.values()) {
      groups.add(new Description(null, null, s));
    }
    for (ObjectColor c : ObjectColor.SHAPES_PALETTE) {
      groups.add(new Description(null, c, null));
    }
    List<SynthQuestion> out = new ArrayList<>();
    for (Description a : groups) {
      for (Description b : groups) {
        boolean sameKind = (a.shape() == null) == (b.shape() == null);
        int ca = count(a);
        int cb = count(b);
        if (a.equals(b) || !sameKind || ca + cb == 0) {
          continue;
        }
        for (boolean more : new boolean[] {true, false}) {
          boolean truth = more ? ca > cb : ca < cb;
          if (truth == answer) {
            String lead = more ? "are there more" : "are there fewer";
            String text = lead + " " + a.plural() + " than " + b.plural() + "?";
            out.add(SynthQuestion.yesNo(text, text, lead, truth));
          }
        }
      }
    }
    return out;
  }

  private List<SynthQuestion> sizeComparison(boolean answer) {
    List<SynthQuestion> out = new ArrayList<>();
    for (SceneObject a : scene.objects()) {
      for (SceneObject b : scene.objects()) {
        if (a == b) {
          continue;
        }
        for (Description da : references(a, Attribute.SIZE)) {
          for (Description db : references(b, Attribute.SIZE)) {
            for (boolean bigger : new boolean[] {true, false}) {
              int order = Integer.compare(a.size().radius(), b.size().radius());
              boolean truth = bigger ? order > 0 : order < 0;
              if (truth == answer) {
                String text = "is the " + da.singular() + (bigger ? " bigger" : " smaller")
                    + " than the " + db.singular() + "?";
                out.add(SynthQuestion.yesNo(text, text, "is the", truth));
              }
            }
          }
        }
      }
    }
    return out;
  }

  // ---- number families -----------------------------------------------------------------------

  private SynthQuestion count() {
    List<SynthQuestion> out = new ArrayList<>();
    for (Description d : descriptions) {
      String key = "how many " + d.plural() + " are there?";
      String text = rng.nextInt(4) == 0 ? "how many " + d.plural() + " are in the image?" : key;
      out.add(SynthQuestion.count(key, text, "how many", count(d), 0, MAX_COUNT));
    }
    return pick(out);
  }

  private List<SynthQuestion> relationalCounting() {
    List<SynthQuestion> out = new ArrayList<>();
    for (SceneObject ref : scene.objects()) {
      for (Relation relation : Relation.values()) {
        int n = 0;
        boolean clear = true;
        for (SceneObject o : scene.objects()) {
          if (o == ref) {
            continue;
          }
          int offset = switch (relation) {
            case LEFT_OF -> ref.x() - o.x();
            case RIGHT_OF -> o.x() - ref.x();
            case ABOVE -> ref.y() - o.y();
            case BELOW -> o.y() - ref.y();
          };
          clear &= Math.abs(offset) >= MIN_OFFSET;
          n += offset > 0 ? 1 : 0;
        }
        if (!clear) {
          continue;
        }
        String words = switch (relation) {
          case LEFT_OF -> "left of";
          case RIGHT_OF -> "right of";
          case ABOVE -> "above";
          case BELOW -> "below";
        };
        for (Description d : references(ref, null)) {
          String text = "how many objects are " + words + " the " + d.singular() + "?";
          out.add(SynthQuestion.count(text, text, "how many", n, 0, MAX_COUNT));
        }
      }
    }
    return out;
  }

  // ---- other families ------------------------------------------------------------------------

  private List<SynthQuestion> color() {
    List<SynthQuestion> out = new ArrayList<>();
    for (SceneObject o : scene.objects()) {
      for (Description d : references(o, Attribute.COLOR)) {
        String key = "what color is the " + d.singular() + "?";
        boolean paraphrase = rng.nextInt(3) == 0;
        String text = paraphrase ? "what is the color of the " + d.singular() + "?" : key;
        String type = paraphrase ? "what is the color of the" : "what color is the";
        out.add(SynthQuestion.choice(key, text, type, o.color().word(), COLOR_WORDS));
      }
    }
    return out;
  }

  private List<SynthQuestion> shape() {
    List<SynthQuestion> out = new ArrayList<>();
    for (SceneObject o : scene.objects()) {
      for (Description d : references(o, Attribute.SHAPE)) {
        String text = "what shape is the " + d.singular() + "?";
        out.add(SynthQuestion.choice(text, text, "what shape is the", o.shape().word(),
            SHAPE_WORDS));
      }
    }
    return out;
  }

  private List<SynthQuestion> size() {
    List<SynthQuestion> out = new ArrayList<>();
    for (SceneObject o : scene.objects()) {
      for (Description d : references(o, Attribute.SIZE)) {
        String text = "what size is the " + d.singular() + "?";
        out.add(SynthQuestion.choice(text, text, "what size is the", o.size().word(), SIZE_WORDS));
      }
    }
    return out;
  }

  private List<SynthQuestion> position() {
    List<SynthQuestion> out = new ArrayList<>();
    for (SceneObject o : scene.objects()) {
      boolean horizontal = Math.abs(2 * o.x() + 1 - scene.width()) >= SIDE_MARGIN;
      boolean vertical = Math.abs(2 * o.y() + 1 - scene.height()) >= SIDE_MARGIN;
      for (Description d : references(o, null)) {
        if (horizontal) {
          String text = "is the " + d.singular() + " on the left or right side of the image?";
          out.add(SynthQuestion.choice(text, text, "is the",
              o.isLeft(scene.width()) ? "left" : "right", List.of("left", "right")));
        }
        if (vertical) {
          String text = "is the " + d.singular() + " in the top or bottom half of the image?";
          out.add(SynthQuestion.choice(text, text, "is the",
              o.isTop(scene.height()) ? "top" : "bottom", List.of("top", "bottom")));
        }
      }
    }
    return out;
  }

  private List<SynthQuestion> closestOrFurthest() {
    List<SynthQuestion> out = new ArrayList<>();
    for (SceneObject ref : scene.objects()) {
      for (boolean closest : new boolean[] {true, false}) {
        SceneObject target = scene.extreme(ref, closest, DISTANCE_MARGIN);
        if (target == null) {
          continue;
        }
        String relation = closest ? "closest to" : "furthest from";
        for (Description d : references(ref, null)) {
          String tail = " is the object " + relation + " the " + d.singular() + "?";
          out.add(SynthQuestion.choice("what color" + tail, "what color" + tail,
              "what color is the", target.color().word(), COLOR_WORDS));
          out.add(SynthQuestion.choice("what shape" + tail, "what shape" + tail,
              "what shape is the", target.shape().word(), SHAPE_WORDS));
          out.add(SynthQuestion.choice("what size" + tail, "what size" + tail,
              "what size is the", target.size().word(), SIZE_WORDS));
        }
      }
    }
    return out;
  }

  // ---- descriptions --------------------------------------------------------------------------

  /** Every description of the shapes vocabulary, the empty one ("objects") included. */
  private static List<Description> allDescriptions() {
    List<Description> out = new ArrayList<>();
    List<ObjectSize> sizes = new ArrayList<>(Arrays.asList(ObjectSize.values()));
    sizes.add(0, null);
    List<ObjectColor> colors = new ArrayList<>(ObjectColor.SHAPES_PALETTE);
    colors.add(0, null);
    List<ObjectShape> shapes = new ArrayList<>(Arrays.asList(ObjectShape.values()));
    shapes.add(0, null);
    for (ObjectSize size : sizes) {
      for (ObjectColor color : colors) {
        for (ObjectShape shape : shapes) {
          out.add(new Description(size, color, shape));
        }
      }
    }
    return out;
  }

  /**
   * Returns the descriptions of {@code o} that fit no other object and do not mention
   * {@code left} (null: any attribute may be mentioned).
   */
  private List<Description> references(SceneObject o, Attribute left) {
    List<Description> out = new ArrayList<>();
    for (int mask = 1; mask < 8; mask++) {
      boolean withSize = (mask & 1) != 0;
      boolean withColor = (mask & 2) != 0;
      boolean withShape = (mask & 4) != 0;
      if ((withSize && left == Attribute.SIZE) || (withColor && left == Attribute.COLOR)
          || (withShape && left == Attribute.SHAPE)) {
        continue;
      }
      Description d = new Description(withSize ? o.size() : null, withColor ? o.color() : null,
          withShape ? o.shape() : null);
      if (count(d) == 1) {
        out.add(d);
      }
    }
    return out;
  }

  private int count(Description d) {
    int n = 0;
    for (SceneObject o : scene.objects()) {
      n += d.matches(o) ? 1 : 0;
    }
    return n;
  }
}
