package ai.glimpse.preprocessing.synth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Writes {@link #PER_IMAGE} different English captions of one scene, each true of it.
 *
 * <p>Every caption comes from a randomly drawn family, which then draws its wording and which facts
 * to mention:
 *
 * <ul>
 *   <li>overview: "five shapes on a black background", "a white picture with six objects"
 *   <li>listing, with exact counts per group: "a red circle, two blue squares and a large green
 *       triangle", "four shapes on a dark gray background: ..."
 *   <li>counting one attribute: "there are three circles", "two of the shapes are yellow",
 *       "two large shapes and three small ones"
 *   <li>relative position of two objects: "there is a large green triangle to the left of a small
 *       yellow circle", "a blue shape is above a red square"
 *   <li>absolute position: "a red circle in the top left corner", "a cyan square on the right"
 *   <li>extremes: "the leftmost shape is a purple triangle"
 * </ul>
 *
 * <p>A description such as "a large green triangle" or "a red shape" claims only that some object
 * fits it; counts are exact; "left of", "above" and the sides of the image hold with a margin of a
 * few pixels, and "the leftmost" only when it beats the runner-up by that margin, so that every
 * statement is visible at a glance. Sizes are mentioned only when a preset has more than one.
 */
final class SceneCaptions {
  /** The number of captions of every image. */
  static final int PER_IMAGE = 5;

  /** Pixels by which centers differ for "left of", "above" and "the leftmost". */
  static final int RELATION_MARGIN = 3;

  /** For the sides of the image, {@code |2 * center + 1 - size|} is at least this (2 pixels). */
  static final int SIDE_MARGIN = 4;

  private static final int TRIES = 200;

  private static final String[] NUMBERS =
      {"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};

  /**
   * The families, each a function returning a caption or null when it does not apply; listing,
   * counting and relations are drawn twice as often as the others.
   */
  private final List<Function<SplittableRandom, String>> families = List.of(
      this::overview, this::listing, this::counting, this::relation, this::position,
      this::extreme);
  private static final int[] FAMILY_DRAWS = {0, 1, 1, 2, 2, 3, 3, 4, 5};

  private final Scene scene;
  private final boolean mentionSizes;
  private final String background;

  private SceneCaptions(Scene scene, boolean mentionSizes) {
    this.scene = scene;
    this.mentionSizes = mentionSizes;
    this.background = backgroundWord(scene.background());
  }

  /**
   * Returns {@link #PER_IMAGE} distinct captions of {@code scene}, drawn from {@code rng} only.
   *
   * @param mentionSizes whether sizes differ in this preset and may be mentioned
   */
  static List<String> generate(Scene scene, boolean mentionSizes, SplittableRandom rng) {
    SceneCaptions writer = new SceneCaptions(scene, mentionSizes);
    Set<String> captions = new LinkedHashSet<>();
    int[] uses = new int[writer.families.size()];
    for (int t = 0; t < TRIES && captions.size() < PER_IMAGE; t++) {
      int family = FAMILY_DRAWS[rng.nextInt(FAMILY_DRAWS.length)];
      // Each family once per image while that is easy, so that the captions mention different facts.
      if (uses[family] > 0 && t < TRIES / 2) {
        continue;
      }
      String caption = writer.families.get(family).apply(rng);
      if (caption != null && captions.add(caption)) {
        uses[family]++;
      }
    }
    if (captions.size() < PER_IMAGE) {
      throw new IllegalStateException("only " + captions.size() + " distinct captions for image "
          + scene.imageId() + " after " + TRIES + " tries");
    }
    return List.copyOf(captions);
  }

  // ---- families ------------------------------------------------------------------------------

  private String overview(SplittableRandom rng) {
    String n = number(scene.objects().size());
    String noun = rng.nextBoolean() ? "shapes" : "objects";
    return switch (rng.nextInt(5)) {
      case 0 -> n + " " + noun + " on a " + background + " background";
      case 1 -> article(background) + " " + background + " picture with " + n + " " + noun;
      case 2 -> "there are " + n + " " + noun + " in this image";
      case 3 -> n + " colored " + noun + " on " + background;
      default -> distinctColors()
          ? n + " " + noun + " of different colors on a " + background + " background"
          : "an image of " + n + " " + noun + " on a " + background + " background";
    };
  }

  private String listing(SplittableRandom rng) {
    boolean withSize = mentionSizes && rng.nextBoolean();
    Map<String, Integer> groups = new LinkedHashMap<>();
    Map<String, String> plurals = new LinkedHashMap<>();
    for (SceneObject o : shuffled(scene.objects(), rng)) {
      String prefix = (withSize ? o.size().word() + " " : "") + o.color().word() + " ";
      String key = prefix + o.shape().word();
      groups.merge(key, 1, Integer::sum);
      plurals.put(key, prefix + o.shape().plural());
    }
    List<String> parts = new ArrayList<>();
    groups.forEach((key, count) -> parts.add(count == 1
        ? article(key) + " " + key : number(count) + " " + plurals.get(key)));
    String list = join(parts);
    return switch (rng.nextInt(4)) {
      case 0 -> list;
      case 1 -> "a picture of " + list;
      case 2 -> number(scene.objects().size()) + " shapes on a " + background + " background: "
          + list;
      default -> list + " on a " + background + " background";
    };
  }

  private String counting(SplittableRandom rng) {
    int kind = rng.nextInt(mentionSizes ? 4 : 3);
    switch (kind) {
      case 0 -> {
        // All shapes with their exact counts: "three circles and two squares".
        Map<ObjectShape, Integer> counts = countBy(o -> o.shape().ordinal(), ObjectShape.values());
        List<String> parts = new ArrayList<>();
        counts.forEach((shape, c) ->
            parts.add(number(c) + " " + (c == 1 ? shape.word() : shape.plural())));
        return (rng.nextBoolean() ? "there are " : "the image shows ") + join(parts);
      }
      case 1 -> {
        SceneObject o = SceneSampler.pick(scene.objects(), rng);
        long c = scene.objects().stream().filter(x -> x.shape() == o.shape()).count();
        String noun = c == 1 ? o.shape().word() : o.shape().plural();
        return c == 1 ? "there is only one " + noun
            : "there are " + number((int) c) + " " + noun + " in the image";
      }
      case 2 -> {
        SceneObject o = SceneSampler.pick(scene.objects(), rng);
        int c = (int) scene.objects().stream().filter(x -> x.color() == o.color()).count();
        String color = o.color().word();
        if (c == 1) {
          return rng.nextBoolean() ? "only one of the shapes is " + color
              : "there is one " + color + " shape";
        }
        return rng.nextBoolean() ? number(c) + " of the shapes are " + color
            : "there are " + number(c) + " " + color + " shapes";
      }
      default -> {
        int large = (int) scene.objects().stream().filter(x -> x.size() == ObjectSize.LARGE).count();
        int small = scene.objects().size() - large;
        if (large == 0 || small == 0) {
          return "all " + number(scene.objects().size()) + " shapes are "
              + (large == 0 ? "small" : "large");
        }
        return number(large) + " large " + (large == 1 ? "shape" : "shapes") + " and "
            + number(small) + " small " + (small == 1 ? "one" : "ones");
      }
    }
  }

  private String relation(SplittableRandom rng) {
    List<SceneObject> objects = scene.objects();
    SceneObject a = SceneSampler.pick(objects, rng);
    SceneObject b = SceneSampler.pick(objects, rng);
    if (a == b) {
      return null;
    }
    List<String> relations = new ArrayList<>();
    if (a.x() + RELATION_MARGIN <= b.x()) {
      relations.add(rng.nextBoolean() ? "to the left of" : "left of");
    }
    if (a.x() >= b.x() + RELATION_MARGIN) {
      relations.add(rng.nextBoolean() ? "to the right of" : "right of");
    }
    if (a.y() + RELATION_MARGIN <= b.y()) {
      relations.add("above");
    }
    if (a.y() >= b.y() + RELATION_MARGIN) {
      relations.add("below");
    }
    if (relations.isEmpty()) {
      return null;
    }
    String relation = SceneSampler.pick(relations, rng);
    String first = describe(a, rng);
    String second = describe(b, rng);
    return switch (rng.nextInt(3)) {
      case 0 -> "there is " + first + " " + relation + " " + second;
      case 1 -> first + " " + relation + " " + second;
      default -> first + " is " + relation + " " + second;
    };
  }

  private String position(SplittableRandom rng) {
    SceneObject o = SceneSampler.pick(scene.objects(), rng);
    int dx = 2 * o.x() + 1 - scene.width();
    int dy = 2 * o.y() + 1 - scene.height();
    String horizontal = Math.abs(dx) < SIDE_MARGIN ? null : dx < 0 ? "left" : "right";
    String vertical = Math.abs(dy) < SIDE_MARGIN ? null : dy < 0 ? "top" : "bottom";
    String where;
    if (horizontal != null && vertical != null && rng.nextBoolean()) {
      where = "in the " + vertical + " " + horizontal + " corner";
    } else if (horizontal != null && (vertical == null || rng.nextBoolean())) {
      where = rng.nextBoolean() ? "on the " + horizontal
          : "on the " + horizontal + " side of the image";
    } else if (vertical != null) {
      where = "in the " + vertical + " half of the image";
    } else {
      return null;
    }
    return (rng.nextBoolean() ? "there is " : "") + describe(o, rng) + " " + where;
  }

  private String extreme(SplittableRandom rng) {
    int side = rng.nextInt(4);
    Comparator<SceneObject> order = switch (side) {
      case 0 -> Comparator.comparingInt(SceneObject::x);
      case 1 -> Comparator.comparingInt((SceneObject o) -> o.x()).reversed();
      case 2 -> Comparator.comparingInt(SceneObject::y);
      default -> Comparator.comparingInt((SceneObject o) -> o.y()).reversed();
    };
    List<SceneObject> sorted = scene.objects().stream().sorted(order).toList();
    ToIntFunction<SceneObject> coordinate = side < 2 ? SceneObject::x : SceneObject::y;
    if (sorted.size() < 2 || Math.abs(coordinate.applyAsInt(sorted.get(0))
        - coordinate.applyAsInt(sorted.get(1))) < RELATION_MARGIN) {
      return null;
    }
    String which = switch (side) {
      case 0 -> "leftmost";
      case 1 -> "rightmost";
      case 2 -> "highest";
      default -> "lowest";
    };
    String noun = rng.nextBoolean() ? "shape" : "object";
    return "the " + which + " " + noun + " is " + describe(sorted.get(0), rng);
  }

  // ---- wording -------------------------------------------------------------------------------

  /**
   * Describes an object with an indefinite article and a random choice of its attributes, at
   * least one of them: "a large red circle", "a red shape", "a circle", "an orange object".
   */
  private String describe(SceneObject o, SplittableRandom rng) {
    boolean size = mentionSizes && rng.nextInt(3) == 0;
    boolean color;
    boolean shape;
    switch (rng.nextInt(4)) {
      case 0 -> { color = true; shape = false; }
      case 1 -> { color = false; shape = true; }
      default -> { color = true; shape = true; }
    }
    String noun = shape ? o.shape().word() : rng.nextBoolean() ? "shape" : "object";
    String phrase = (size ? o.size().word() + " " : "") + (color ? o.color().word() + " " : "")
        + noun;
    return article(phrase) + " " + phrase;
  }

  private boolean distinctColors() {
    return scene.objects().stream().map(SceneObject::color).distinct().count()
        == scene.objects().size();
  }

  private <E extends Enum<E>> Map<E, Integer> countBy(ToIntFunction<SceneObject> ordinal,
      E[] values) {
    int[] counts = new int[values.length];
    for (SceneObject o : scene.objects()) {
      counts[ordinal.applyAsInt(o)]++;
    }
    Map<E, Integer> present = new LinkedHashMap<>();
    for (E v : values) {
      if (counts[v.ordinal()] > 0) {
        present.put(v, counts[v.ordinal()]);
      }
    }
    return present;
  }

  private static List<SceneObject> shuffled(List<SceneObject> objects, SplittableRandom rng) {
    List<SceneObject> copy = new ArrayList<>(objects);
    for (int i = copy.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      SceneObject t = copy.get(i);
      copy.set(i, copy.get(j));
      copy.set(j, t);
    }
    return copy;
  }

  private static String join(List<String> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1)) + " and "
        + parts.get(parts.size() - 1);
  }

  static String number(int n) {
    if (n < 0 || n >= NUMBERS.length) {
      throw new IllegalArgumentException("no number word for " + n);
    }
    return NUMBERS[n];
  }

  static String article(String phrase) {
    return "aeiou".indexOf(phrase.charAt(0)) >= 0 ? "an" : "a";
  }

  static String backgroundWord(int rgb) {
    return switch (rgb) {
      case 0x000000 -> "black";
      case 0x303030 -> "dark gray";
      case 0xFFFFFF -> "white";
      default -> throw new IllegalArgumentException(
          String.format("no name for the background color 0x%06X", rgb));
    };
  }
}
