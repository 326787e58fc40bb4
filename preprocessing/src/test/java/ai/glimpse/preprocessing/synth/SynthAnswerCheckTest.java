package ai.glimpse.preprocessing.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.glimpse.preprocessing.data.Annotation;
import ai.glimpse.preprocessing.data.Question;
import ai.glimpse.preprocessing.data.VqaJson;
import ai.glimpse.preprocessing.synth.SynthTestData.Obj;
import ai.glimpse.preprocessing.synth.SynthTestData.SceneData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-derives the answer of every generated question from scenes.json alone: each question text is
 * parsed with regular expressions over the templates, and the answer recomputed from the objects.
 * With noise 0 all ten answers are the truth, which must equal the recomputed answer.
 */
class SynthAnswerCheckTest {
  private static final String DESC =
      "(?:(small|large) )?(?:(red|green|blue|yellow|purple|cyan|orange|gray) )?"
          + "(circle|square|triangle|object)";
  private static final String PLURAL =
      "(?:(small|large) )?(?:(red|green|blue|yellow|purple|cyan|orange|gray) )?"
          + "(circles|squares|triangles|objects)";

  private static final Pattern EXISTS = Pattern.compile("is there a " + DESC + "\\?");
  private static final Pattern MORE =
      Pattern.compile("are there (more|fewer) " + PLURAL + " than " + PLURAL + "\\?");
  private static final Pattern BIGGER =
      Pattern.compile("is the " + DESC + " (bigger|smaller) than the " + DESC + "\\?");
  private static final Pattern COUNT =
      Pattern.compile("how many " + PLURAL + " are (?:there|in the image)\\?");
  private static final Pattern REL_COUNT = Pattern.compile(
      "how many objects are (left of|right of|above|below) the " + DESC + "\\?");
  private static final Pattern CLOSEST = Pattern.compile(
      "what (color|shape|size) is the object (closest to|furthest from) the " + DESC + "\\?");
  private static final Pattern COLOR =
      Pattern.compile("(?:what color is the|what is the color of the) " + DESC + "\\?");
  private static final Pattern SHAPE = Pattern.compile("what shape is the " + DESC + "\\?");
  private static final Pattern SIZE = Pattern.compile("what size is the " + DESC + "\\?");
  private static final Pattern SIDE = Pattern.compile(
      "is the " + DESC + " on the left or right(?: side of the image)?\\?");
  private static final Pattern HALF = Pattern.compile(
      "is the " + DESC + " (?:in the top or bottom half of the image|on the top or bottom)\\?");
  private static final Pattern SAME_SHAPE =
      Pattern.compile("how many objects have the same shape as the " + DESC + "\\?");

  @TempDir Path dir;

  @Test
  void everyShapesAnswerIsTrueOfItsScene() throws IOException {
    SynthConfig config = new SynthConfig(Preset.SHAPES, 60, 20, 11L, 0.0);
    Map<String, Integer> families = check(config);
    // Every family of the shapes preset was generated and checked.
    assertEquals(Set.of("exists", "more", "bigger", "count", "relcount", "closest", "color",
        "shape", "size", "side", "half"), families.keySet(), families.toString());
  }

  @Test
  void everySortOfClevrAnswerIsTrueOfItsScene() throws IOException {
    SynthConfig config = new SynthConfig(Preset.SORT_OF_CLEVR, 30, 10, 5L, 0.0);
    Map<String, Integer> families = check(config);
    assertEquals(Set.of("closest", "shape", "side", "half", "same"), families.keySet(),
        families.toString());
  }

  private Map<String, Integer> check(SynthConfig config) throws IOException {
    SynthDataset data = SyntheticGenerator.generate(config, dir.resolve(config.preset().cliName()));
    Map<String, Integer> families = new HashMap<>();
    for (SynthDataset.Split split : List.of(data.train(), data.val())) {
      Map<Long, SceneData> scenes = SynthTestData.readScenes(split.scenesFile());
      List<Question> questions = VqaJson.readQuestions(split.questionsFile());
      List<Annotation> annotations = VqaJson.readAnnotations(split.annotationsFile());
      assertEquals(questions.size(), annotations.size());
      for (int i = 0; i < questions.size(); i++) {
        Question q = questions.get(i);
        Annotation a = annotations.get(i);
        assertEquals(q.questionId(), a.questionId());
        String truth = a.multipleChoiceAnswer();
        assertEquals(List.of(truth, truth, truth, truth, truth, truth, truth, truth, truth, truth),
            a.answers(), "noise 0 gives ten copies of the truth");
        SceneData scene = scenes.get(q.imageId());
        assertNotNull(scene, "no scene for image " + q.imageId());
        Checked checked = answer(scene, q.question());
        families.merge(checked.family(), 1, Integer::sum);
        String where = "image " + q.imageId() + ", question '" + q.question() + "'";
        assertEquals(checked.answer(), truth, where);
        assertEquals(checked.answerType(), a.answerType(), where);
        if (config.preset() == Preset.SHAPES) {
          assertTrue(q.question().startsWith(a.questionType() + " "),
              where + " has question type '" + a.questionType() + "'");
        } else {
          assertEquals(checked.family().equals("closest") || checked.family().equals("same"),
              SortOfClevr.isRelational(a.questionType()), where);
        }
      }
    }
    return families;
  }

