package ai.glimpse.preprocessing.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.glimpse.preprocessing.captions.Caption;
import ai.glimpse.preprocessing.captions.CaptionDataset;
import ai.glimpse.preprocessing.captions.CocoCaptionsJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that every synthetic caption is true of its scene by parsing it back with one pattern per
 * caption form; a caption no pattern knows fails the test, so no unchecked wording slips through.
 */
class SceneCaptionsTest {
  private static final String DESC =
      "an? (?:(small|large) )?(?:(red|green|blue|yellow|purple|cyan|orange|gray) )?"
          + "(circle|square|triangle|shape|object)";
  private static final String NUM = "(one|two|three|four|five|six|seven|eight)";
  private static final List<String> NUMBERS =
      List.of("no", "one", "two", "three", "four", "five", "six", "seven", "eight");
  private static final Pattern RELATION = Pattern.compile("(?:there is )?(" + DESC
      + ") (?:is )?(to the left of|left of|to the right of|right of|above|below) (" + DESC + ")");
  private static final Pattern POSITION = Pattern.compile("(?:there is )?(" + DESC
      + ") (?:in the (top|bottom) (left|right) corner|on the (left|right)(?: side of the image)?"
      + "|in the (top|bottom) half of the image)");
  private static final Pattern EXTREME = Pattern.compile(
      "the (leftmost|rightmost|highest|lowest) (?:shape|object) is (" + DESC + ")");
  private static final Pattern OVERVIEW = Pattern.compile(
      "(?:" + NUM + " (?:shapes|objects) on a (black|dark gray|white) background"
          + "|an? (black|dark gray|white) picture with " + NUM + " (?:shapes|objects)"
          + "|there are " + NUM + " (?:shapes|objects) in this image"
          + "|" + NUM + " colored (?:shapes|objects) on (black|dark gray|white)"
          + "|" + NUM + " (?:shapes|objects) of different colors on a (black|dark gray|white) background"
          + "|an image of " + NUM + " (?:shapes|objects) on a (black|dark gray|white) background)");
  private static final Pattern LISTING = Pattern.compile(
      "(?:a picture of |" + NUM + " shapes on a (black|dark gray|white) background: )?(.+?)"
          + "(?: on a (black|dark gray|white) background)?");
  private static final Pattern GROUP = Pattern.compile(
      "(an?|" + NUM + ") (?:(small|large) )?(red|green|blue|yellow|purple|cyan|orange|gray) "
          + "(circle|square|triangle)s?");
  private static final Pattern SHAPE_COUNTS = Pattern.compile(
      "(?:there are|the image shows) (.+)");
  private static final Pattern SHAPE_GROUP = Pattern.compile(NUM + " (circle|square|triangle)s?");
  private static final Pattern ONE_SHAPE = Pattern.compile(
      "there (?:is only one|are " + NUM + ") (circle|square|triangle)s?(?: in the image)?");
  private static final Pattern COLOR_COUNT = Pattern.compile(
      "(?:only one of the shapes is (\\w+)|there is one (\\w+) shape|" + NUM
          + " of the shapes are (\\w+)|there are " + NUM + " (\\w+) shapes)");
  private static final Pattern SIZE_COUNT = Pattern.compile(
      "(?:all " + NUM + " shapes are (small|large)|" + NUM + " large shapes? and " + NUM
          + " small ones?)");

  @TempDir Path dir;

  @Test
  void everyCaptionOfManyScenesIsTrueAndEachImageHasFiveDistinctOnes() {
    Set<String> wordings = new HashSet<>();
    for (Preset preset : Preset.values()) {
      SplittableRandom sceneRng = new SplittableRandom(11);
      SplittableRandom captionRng = new SplittableRandom(12);
      for (int i = 0; i < 300; i++) {
        Scene scene = preset == Preset.SHAPES ? SceneSampler.shapes(i, "x.png", sceneRng)
            : SceneSampler.sortOfClevr(i, "x.png", sceneRng);
        List<String> captions =
            SceneCaptions.generate(scene, preset == Preset.SHAPES, captionRng);
        assertEquals(5, captions.size());
        assertEquals(5, new HashSet<>(captions).size(), captions.toString());
        for (String c : captions) {
          check(scene, c, preset == Preset.SHAPES);
          wordings.add(c.replaceAll("\\b(" + String.join("|", NUMBERS) + ")\\b", "N"));
        }
      }
    }
    // Varied wording: far more than a handful of templates.
    assertTrue(wordings.size() > 500, "only " + wordings.size() + " distinct wordings");
  }

