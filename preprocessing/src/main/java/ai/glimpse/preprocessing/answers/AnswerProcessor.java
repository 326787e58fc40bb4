package ai.glimpse.preprocessing.answers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer processing of the official VQA evaluator ({@code vqaEval.py} of the GT-Vision-Lab
 * VQA repository), ported rule for rule, quirks included, so that Java scores equal the official
 * ones.
 *
 * <p>The quirks kept on purpose:
 *
 * <ul>
 *   <li>{@link #processPunctuation} decides for each punctuation mark, by looking at the
 *       <em>original</em> text, whether to delete it or to replace it by a space; if the original
 *       text contains a digit, a comma and a digit in a row, every mark is deleted.
 *   <li>The period pattern {@code (?!<=\d)(\.)(?!\d)} was meant to have a lookbehind; as written
 *       its first group is a lookahead that always holds, so a period is deleted whenever no digit
 *       follows it, whatever precedes it.
 *   <li>The official code passes {@code re.UNICODE} (= 32) as the {@code count} argument of
 *       {@code re.sub}, so at most the first 32 such periods are deleted.
 *   <li>Words are lowercased before the contractions are looked up, so the keys with capitals
 *       ({@code "Im"}, {@code "Ive"}, {@code "Id've"}, {@code "I'dve"}) never match, and the map
 *       turns {@code "somebody'd"} into {@code "somebodyd"} as the official one does.
 * </ul>
 *
 * <p>Whitespace, digits and lowercasing follow Python 3 {@code str} semantics: {@code \d} is any
 * Unicode decimal digit (category Nd); {@code split()} and {@code strip()} use
 * {@code str.isspace()}, which also counts no-break spaces and U+0085; {@code lower()} picks the
 * final or non-final small sigma by the Unicode Final_Sigma rule. Character properties come from
 * the JDK's Unicode tables, so characters newer than the JDK's Unicode version may be treated
 * differently than by a newer Python.
 *
 * <p>All methods are pure functions of their argument and safe to call from any thread.
 */
public final class AnswerProcessor {

  /** Punctuation marks handled by {@link #processPunctuation}, in the official order. */
  private static final List<String> PUNCTUATION = List.of(
      ";", "/", "[", "]", "\"", "{", "}", "(", ")", "=", "+", "\\", "_", "-",
      ">", "<", "@", "`", ",", "?", "!");

  /** {@code commaStrip}: a comma between two digits, e.g. {@code 1,000}. */
  private static final Pattern COMMA_STRIP = Pattern.compile("(\\p{Nd})(,)(\\p{Nd})");

  /** {@code periodStrip} with its always-true lookahead dropped: a period not followed by a digit. */
  private static final Pattern PERIOD_STRIP = Pattern.compile("\\.(?!\\p{Nd})");

  /** The {@code count} that the official {@code periodStrip.sub("", outText, re.UNICODE)} passes. */
  private static final int MAX_PERIODS_REMOVED = 32;

  // Greek capital sigma lowercases to a context-dependent form, see pythonLower.
  private static final char CAPITAL_SIGMA = '\u03A3';
  private static final char SMALL_SIGMA = '\u03C3';
  private static final char SMALL_FINAL_SIGMA = '\u03C2';

  private static final Map<String, String> NUMBER_WORDS = Map.ofEntries(
      Map.entry("none", "0"),
      Map.entry("zero", "0"),
      Map.entry("one", "1"),
      Map.entry("two", "2"),
      Map.entry("three", "3"),
      Map.entry("four", "4"),
      Map.entry("five", "5"),
      Map.entry("six", "6"),
      Map.entry("seven", "7"),
      Map.entry("eight", "8"),
      Map.entry("nine", "9"),
      Map.entry("ten", "10"));

  private static final Set<String> ARTICLES = Set.of("a", "an", "the");

  private static final Map<String, String> CONTRACTIONS = Map.ofEntries(
      Map.entry("aint", "ain't"),
      Map.entry("arent", "aren't"),
      Map.entry("cant", "can't"),
      Map.entry("couldve", "could've"),
      Map.entry("couldnt", "couldn't"),
      Map.entry("couldn'tve", "couldn't've"),
      Map.entry("couldnt've", "couldn't've"),
      Map.entry("didnt", "didn't"),
      Map.entry("doesnt", "doesn't"),
      Map.entry("dont", "don't"),
      Map.entry("hadnt", "hadn't"),
      Map.entry("hadnt've", "hadn't've"),
      Map.entry("hadn'tve", "hadn't've"),
      Map.entry("hasnt", "hasn't"),
      Map.entry("havent", "haven't"),
      Map.entry("hed", "he'd"),
      Map.entry("hed've", "he'd've"),
      Map.entry("he'dve", "he'd've"),
      Map.entry("hes", "he's"),
      Map.entry("howd", "how'd"),
      Map.entry("howll", "how'll"),
      Map.entry("hows", "how's"),
      Map.entry("Id've", "I'd've"),
      Map.entry("I'dve", "I'd've"),
      Map.entry("Im", "I'm"),
      Map.entry("Ive", "I've"),
      Map.entry("isnt", "isn't"),
      Map.entry("itd", "it'd"),
      Map.entry("itd've", "it'd've"),
      Map.entry("it'dve", "it'd've"),
      Map.entry("itll", "it'll"),
      Map.entry("let's", "let's"),
      Map.entry("maam", "ma'am"),
      Map.entry("mightnt", "mightn't"),
      Map.entry("mightnt've", "mightn't've"),
      Map.entry("mightn'tve", "mightn't've"),
      Map.entry("mightve", "might've"),
      Map.entry("mustnt", "mustn't"),
      Map.entry("mustve", "must've"),
      Map.entry("neednt", "needn't"),
      Map.entry("notve", "not've"),
      Map.entry("oclock", "o'clock"),
      Map.entry("oughtnt", "oughtn't"),
      Map.entry("ow's'at", "'ow's'at"),
      Map.entry("'ows'at", "'ow's'at"),
      Map.entry("'ow'sat", "'ow's'at"),
      Map.entry("shant", "shan't"),
      Map.entry("shed've", "she'd've"),
      Map.entry("she'dve", "she'd've"),
      Map.entry("she's", "she's"),
      Map.entry("shouldve", "should've"),
      Map.entry("shouldnt", "shouldn't"),
      Map.entry("shouldnt've", "shouldn't've"),
      Map.entry("shouldn'tve", "shouldn't've"),
      Map.entry("somebody'd", "somebodyd"),
      Map.entry("somebodyd've", "somebody'd've"),
      Map.entry("somebody'dve", "somebody'd've"),
      Map.entry("somebodyll", "somebody'll"),
      Map.entry("somebodys", "somebody's"),
      Map.entry("someoned", "someone'd"),
      Map.entry("someoned've", "someone'd've"),
      Map.entry("someone'dve", "someone'd've"),
      Map.entry("someonell", "someone'll"),
      Map.entry("someones", "someone's"),
      Map.entry("somethingd", "something'd"),
      Map.entry("somethingd've", "something'd've"),
      Map.entry("something'dve", "something'd've"),
      Map.entry("somethingll", "something'll"),
      Map.entry("thats", "that's"),
      Map.entry("thered", "there'd"),
      Map.entry("thered've", "there'd've"),
      Map.entry("there'dve", "there'd've"),
      Map.entry("therere", "there're"),
      Map.entry("theres", "there's"),
      Map.entry("theyd", "they'd"),
      Map.entry("theyd've", "they'd've"),
      Map.entry("they'dve", "they'd've"),
      Map.entry("theyll", "they'll"),
      Map.entry("theyre", "they're"),
      Map.entry("theyve", "they've"),
      Map.entry("twas", "'twas"),
      Map.entry("wasnt", "wasn't"),
      Map.entry("wed've", "we'd've"),
      Map.entry("we'dve", "we'd've"),
      Map.entry("weve", "we've"),
      Map.entry("werent", "weren't"),
      Map.entry("whatll", "what'll"),
      Map.entry("whatre", "what're"),
      Map.entry("whats", "what's"),
      Map.entry("whatve", "what've"),
      Map.entry("whens", "when's"),
      Map.entry("whered", "where'd"),
      Map.entry("wheres", "where's"),
      Map.entry("whereve", "where've"),
      Map.entry("whod", "who'd"),
      Map.entry("whod've", "who'd've"),
      Map.entry("who'dve", "who'd've"),
      Map.entry("wholl", "who'll"),
      Map.entry("whos", "who's"),
      Map.entry("whove", "who've"),
      Map.entry("whyll", "why'll"),
      Map.entry("whyre", "why're"),
      Map.entry("whys", "why's"),
      Map.entry("wont", "won't"),
      Map.entry("wouldve", "would've"),
      Map.entry("wouldnt", "wouldn't"),
      Map.entry("wouldnt've", "wouldn't've"),
      Map.entry("wouldn'tve", "wouldn't've"),
      Map.entry("yall", "y'all"),
      Map.entry("yall'll", "y'all'll"),
      Map.entry("y'allll", "y'all'll"),
      Map.entry("yall'd've", "y'all'd've"),
      Map.entry("y'alld've", "y'all'd've"),
      Map.entry("y'all'dve", "y'all'd've"),
      Map.entry("youd", "you'd"),
      Map.entry("youd've", "you'd've"),
      Map.entry("you'dve", "you'd've"),
      Map.entry("youll", "you'll"),
      Map.entry("youre", "you're"),
      Map.entry("youve", "you've"));

  private AnswerProcessor() {}

  /**
   * Normalizes an answer the way the official evaluator does when annotators disagree:
   * {@code processDigitArticle(processPunctuation(clean(answer)))}; used for answer vocabularies
   * and multiple-choice scoring.
   *
   * @param answer a raw answer; not null
   * @return the normalized answer: lower case, single spaces, no articles; may be empty (e.g. for
   *     {@code "the"})
   * @throws NullPointerException if {@code answer} is null
   */
  public static String normalize(String answer) {
    return processDigitArticle(processPunctuation(clean(answer)));
  }

  /**
   * As {@link #normalize(String)}, remembering each distinct answer's result (thread-safe). The
   * process-wide cache stops growing at 2<sup>20</sup> entries; later answers are still
   * normalized, just not remembered.
   *
   * @param answer a raw answer; not null
   * @return the same string as {@link #normalize(String)}
   * @throws NullPointerException if {@code answer} is null
   */
  public static String normalizeCached(String answer) {
    String known = CACHE.get(answer);
    if (known != null) {
      return known;
    }
    String normalized = normalize(answer);
    if (CACHE.size() < CACHE_LIMIT) {
      CACHE.put(answer, normalized);
    }
    return normalized;
  }

  // Human answers repeat ("yes", "2", "red"): VQA v2's 4.4 M training answers have a few hundred
  // thousand distinct strings, each normalized once.
  private static final int CACHE_LIMIT = 1 << 20;
  private static final java.util.concurrent.ConcurrentHashMap<String, String> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();



  /**
   * Replaces newlines and tabs by spaces and strips leading and trailing whitespace.
   *
   * @param answer a raw answer; not null
   * @return the cleaned answer; inner runs of spaces are kept
   * @throws NullPointerException if {@code answer} is null
   */
  public static String clean(String answer) {
    Objects.requireNonNull(answer, "answer");
    return pythonStrip(answer.replace('\n', ' ').replace('\t', ' '));
  }

  /**
   * Deletes or blanks out punctuation as {@code VQAEval.processPunctuation} does, then deletes up
   * to 32 periods that are not followed by a digit; may leave repeated or trailing spaces.
   *
   * @param inText the text, usually the result of {@link #clean}; not null
   * @return the text without its punctuation marks (each one deleted or replaced by a space)
   * @throws NullPointerException if {@code inText} is null
   */
  public static String processPunctuation(String inText) {
    Objects.requireNonNull(inText, "inText");
    boolean commaBetweenDigits = COMMA_STRIP.matcher(inText).find();
    String outText = inText;
    for (String p : PUNCTUATION) {
      // The test is on the original text; only the replacement applies to the running result.
      if (inText.contains(p + " ") || inText.contains(" " + p) || commaBetweenDigits) {
        outText = outText.replace(p, "");
      } else {
        outText = outText.replace(p, " ");
      }
    }
    return removePeriods(outText);
  }

  /**
   * Lowercases, splits on whitespace, maps number words ({@code none}, {@code zero} ..
   * {@code ten}) to digits, drops the articles {@code a}, {@code an}, {@code the}, expands the
   * official contractions and joins the words with single spaces.
   *
   * @param inText the text, usually the result of {@link #processPunctuation}; not null
   * @return the processed words joined by single spaces; empty if no word remains
   * @throws NullPointerException if {@code inText} is null
   */
  public static String processDigitArticle(String inText) {
    Objects.requireNonNull(inText, "inText");
    List<String> words = new ArrayList<>();
    for (String word : pythonSplit(pythonLower(inText))) {
      String mapped = NUMBER_WORDS.getOrDefault(word, word);
      if (!ARTICLES.contains(mapped)) {
        words.add(mapped);
      }
    }
    words.replaceAll(word -> CONTRACTIONS.getOrDefault(word, word));
    return String.join(" ", words);
  }

  /**
   * Returns the official contractions map, keys as written in {@code vqaEval.py}.
   *
   * @return the map from a contraction as annotators misspell it (e.g. {@code aint}) to its
   *     official spelling ({@code ain't}) (unmodifiable)
   */
  public static Map<String, String> contractions() {
    return CONTRACTIONS;
  }

  /**
   * Returns the official number-word map ({@code "none"} and {@code "zero"} .. {@code "ten"}).
   *
   * @return the map from number word to digit string, {@code "none"} to {@code "0"} (unmodifiable)
   */
  public static Map<String, String> numberWords() {
    return NUMBER_WORDS;
  }

  /**
   * Returns the articles dropped by {@link #processDigitArticle}.
   *
   * @return {@code a}, {@code an} and {@code the} (unmodifiable)
   */
  public static Set<String> articles() {
    return ARTICLES;
  }

  /**
   * Returns the official punctuation marks.
   *
   * @return the marks, one string each, in the order {@link #processPunctuation} handles them
   *     (unmodifiable)
   */
  public static List<String> punctuation() {
    return PUNCTUATION;
  }

  private static String removePeriods(String text) {
    Matcher m = PERIOD_STRIP.matcher(text);
    StringBuilder sb = new StringBuilder(text.length());
    int last = 0;
    int removed = 0;
    while (removed < MAX_PERIODS_REMOVED && m.find()) {
      sb.append(text, last, m.start());
      last = m.end();
      removed++;
    }
    sb.append(text, last, text.length());
    return sb.toString();
  }

  /**
   * Python 3 {@code str.lower()}: Java's root-locale lowercasing agrees except for the capital
   * sigma, whose final form Python chooses by the Unicode Final_Sigma rule
   * ({@code cased case-ignorable* Σ !(case-ignorable* cased)}).
   */
  static String pythonLower(String s) {
    int sigma = s.indexOf(CAPITAL_SIGMA);
    if (sigma < 0) {
      return s.toLowerCase(Locale.ROOT);
    }
    StringBuilder sb = new StringBuilder(s.length() + 8);
    int start = 0;
    while (sigma >= 0) {
      // Segments without a capital sigma have no context-dependent lowercasing in the root locale.
      sb.append(s.substring(start, sigma).toLowerCase(Locale.ROOT));
      sb.append(isFinalSigma(s, sigma) ? SMALL_FINAL_SIGMA : SMALL_SIGMA);
      start = sigma + 1;
      sigma = s.indexOf(CAPITAL_SIGMA, start);
    }
    sb.append(s.substring(start).toLowerCase(Locale.ROOT));
    return sb.toString();
  }

  /** CPython's {@code handle_capital_sigma}. */
  private static boolean isFinalSigma(String s, int i) {
    int j = i;
    int c = -1;
    while (j > 0) {
      c = s.codePointBefore(j);
      j -= Character.charCount(c);
      if (!isCaseIgnorable(c)) {
        break;
      }
      c = -1;
    }
    if (c < 0 || !isCased(c)) {
      return false;
    }
    j = i + 1;
    while (j < s.length()) {
      c = s.codePointAt(j);
      if (!isCaseIgnorable(c)) {
        return !isCased(c);
      }
      j += Character.charCount(c);
    }
    return true;
  }

  /** Unicode property Cased: lowercase, uppercase or titlecase. */
  private static boolean isCased(int cp) {
    return Character.isLowerCase(cp) || Character.isUpperCase(cp) || Character.isTitleCase(cp);
  }

  /**
   * Unicode property Case_Ignorable: categories Mn, Me, Cf, Lm, Sk, or Word_Break MidLetter,
   * MidNumLet or Single_Quote.
   */
  private static boolean isCaseIgnorable(int cp) {
    return switch (Character.getType(cp)) {
      case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.FORMAT,
          Character.MODIFIER_LETTER, Character.MODIFIER_SYMBOL -> true;
      default -> switch (cp) {
        // Word_Break MidLetter, MidNumLet and Single_Quote.
        case 0x27, 0x2E, 0x3A, 0xB7, 0x387, 0x55F, 0x5F4, 0x2018, 0x2019, 0x2024, 0x2027,
            0xFE13, 0xFE52, 0xFE55, 0xFF07, 0xFF0E, 0xFF1A -> true;
        default -> false;
      };
    };
  }

  /** Python 3 {@code str.isspace()} for one code point. */
  static boolean isPythonSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
  }

  /** Python 3 {@code str.strip()} with no argument. */
  static String pythonStrip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isPythonSpace(s.codePointAt(start))) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && isPythonSpace(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  /** Python 3 {@code str.split()} with no argument: runs of whitespace separate, no empty words. */
  static List<String> pythonSplit(String s) {
    List<String> words = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && isPythonSpace(s.codePointAt(i))) {
        i += Character.charCount(s.codePointAt(i));
      }
      int start = i;
      while (i < n && !isPythonSpace(s.codePointAt(i))) {
        i += Character.charCount(s.codePointAt(i));
      }
      if (i > start) {
        words.add(s.substring(start, i));
      }
    }
    return words;
  }
}