  /** A recomputed answer, its answer type and the family of the template that matched. */
  private record Checked(String family, String answer, String answerType) {}

  private static Checked answer(SceneData s, String question) {
    Matcher m;
    if ((m = EXISTS.matcher(question)).matches()) {
      return yesNo("exists", count(s, desc(m, 1)) > 0);
    }
    if ((m = MORE.matcher(question)).matches()) {
      long a = count(s, desc(m, 2));
      long b = count(s, desc(m, 5));
      return yesNo("more", m.group(1).equals("more") ? a > b : a < b);
    }
    if ((m = BIGGER.matcher(question)).matches()) {
      Obj a = unique(s, desc(m, 1), question);
      Obj b = unique(s, desc(m, 5), question);
      return yesNo("bigger",
          m.group(4).equals("bigger") ? a.radius() > b.radius() : a.radius() < b.radius());
    }
    if ((m = COUNT.matcher(question)).matches()) {
      return new Checked("count", String.valueOf(count(s, desc(m, 1))), "number");
    }
    if ((m = REL_COUNT.matcher(question)).matches()) {
      Obj ref = unique(s, desc(m, 2), question);
      Predicate<Obj> rel = switch (m.group(1)) {
        case "left of" -> o -> o.x() < ref.x();
        case "right of" -> o -> o.x() > ref.x();
        case "above" -> o -> o.y() < ref.y();
        default -> o -> o.y() > ref.y();
      };
      return new Checked("relcount", String.valueOf(s.objects().stream().filter(rel).count()),
          "number");
    }
    if ((m = CLOSEST.matcher(question)).matches()) {
      Obj ref = unique(s, desc(m, 3), question);
      Comparator<Obj> byDistance =
          Comparator.comparingDouble(o -> Math.hypot(o.x() - ref.x(), o.y() - ref.y()));
      List<Obj> sorted = s.objects().stream().filter(o -> o != ref)
          .sorted(m.group(2).equals("closest to") ? byDistance : byDistance.reversed()).toList();
      assertTrue(byDistance.compare(sorted.get(0), sorted.get(1)) != 0,
          "ambiguous " + question);
      Obj target = sorted.get(0);
      String value = switch (m.group(1)) {
        case "color" -> target.color();
        case "shape" -> target.shape();
        default -> target.size();
      };
      return new Checked("closest", value, "other");
    }
    if ((m = COLOR.matcher(question)).matches()) {
      return new Checked("color", unique(s, desc(m, 1), question).color(), "other");
    }
    if ((m = SHAPE.matcher(question)).matches()) {
      return new Checked("shape", unique(s, desc(m, 1), question).shape(), "other");
    }
    if ((m = SIZE.matcher(question)).matches()) {
      return new Checked("size", unique(s, desc(m, 1), question).size(), "other");
    }
    if ((m = SIDE.matcher(question)).matches()) {
      Obj o = unique(s, desc(m, 1), question);
      return new Checked("side", o.x() + 0.5 < s.width() / 2.0 ? "left" : "right", "other");
    }
    if ((m = HALF.matcher(question)).matches()) {
      Obj o = unique(s, desc(m, 1), question);
      return new Checked("half", o.y() + 0.5 < s.height() / 2.0 ? "top" : "bottom", "other");
    }
    if ((m = SAME_SHAPE.matcher(question)).matches()) {
      Obj o = unique(s, desc(m, 1), question);
      return new Checked("same",
          String.valueOf(s.objects().stream().filter(p -> p.shape().equals(o.shape())).count()),
          "number");
    }
    return fail("question matches no template: '" + question + "'");
  }

  private static Checked yesNo(String family, boolean truth) {
    return new Checked(family, truth ? "yes" : "no", "yes/no");
  }

  /** The predicate of a description whose size, color and noun are groups first..first+2. */
  private static Predicate<Obj> desc(Matcher m, int first) {
    String size = m.group(first);
    String color = m.group(first + 1);
    String noun = m.group(first + 2).replaceAll("s$", "");
    return o -> (size == null || size.equals(o.size()))
        && (color == null || color.equals(o.color()))
        && (noun.equals("object") || noun.equals(o.shape()));
  }

  private static long count(SceneData s, Predicate<Obj> p) {
    return s.objects().stream().filter(p).count();
  }

  private static Obj unique(SceneData s, Predicate<Obj> p, String question) {
    List<Obj> matches = s.objects().stream().filter(p).toList();
    assertEquals(1, matches.size(), "referent of '" + question + "' is not unique in image "
        + s.imageId() + ": " + matches);
    return matches.get(0);
  }
}