  @Test
  void sameSeedGivesSameCaptionsAndAnotherSeedDiffers() {
    Scene scene = SceneSampler.shapes(1, "x.png", new SplittableRandom(3));
    assertEquals(SceneCaptions.generate(scene, true, new SplittableRandom(5)),
        SceneCaptions.generate(scene, true, new SplittableRandom(5)));
    boolean differs = false;
    for (int seed = 6; seed < 10 && !differs; seed++) {
      differs = !SceneCaptions.generate(scene, true, new SplittableRandom(5))
          .equals(SceneCaptions.generate(scene, true, new SplittableRandom(seed)));
    }
    assertTrue(differs);
  }

  @Test
  void handBuiltSceneGetsOnlyItsFacts() {
    // A large red circle at the left and two small blue squares at the right: no caption may
    // mention triangles, green, a large blue or a small red object.
    Scene scene = new Scene(7, "x.png", 64, 64, 0x000000, List.of(
        new SceneObject(ObjectColor.RED, ObjectShape.CIRCLE, ObjectSize.LARGE, 12, 20, 9),
        new SceneObject(ObjectColor.BLUE, ObjectShape.SQUARE, ObjectSize.SMALL, 50, 20, 5),
        new SceneObject(ObjectColor.BLUE, ObjectShape.SQUARE, ObjectSize.SMALL, 50, 50, 5)));
    SplittableRandom rng = new SplittableRandom(1);
    Set<String> all = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      for (String c : SceneCaptions.generate(scene, true, rng)) {
        check(scene, c, true);
        all.add(c);
      }
    }
    assertTrue(all.contains("a red circle and two blue squares")
        || all.contains("two blue squares and a red circle"), all.toString());
    assertTrue(all.stream().noneMatch(c -> c.contains("triangle") || c.contains("green")));
    assertTrue(all.stream().noneMatch(c -> c.contains("large blue") || c.contains("small red")));
  }

  @Test
  void captionsFileHasFiveCaptionsPerImageWithDerivedIds() throws IOException {
    SynthDataset d = SyntheticGenerator.generate(
        new SynthConfig(Preset.SORT_OF_CLEVR, 3, 2, 5L, 0.1), dir.resolve("d"));
    CaptionDataset val = CocoCaptionsJson.read(d.val().captionsFile());
    assertEquals(List.of(1_000_001L, 1_000_002L),
        val.images().stream().map(i -> i.id()).toList());
    assertEquals("synth_val_000001000001.png", val.images().get(0).fileName());
    assertEquals(75, val.images().get(0).width());
    assertEquals(10, val.captions().size());
    Caption first = val.captions().get(0);
    assertEquals(10_000_010L, first.id());
    assertEquals(1_000_001L, first.imageId());
    Map<Long, List<String>> byImage = val.captionsByImage();
    byImage.values().forEach(texts -> assertEquals(5, texts.size()));
  }

  /** Fails unless {@code caption} parses under one of the forms and is true of {@code scene}. */
  private static void check(Scene scene, String caption, boolean sizes) {
    List<SceneObject> objs = scene.objects();
    String bg = SceneCaptions.backgroundWord(scene.background());
    if (!sizes) {
      assertTrue(!caption.matches(".*\\b(small|large)\\b.*"), caption);
    }
    Matcher m;
    if ((m = RELATION.matcher(caption)).matches()) {
      Predicate<SceneObject> a = desc(m, 2);
      Predicate<SceneObject> b = desc(m, 7);
      String rel = m.group(5);
      boolean ok = false;
      for (SceneObject x : objs) {
        for (SceneObject y : objs) {
          if (x != y && a.test(x) && b.test(y)) {
            ok |= switch (rel) {
              case "to the left of", "left of" -> x.x() + 3 <= y.x();
              case "to the right of", "right of" -> x.x() >= y.x() + 3;
              case "above" -> x.y() + 3 <= y.y();
              default -> x.y() >= y.y() + 3;
            };
          }
        }
      }
      assertTrue(ok, caption);
    } else if ((m = POSITION.matcher(caption)).matches()) {
      Predicate<SceneObject> a = desc(m, 2);
      String v = m.group(5) != null ? m.group(5) : m.group(8);
      String h = m.group(6) != null ? m.group(6) : m.group(7);
      assertTrue(objs.stream().anyMatch(o -> a.test(o)
          && (v == null || (v.equals("top") ? 2 * o.y() + 1 - scene.height() <= -4
              : 2 * o.y() + 1 - scene.height() >= 4))
          && (h == null || (h.equals("left") ? 2 * o.x() + 1 - scene.width() <= -4
              : 2 * o.x() + 1 - scene.width() >= 4))), caption);
    } else if ((m = EXTREME.matcher(caption)).matches()) {
      Predicate<SceneObject> a = desc(m, 3);
      String side = m.group(1);
      SceneObject best = null;
      for (SceneObject o : objs) {
        if (best == null || key(side, o) < key(side, best)) {
          best = o;
        }
      }
      for (SceneObject o : objs) {
        if (o != best) {
          assertTrue(key(side, o) - key(side, best) >= 3, caption);
        }
      }
      assertTrue(a.test(best), caption);
    } else if ((m = OVERVIEW.matcher(caption)).matches()) {
      String n = null;
      String b = null;
      for (int g = 1; g <= m.groupCount(); g++) {
        if (m.group(g) != null) {
          if (NUMBERS.contains(m.group(g))) {
            n = m.group(g);
          } else {
            b = m.group(g);
          }
        }
      }
      assertEquals(objs.size(), NUMBERS.indexOf(n), caption);
      if (b != null) {
        assertEquals(bg, b, caption);
      }
      if (caption.contains("different colors")) {
        assertEquals(objs.size(), objs.stream().map(SceneObject::color).distinct().count());
      }
    } else if ((m = SHAPE_COUNTS.matcher(caption)).matches() && allGroups(m.group(1), SHAPE_GROUP)) {
      int total = 0;
      for (String part : m.group(1).split(", | and ")) {
        Matcher g = SHAPE_GROUP.matcher(part);
        assertTrue(g.matches(), caption);
        int n = NUMBERS.indexOf(g.group(1));
        assertEquals(objs.stream().filter(o -> o.shape().word().equals(g.group(2))).count(), n,
            caption);
        total += n;
      }
      assertEquals(objs.size(), total, caption);
    } else if ((m = ONE_SHAPE.matcher(caption)).matches()) {
      int n = m.group(1) == null ? 1 : NUMBERS.indexOf(m.group(1));
      String shape = m.group(2);
      assertEquals(n, objs.stream().filter(o -> o.shape().word().equals(shape)).count(), caption);
    } else if ((m = COLOR_COUNT.matcher(caption)).matches()) {
      int n = m.group(3) != null ? NUMBERS.indexOf(m.group(3))
          : m.group(5) != null ? NUMBERS.indexOf(m.group(5)) : 1;
      String color = Arrays.asList(m.group(1), m.group(2), m.group(4), m.group(6)).stream()
          .filter(s -> s != null).findFirst().orElseThrow();
      assertEquals(n, objs.stream().filter(o -> o.color().word().equals(color)).count(), caption);
    } else if ((m = SIZE_COUNT.matcher(caption)).matches()) {
      assertTrue(sizes, caption);
      long large = objs.stream().filter(o -> o.size() == ObjectSize.LARGE).count();
      if (m.group(1) != null) {
        assertEquals(objs.size(), NUMBERS.indexOf(m.group(1)), caption);
        assertEquals(m.group(2).equals("large") ? objs.size() : 0, large, caption);
      } else {
        assertEquals(NUMBERS.indexOf(m.group(3)), large, caption);
        assertEquals(NUMBERS.indexOf(m.group(4)), objs.size() - large, caption);
      }
    } else if ((m = LISTING.matcher(caption)).matches() && allGroups(m.group(3), GROUP)) {
      if (m.group(1) != null) {
        assertEquals(objs.size(), NUMBERS.indexOf(m.group(1)), caption);
      }
      String b = m.group(2) != null ? m.group(2) : m.group(4);
      if (b != null) {
        assertEquals(bg, b, caption);
      }
      int total = 0;
      for (String part : m.group(3).split(", | and ")) {
        Matcher g = GROUP.matcher(part);
        assertTrue(g.matches(), caption);
        int n = g.group(2) == null ? 1 : NUMBERS.indexOf(g.group(2));
        String size = g.group(3);
        assertEquals(n, objs.stream().filter(o -> (size == null || o.size().word().equals(size))
            && o.color().word().equals(g.group(4)) && o.shape().word().equals(g.group(5)))
            .count(), caption);
        total += n;
      }
      assertEquals(objs.size(), total, caption);
    } else {
      fail("caption of no known form: '" + caption + "'");
    }
  }

  private static boolean allGroups(String list, Pattern group) {
    for (String part : list.split(", | and ")) {
      if (!group.matcher(part).matches()) {
        return false;
      }
    }
    return true;
  }

  private static int key(String side, SceneObject o) {
    return switch (side) {
      case "leftmost" -> o.x();
      case "rightmost" -> -o.x();
      case "highest" -> o.y();
      default -> -o.y();
    };
  }

  /** The description whose size, color and noun are groups {@code first..first+2}. */
  private static Predicate<SceneObject> desc(Matcher m, int first) {
    String size = m.group(first);
    String color = m.group(first + 1);
    String noun = m.group(first + 2);
    return o -> (size == null || o.size().word().equals(size))
        && (color == null || o.color().word().equals(color))
        && (noun.equals("shape") || noun.equals("object") || o.shape().word().equals(noun));
  }
}
