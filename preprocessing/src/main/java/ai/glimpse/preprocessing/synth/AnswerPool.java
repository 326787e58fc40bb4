package ai.glimpse.preprocessing.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The answers one kind of question can have (colors, counts, sports ...), in falling frequency,
 * with a {@link ZipfSampler} over them and, for each answer, the other spellings an annotator
 * might type.
 *
 * <p>Every answer is in the normal form of the official VQA answer processing, and every
 * <em>variant</em> ({@code "Two"}, {@code "2."}, {@code "none"} for {@code "0"}, {@code "Yes!"},
 * {@code "a dog"}, {@code "KITCHEN"}) normalizes back to its answer, so that normalization is
 * needed to count them together. A few answers also have a <em>synonym</em> ({@code "grey"} for
 * {@code "gray"}, {@code "yeah"} for {@code "yes"}) that normalization does not merge, as in the
 * real data. Immutable.
 */
final class AnswerPool {
  private static final String[] NUMBER_WORDS =
      {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};

  private static final Map<String, String> SYNONYMS = Map.ofEntries(
      Map.entry("gray", "grey"), Map.entry("yes", "yeah"), Map.entry("no", "nope"),
      Map.entry("tv", "television"), Map.entry("couch", "sofa"), Map.entry("donut", "doughnut"),
      Map.entry("cell phone", "phone"), Map.entry("skateboarding", "skating"),
      Map.entry("bathroom", "restroom"), Map.entry("daytime", "day"), Map.entry("man", "guy"),
      Map.entry("on table", "table"), Map.entry("black and white", "black & white"));

  private final String name;
  private final String[] answers;
  private final String[][] variants;
  private final String[] synonyms;
  private final ZipfSampler sampler;

  /**
   * Creates a pool.
   *
   * @param name the pool's name, for tests and messages
   * @param answers the answers by falling frequency, each in VQA normal form
   * @param exponent the Zipf exponent of the answer distribution
   * @param articles whether annotators may put an article before an answer ({@code "a dog"})
   */
  AnswerPool(String name, List<String> answers, double exponent, boolean articles) {
    this.name = name;
    this.answers = answers.toArray(String[]::new);
    this.variants = new String[this.answers.length][];
    this.synonyms = new String[this.answers.length];
    for (int i = 0; i < this.answers.length; i++) {
      variants[i] = variantsOf(this.answers[i], articles).toArray(String[]::new);
      synonyms[i] = SYNONYMS.get(this.answers[i]);
    }
    this.sampler = new ZipfSampler(this.answers.length, exponent, 0.0);
  }

  /** Returns the pool's name. */
  String name() {
    return name;
  }

  /** Returns the number of answers. */
  int size() {
    return answers.length;
  }

  /** Returns the answer of rank {@code rank}. */
  String answer(int rank) {
    return answers[rank];
  }

  /** Returns the variants of the answer of rank {@code rank} (possibly none). */
  List<String> variants(int rank) {
    return List.of(variants[rank]);
  }

  /** Returns the synonym of the answer of rank {@code rank}, or {@code null}. */
  String synonym(int rank) {
    return synonyms[rank];
  }

  /** Draws the rank of an answer from the pool's Zipf distribution. */
  int draw(SplittableRandom rng) {
    return sampler.draw(rng);
  }

  /** Returns one variant of the answer of rank {@code rank}, or the answer if it has none. */
  String variant(int rank, SplittableRandom rng) {
    String[] v = variants[rank];
    return v.length == 0 ? answers[rank] : v[rng.nextInt(v.length)];
  }

  private static List<String> variantsOf(String answer, boolean articles) {
    List<String> out = new ArrayList<>();
    if (!answer.isEmpty() && answer.chars().allMatch(c -> c >= '0' && c <= '9')) {
      int n = Integer.parseInt(answer);
      out.add(answer + ".");
      if (n < NUMBER_WORDS.length) {
        out.add(NUMBER_WORDS[n]);
        out.add(capitalize(NUMBER_WORDS[n]));
        out.add(NUMBER_WORDS[n] + ".");
      }
      if (n == 0) {
        out.add("none");
      }
      return out;
    }
    out.add(capitalize(answer));
    out.add(answer + ".");
    if (answer.equals("yes") || answer.equals("no")) {
      out.add(answer + "!");
      out.add(answer.toUpperCase(Locale.ROOT));
      return out;
    }
    if (answer.length() <= 12) {
      out.add(answer.toUpperCase(Locale.ROOT));
    }
    if (articles) {
      out.add(answer.indexOf(' ') < 0 ? article(answer) + " " + answer : "the " + answer);
    }
    return out;
  }

  static String article(String noun) {
    return "aeiou".indexOf(noun.charAt(0)) >= 0 ? "an" : "a";
  }

  static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
