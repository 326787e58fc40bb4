package ai.glimpse.preprocessing.synth;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the questions and annotator answers of {@link VqaScaleCorpus} from a set of templates
 * over the {@link CorpusLexicon}.
 *
 * <p>A question first picks its answer type (yes/no {@value #YES_NO_SHARE}, number
 * {@value #NUMBER_SHARE}, other {@value #OTHER_SHARE}, close to VQA v2), then a template of that
 * type by weight, then the slot words, each from a Zipf-like distribution. Its true answer comes
 * from the template's answer pool; for keyed templates, 35% of the answers are the first slot
 * word's favourite among the six most frequent answers (a yellow banana), and yes/no templates
 * lean towards yes or no by that word, so the question carries a prior about its answer as real
 * questions do.
 *
 * <p>Each of the {@value #ANSWERS} annotators of a question agrees with the truth with a
 * probability that depends on how hard the question is (0.97, 0.8 or 0.5 for 55%, 30% and 15% of
 * questions). An agreeing annotator writes the truth, or in {@value #VARIANT_SHARE} of cases a
 * variant that normalizes to it ({@code "Two"}, {@code "yes."}); a disagreeing one gives another
 * answer from the same pool, or a synonym that normalization does not merge ({@code "grey"}).
 *
 * <p>All randomness comes from the generator passed in; the question is drawn before its answers,
 * so the question text does not depend on whether the answers are drawn. Immutable.
 */
final class CorpusSampler {
  /** The number of annotator answers per question, as in VQA v2. */
  static final int ANSWERS = 10;
  /** The share of yes/no questions. */
  static final double YES_NO_SHARE = 0.38;
  /** The share of number questions. */
  static final double NUMBER_SHARE = 0.12;
  /** The share of other questions. */
  static final double OTHER_SHARE = 0.50;
  /** The share of an agreeing annotator's answers that are written as a variant. */
  static final double VARIANT_SHARE = 0.12;

  /** Among how many of the most frequent answers a keyed template's slot word has a favourite. */
  private static final int KEYED_HEAD = 6;
  /** The share of a keyed template's questions whose answer is the slot word's favourite. */
  private static final double KEYED_SHARE = 0.35;

  private final CorpusLexicon lexicon;
  private final List<CorpusTemplate> templates;
  private final double[] cumulative;

  /** A drawn question: its template, text and the key that biases its answer. */
  record Draft(CorpusTemplate template, String text, int key) {}

  /** Creates a sampler over the standard templates. */
  CorpusSampler(CorpusLexicon lexicon) {
    this.lexicon = lexicon;
    this.templates = templates(lexicon);
    double[] typeTotals = new double[3];
    for (CorpusTemplate t : templates) {
      typeTotals[typeIndex(t.answerType())] += t.weight();
    }
    double[] shares = {YES_NO_SHARE, NUMBER_SHARE, OTHER_SHARE};
    cumulative = new double[templates.size()];
    double sum = 0;
    for (int i = 0; i < templates.size(); i++) {
      CorpusTemplate t = templates.get(i);
      int type = typeIndex(t.answerType());
      sum += shares[type] * t.weight() / typeTotals[type];
      cumulative[i] = sum;
    }
  }

  /** Returns the templates, for tests. */
  List<CorpusTemplate> templates() {
    return templates;
  }

  /** Draws a question. */
  Draft question(SplittableRandom rng) {
    int ti = pickTemplate(rng.nextDouble() * cumulative[cumulative.length - 1]);
    CorpusTemplate t = templates.get(ti);
    StringBuilder text = new StringBuilder(48);
    int key = -1;
    for (Object part : t.parts()) {
      if (part instanceof String literal) {
        text.append(literal);
        continue;
      }
      CorpusTemplate.Slot slot = (CorpusTemplate.Slot) part;
      CorpusLexicon.Words words = words(slot);
      int index = words.draw(rng);
      String word = words.word(index);
      switch (slot) {
        case A_OBJ -> text.append(AnswerPool.article(word)).append(' ').append(word);
        case OBJS, ANIMALS -> text.append(CorpusLexicon.plural(word));
        default -> text.append(word);
      }
      if (key < 0) {
        key = index + 7 * ti;
      }
    }
    return new Draft(t, text.toString(), Math.max(key, 0));
  }

  /** Draws the annotators' answers to a drafted question. */
  CorpusRecord annotate(Draft draft, SplittableRandom rng) {
    CorpusTemplate t = draft.template();
    AnswerPool pool = t.answers();
    int truth = truth(t, pool, draft.key(), rng);
    double u = rng.nextDouble();
    double agree = u < 0.55 ? 0.97 : u < 0.85 ? 0.8 : 0.5;
    String[] answers = new String[ANSWERS];
    String[] confidences = new String[ANSWERS];
    String[] meant = new String[ANSWERS];
    for (int a = 0; a < ANSWERS; a++) {
      double c = rng.nextDouble();
      if (rng.nextDouble() < agree) {
        meant[a] = pool.answer(truth);
        answers[a] = rng.nextDouble() < VARIANT_SHARE ? pool.variant(truth, rng) : meant[a];
        confidences[a] = c < 0.88 ? "yes" : c < 0.97 ? "maybe" : "no";
      } else {
        int other = pool.size() == 2 ? 1 - truth : pool.draw(rng);
        String synonym = pool.synonym(truth);
        if (synonym != null && rng.nextDouble() < 0.3) {
          meant[a] = synonym;
          answers[a] = synonym;
        } else {
          meant[a] = pool.answer(other);
          answers[a] = rng.nextDouble() < VARIANT_SHARE ? pool.variant(other, rng) : meant[a];
        }
        confidences[a] = c < 0.55 ? "yes" : c < 0.88 ? "maybe" : "no";
      }
    }
    return new CorpusRecord(draft.text(), t.questionType(), t.answerType(),
        majority(meant, pool.answer(truth)), answers, confidences);
  }

  private int truth(CorpusTemplate t, AnswerPool pool, int key, SplittableRandom rng) {
    if (pool.size() == 2) {
      double yes = t.yesShare() + (t.keyed() ? 0.1 * ((key % 5) - 2) : 0.0);
      return rng.nextDouble() < yes ? 0 : 1;
    }
    if (t.keyed() && rng.nextDouble() < KEYED_SHARE) {
      // The slot word's favourite among the most frequent answers.
      return key % Math.min(KEYED_HEAD, pool.size());
    }
    return pool.draw(rng);
  }

  /**
   * Returns the most common of the meant answers (what each annotator wrote, before its spelling
   * variant, which is what normalization gives back): the truth if it ties for the most, else the
   * first seen of the most common.
   */
  private static String majority(String[] meant, String truth) {
    String best = null;
    int bestCount = 0;
    int truthCount = 0;
    for (String m : meant) {
      int count = 0;
      for (String other : meant) {
        if (other.equals(m)) {
          count++;
        }
      }
      if (m.equals(truth)) {
        truthCount = count;
      }
      if (count > bestCount) {
        bestCount = count;
        best = m;
      }
    }
    return truthCount == bestCount ? truth : best;
  }

  private int pickTemplate(double u) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private CorpusLexicon.Words words(CorpusTemplate.Slot slot) {
    return switch (slot) {
      case OBJ, A_OBJ, OBJS, OBJ2 -> lexicon.sceneNouns;
      case PERSON -> lexicon.people;
      case ADJ -> lexicon.adjectives;
      case VING -> lexicon.ingVerbs;
      case CONTAINER -> lexicon.containers;
      case ROOM -> lexicon.rooms;
      case PLACE -> lexicon.places;
      case FOOD -> lexicon.foods;
      case ANIMALS -> lexicon.animals;
      case TIME -> lexicon.timeSlots;
      case WEATHER -> lexicon.weatherWords;
    };
  }

  private static int typeIndex(String answerType) {
    return switch (answerType) {
      case "yes/no" -> 0;
      case "number" -> 1;
      default -> 2;
    };
  }

  private static List<CorpusTemplate> templates(CorpusLexicon x) {
    String yn = "yes/no";
    String num = "number";
    String oth = "other";
    return List.of(
        // yes/no
        CorpusTemplate.of("is the", yn, 10, "Is the {obj} {adj}?", x.yesNo, 0.45, true),
        CorpusTemplate.of("is this a", yn, 6, "Is this {a obj}?", x.yesNo, 0.55, true),
        CorpusTemplate.of("is there a", yn, 5, "Is there {a obj} in the picture?", x.yesNo, 0.6, true),
        CorpusTemplate.of("are the", yn, 5, "Are the {objs} {adj}?", x.yesNo, 0.45, true),
        CorpusTemplate.of("is it", yn, 4, "Is it {weather}?", x.yesNo, 0.55, true),
        CorpusTemplate.of("is the man", yn, 4, "Is the man {ving}?", x.yesNo, 0.6, true),
        CorpusTemplate.of("is the woman", yn, 2, "Is the woman {ving}?", x.yesNo, 0.6, true),
        CorpusTemplate.of("does the", yn, 4, "Does the {obj} have {a obj}?", x.yesNo, 0.5, true),
        CorpusTemplate.of("are there", yn, 4, "Are there {objs} on the {obj2}?", x.yesNo, 0.45, true),
        CorpusTemplate.of("is the", yn, 3, "Is the {obj} on the {obj2}?", x.yesNo, 0.5, true),
        CorpusTemplate.of("is this", yn, 3, "Is this {adj}?", x.yesNo, 0.5, true),
        CorpusTemplate.of("are these", yn, 2, "Are these {objs}?", x.yesNo, 0.6, true),
        CorpusTemplate.of("is he", yn, 3, "Is he {ving}?", x.yesNo, 0.6, true),
        CorpusTemplate.of("can you", yn, 1.5, "Can you see the {obj}?", x.yesNo, 0.65, true),
        CorpusTemplate.of("do you", yn, 1.5, "Do you see any {objs}?", x.yesNo, 0.55, true),
        CorpusTemplate.of("could", yn, 1, "Could this be a {place}?", x.yesNo, 0.5, true),
        CorpusTemplate.of("was", yn, 1, "Was the picture taken at {time}?", x.yesNo, 0.4, true),
        CorpusTemplate.of("is the person", yn, 1.5, "Is the person {ving}?", x.yesNo, 0.55, true),
        CorpusTemplate.of("are they", yn, 2, "Are they {ving}?", x.yesNo, 0.55, true),
        CorpusTemplate.of("is there", yn, 2, "Is there any {food} on the {obj}?", x.yesNo, 0.45, true),
        CorpusTemplate.of("is that a", yn, 1, "Is that {a obj}?", x.yesNo, 0.55, true),
        CorpusTemplate.of("has", yn, 0.8, "Has the {food} been eaten?", x.yesNo, 0.4, true),
        CorpusTemplate.of("are there any", yn, 2, "Are there any {objs} in the {room}?", x.yesNo, 0.4, true),
        // number
        CorpusTemplate.of("how many", num, 12, "How many {objs} are there?", x.counts, 0, true),
        CorpusTemplate.of("how many", num, 8, "How many {objs} are in the picture?", x.counts, 0, true),
        CorpusTemplate.of("how many", num, 5, "How many {objs} are on the {obj2}?", x.counts, 0, true),
        CorpusTemplate.of("how many", num, 3, "How many {animals} are there?", x.counts, 0, true),
        CorpusTemplate.of("how many people are", num, 4, "How many people are {ving}?", x.counts, 0, true),
        CorpusTemplate.of("how many people are in", num, 2, "How many people are in the {room}?", x.counts, 0, true),
        CorpusTemplate.of("what number is", num, 2, "What number is on the {obj}?", x.labelNumbers, 0, true),
        // other
        CorpusTemplate.of("what color is the", oth, 10, "What color is the {obj}?", x.colors, 0, true),
        CorpusTemplate.of("what color are the", oth, 4, "What color are the {objs}?", x.colors, 0, true),
        CorpusTemplate.of("what color", oth, 1.5, "What color shirt is the {person} wearing?", x.colors, 0, true),
        CorpusTemplate.of("what is the color of the", oth, 1, "What is the color of the {obj}?", x.colors, 0, true),
        CorpusTemplate.of("what is the man", oth, 4, "What is the man holding?", x.held, 0, false),
        CorpusTemplate.of("what is the man", oth, 3, "What is the man doing?", x.activities, 0, false),
        CorpusTemplate.of("what is the man", oth, 1.5, "What is the man wearing?", x.clothes, 0, false),
        CorpusTemplate.of("what is the woman", oth, 2, "What is the woman holding?", x.held, 0, false),
        CorpusTemplate.of("what is the woman", oth, 1, "What is the woman wearing?", x.clothes, 0, false),
        CorpusTemplate.of("what is the person", oth, 1.5, "What is the person doing?", x.activities, 0, false),
        CorpusTemplate.of("what are", oth, 1.5, "What are the people doing?", x.activities, 0, false),
        CorpusTemplate.of("what sport is", oth, 2, "What sport is being played?", x.sports, 0, false),
        CorpusTemplate.of("what sport is", oth, 1.5, "What sport is the {person} playing?", x.sports, 0, true),
        CorpusTemplate.of("what animal is", oth, 2, "What animal is this?", x.animalAnswers, 0, false),
        CorpusTemplate.of("what animal is", oth, 1, "What animal is in the {place}?", x.animalAnswers, 0, true),
        CorpusTemplate.of("what room is", oth, 2.5, "What room is this?", x.roomAnswers, 0, false),
        CorpusTemplate.of("where is the", oth, 4, "Where is the {obj}?", x.where, 0, true),
        CorpusTemplate.of("where are the", oth, 2, "Where are the {objs}?", x.where, 0, true),
        CorpusTemplate.of("why is the", oth, 2, "Why is the {person} {ving}?", x.reasons, 0, true),
        CorpusTemplate.of("why", oth, 2, "Why are the {objs} {adj}?", x.reasons, 0, true),
        CorpusTemplate.of("what type of", oth, 4, "What type of {obj} is this?", x.kinds, 0, true),
        CorpusTemplate.of("what kind of", oth, 4, "What kind of {obj} is this?", x.kinds, 0, true),
        CorpusTemplate.of("what is the", oth, 4, "What is the {obj} made of?", x.materials, 0, true),
        CorpusTemplate.of("what is the", oth, 1, "What is the weather like?", x.weather, 0, false),
        CorpusTemplate.of("what is the", oth, 2, "What is the {person} sitting on?", x.objects, 0, true),
        CorpusTemplate.of("what is on the", oth, 4, "What is on the {obj}?", x.objects, 0, true),
        CorpusTemplate.of("what is in the", oth, 3, "What is in the {container}?", x.foodAnswers, 0, true),
        CorpusTemplate.of("what is", oth, 3, "What is behind the {obj}?", x.objects, 0, true),
        CorpusTemplate.of("what is this", oth, 8, "What is this?", x.objects, 0, false),
        CorpusTemplate.of("what brand", oth, 2, "What brand is the {obj}?", x.brands, 0, true),
        CorpusTemplate.of("who is", oth, 2, "Who is {ving} the {obj}?", x.peopleAnswers, 0, true),
        CorpusTemplate.of("which", oth, 2, "Which hand is the {person} using?", x.sides, 0, true),
        CorpusTemplate.of("what are the", oth, 3, "What are the {animals} eating?", x.foodAnswers, 0, true),
        CorpusTemplate.of("what time", oth, 2, "What time of day is it?", x.times, 0, false),
        CorpusTemplate.of("what is the name", oth, 1.5, "What is the name of the {obj}?", x.names, 0, true),
        CorpusTemplate.of("what does the", oth, 1.5, "What does the sign say?", x.signText, 0, false),
        CorpusTemplate.of("how", oth, 1, "How is the {food} cooked?", x.cooking, 0, true),
        CorpusTemplate.of("what", oth, 2, "What food is on the {container}?", x.foodAnswers, 0, true),
        CorpusTemplate.of("none of the above", oth, 1, "Which way is the {obj} facing?", x.directions, 0, true));
  }
}
