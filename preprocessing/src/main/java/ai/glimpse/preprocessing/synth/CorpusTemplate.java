package ai.glimpse.preprocessing.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One kind of question of {@link VqaScaleCorpus}: a text pattern with slots
 * ({@code "What color is the {obj}?"}), its VQA question type and answer type, how often it is
 * asked, and where its answers come from.
 *
 * @param questionType the VQA question type, the first words of the question in lower case
 * @param answerType {@code "yes/no"}, {@code "number"} or {@code "other"}
 * @param weight the relative frequency of the template within its answer type
 * @param parts the pattern, split into literal text ({@link String}) and {@link Slot}s
 * @param answers the answers of the template
 * @param yesShare for yes/no templates, the share of questions whose true answer is yes
 * @param keyed whether the most frequent answers depend on the first slot's word, so that the
 *     question tells something about its answer (as the real "what color is the banana?" does)
 */
record CorpusTemplate(String questionType, String answerType, double weight, List<Object> parts,
    AnswerPool answers, double yesShare, boolean keyed) {

  /** The slots of a pattern, written {@code {name}}. */
  enum Slot {
    /** A scene object, e.g. {@code "dog"}. */
    OBJ("obj"),
    /** A scene object with its indefinite article, e.g. {@code "an apple"}. */
    A_OBJ("a obj"),
    /** A scene object in the plural, e.g. {@code "dogs"}. */
    OBJS("objs"),
    /** A second scene object. */
    OBJ2("obj2"),
    /** A person, e.g. {@code "skier"}. */
    PERSON("person"),
    /** An adjective. */
    ADJ("adj"),
    /** A verb in the -ing form. */
    VING("ving"),
    /** A container, e.g. {@code "bowl"}. */
    CONTAINER("container"),
    /** A room. */
    ROOM("room"),
    /** A place, e.g. {@code "zoo"}. */
    PLACE("place"),
    /** A food. */
    FOOD("food"),
    /** An animal in the plural. */
    ANIMALS("animals"),
    /** A time of day, e.g. {@code "night"}. */
    TIME("time"),
    /** A weather word. */
    WEATHER("weather");

    final String name;

    Slot(String name) {
      this.name = name;
    }

    static Slot of(String name, String pattern) {
      for (Slot s : values()) {
        if (s.name.equals(name)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown slot {" + name + "} in pattern " + pattern);
    }
  }

  /** Validates the template and copies the parts. */
  CorpusTemplate {
    Objects.requireNonNull(questionType, "questionType");
    Objects.requireNonNull(answers, "answers");
    if (!List.of("yes/no", "number", "other").contains(answerType)) {
      throw new IllegalArgumentException("unknown answer type " + answerType);
    }
    if (!(weight > 0)) {
      throw new IllegalArgumentException("weight must be > 0, got " + weight);
    }
    parts = List.copyOf(parts);
  }

  /** Creates a template from a pattern such as {@code "Is the {obj} {adj}?"}. */
  static CorpusTemplate of(String questionType, String answerType, double weight, String pattern,
      AnswerPool answers, double yesShare, boolean keyed) {
    return new CorpusTemplate(questionType, answerType, weight, parse(pattern), answers, yesShare,
        keyed);
  }

  private static List<Object> parse(String pattern) {
    List<Object> parts = new ArrayList<>();
    int at = 0;
    while (at < pattern.length()) {
      int open = pattern.indexOf('{', at);
      if (open < 0) {
        parts.add(pattern.substring(at));
        break;
      }
      if (open > at) {
        parts.add(pattern.substring(at, open));
      }
      int close = pattern.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException("unclosed slot in pattern " + pattern);
      }
      parts.add(Slot.of(pattern.substring(open + 1, close), pattern));
      at = close + 1;
    }
    return parts;
  }
}
