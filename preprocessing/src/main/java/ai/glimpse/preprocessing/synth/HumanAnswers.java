package ai.glimpse.preprocessing.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simulates the ten annotators of a VQA question.
 *
 * <p>Each annotator gives the true answer with probability {@code 1 - noise}. Otherwise, with equal
 * chances, they make a plausible mistake (another answer of the same family: a wrong color, the
 * other side, a count off by one) or write the truth in another form: number words
 * ({@code "two"}, {@code "none"}), capitals ({@code "Red"}), punctuation ({@code "yes!"},
 * {@code "left."}), an article ({@code "a circle"}) or, more rarely, a synonym ({@code "grey"},
 * {@code "box"}, {@code "big"}). The official VQA answer normalization maps every variant but the
 * synonyms back to the truth.
 */
final class HumanAnswers {
  /** The number of answers per question, as in VQA v2. */
  static final int PER_QUESTION = 10;

  private static final String[] NUMBER_WORDS =
      {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};

  private static final Map<String, String> SYNONYMS =
      Map.of("gray", "grey", "square", "box", "large", "big");

  private static final List<String> WITH_ARTICLE =
      List.of("circle", "square", "triangle", "left", "right", "top", "bottom");

  private HumanAnswers() {}

  /** Returns {@link #PER_QUESTION} raw answers to {@code q}. */
  static List<String> sample(SynthQuestion q, double noise, SplittableRandom rng) {
    List<String> answers = new ArrayList<>(PER_QUESTION);
    for (int i = 0; i < PER_QUESTION; i++) {
      if (noise == 0 || rng.nextDouble() >= noise) {
        answers.add(q.answer());
      } else if (rng.nextBoolean()) {
        answers.add(SceneSampler.pick(q.mistakes(), rng));
      } else {
        answers.add(SceneSampler.pick(variants(q.answer()), rng));
      }
    }
    return answers;
  }

  /** Returns the most frequent answer; on a tie the truth if it is tied, else the first seen. */
  static String majority(List<String> answers, String truth) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String a : answers) {
      counts.merge(a, 1, Integer::sum);
    }
    int best = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    if (counts.getOrDefault(truth, 0) == best) {
      return truth;
    }
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() == best) {
        return e.getKey();
      }
    }
    throw new IllegalArgumentException("no answers");
  }

  /** Returns other spellings of a canonical answer, none equal to it. */
  static List<String> variants(String truth) {
    List<String> out = new ArrayList<>();
    if (truth.chars().allMatch(Character::isDigit)) {
      int n = Integer.parseInt(truth);
      out.add(truth + ".");
      if (n < NUMBER_WORDS.length) {
        String word = NUMBER_WORDS[n];
        out.add(word);
        out.add(capitalize(word));
        out.add(word + ".");
      }
      if (n == 0) {
        out.add("none");
      }
      return out;
    }
    out.add(capitalize(truth));
    out.add(truth + ".");
    if (truth.equals("yes") || truth.equals("no")) {
      out.add(truth + "!");
      out.add(truth.toUpperCase(Locale.ROOT));
    } else if (WITH_ARTICLE.contains(truth)) {
      out.add((truth.equals("circle") || truth.equals("square") || truth.equals("triangle")
          ? "a " : "the ") + truth);
    } else {
      out.add(truth.toUpperCase(Locale.ROOT));
    }
    String synonym = SYNONYMS.get(truth);
    if (synonym != null) {
      out.add(synonym);
    }
    return out;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
