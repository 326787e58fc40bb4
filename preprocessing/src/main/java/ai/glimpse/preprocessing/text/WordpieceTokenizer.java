package ai.glimpse.preprocessing.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Splits question text into WordPiece sub-words exactly as BERT's reference tokenizer
 * ({@code tokenization.py}: {@code BasicTokenizer} then {@code WordpieceTokenizer}) does.
 *
 * <p>The basic step, {@link #words(String)}:
 *
 * <ol>
 *   <li>cleaning: NUL, U+FFFD and control characters (categories Cc and Cf, except tab, newline
 *       and carriage return) are dropped, and every whitespace character (tab, newline, carriage
 *       return, category Zs) becomes a space;
 *   <li>CJK ideographs (the CJK Unified Ideographs blocks and their extensions A to E and the
 *       compatibility blocks) become tokens of their own;
 *   <li>the text is split on whitespace; with lower-casing, each word is lower-cased, decomposed
 *       (NFD) and stripped of its non-spacing marks (category Mn), so {@code "Café"} becomes
 *       {@code "cafe"};
 *   <li>every punctuation character (ASCII 33-47, 58-64, 91-96, 123-126 and Unicode categories
 *       P*) becomes a token of its own, so {@code "what's"} becomes {@code what ' s}.
 * </ol>
 *
 * <p>Then each word is cut greedily into the longest vocabulary entries from its start, every
 * piece after the first written with the {@code ##} prefix ({@code "unaffable"} becomes
 * {@code un ##aff ##able}). A word with no full segmentation, or longer than
 * {@link #MAX_CHARS_PER_WORD} code points, becomes the unknown token as a whole.
 */
public final class WordpieceTokenizer {
  /** Words longer than this many code points become the unknown token, as in BERT. */
  public static final int MAX_CHARS_PER_WORD = 100;
  /** The prefix of a piece that continues a word. */
  public static final String CONTINUATION = "##";

  private final Set<String> vocabulary;
  private final boolean lowercase;
  private final String unkToken;

  /**
   * Creates a tokenizer over {@code vocabulary} (held, not copied: it must not change).
   *
   * @param vocabulary the tokens of {@code vocab.txt}, continuation pieces with their {@code ##}
   *     prefix; not null
   * @param lowercase lower-case and strip accents first (uncased vocabularies)
   * @param unkToken the token of a word that cannot be segmented, e.g. {@code [UNK]}
   */
  public WordpieceTokenizer(Set<String> vocabulary, boolean lowercase, String unkToken) {
    this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    this.lowercase = lowercase;
    this.unkToken = Objects.requireNonNull(unkToken, "unkToken");
  }

  /**
   * Splits text into WordPiece sub-words.
   *
   * @param text the question; not null
   * @return the word pieces of {@code text} in order, each one in the vocabulary or the unknown
   *     token; a new list, not cut to any maximum length
   */
  public List<String> tokenize(String text) {
    List<String> pieces = new ArrayList<>();
    for (String word : words(text)) {
      appendPieces(word, pieces);
    }
    return pieces;
  }

  /**
   * Returns the words of BERT's basic tokenizer: cleaned, split on whitespace, punctuation and
   * CJK ideographs, and lower-cased without accents when lower-casing.
   *
   * @param text the question; not null
   * @return the words in order, before WordPiece segmentation; a new list
   */
  public List<String> words(String text) {
    StringBuilder cleaned = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(cp -> {
      if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
        return;
      }
      if (isCjk(cp)) {
        cleaned.append(' ').appendCodePoint(cp).append(' ');
      } else {
        cleaned.appendCodePoint(isWhitespace(cp) ? ' ' : cp);
      }
    });
    List<String> out = new ArrayList<>();
    for (String token : splitOnWhitespace(cleaned)) {
      if (lowercase) {
        token = stripAccents(token.toLowerCase(Locale.ROOT));
      }
      splitOnPunctuation(token, out);
    }
    return out;
  }

  private void appendPieces(String word, List<String> out) {
    int[] cps = word.codePoints().toArray();
    if (cps.length > MAX_CHARS_PER_WORD) {
      out.add(unkToken);
      return;
    }
    int first = out.size();
    int start = 0;
    while (start < cps.length) {
      String piece = null;
      int end = cps.length;
      while (start < end) {
        String sub = new String(cps, start, end - start);
        if (start > 0) {
          sub = CONTINUATION + sub;
        }
        if (vocabulary.contains(sub)) {
          piece = sub;
          break;
        }
        end--;
      }
      if (piece == null) {
        out.subList(first, out.size()).clear();
        out.add(unkToken);
        return;
      }
      out.add(piece);
      start = end;
    }
  }

  private static List<String> splitOnWhitespace(CharSequence text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    text.codePoints().forEach(cp -> {
      if (isSplitSpace(cp)) {
        if (word.length() > 0) {
          words.add(word.toString());
          word.setLength(0);
        }
      } else {
        word.appendCodePoint(cp);
      }
    });
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }

  private static void splitOnPunctuation(String token, List<String> out) {
    StringBuilder run = new StringBuilder();
    token.codePoints().forEach(cp -> {
      if (isPunctuation(cp)) {
        if (run.length() > 0) {
          out.add(run.toString());
          run.setLength(0);
        }
        out.add(new String(Character.toChars(cp)));
      } else {
        run.appendCodePoint(cp);
      }
    });
    if (run.length() > 0) {
      out.add(run.toString());
    }
  }

  private static String stripAccents(String token) {
    String nfd = Normalizer.normalize(token, Normalizer.Form.NFD);
    StringBuilder sb = new StringBuilder(nfd.length());
    nfd.codePoints().filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
        .forEach(sb::appendCodePoint);
    return sb.toString();
  }

  /** BERT's {@code _is_whitespace}: space, tab, newline, carriage return, category Zs. */
  static boolean isWhitespace(int cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r'
        || Character.getType(cp) == Character.SPACE_SEPARATOR;
  }

  /**
   * What Python's {@code str.split()} splits on, among the characters cleaning leaves: spaces and
   * the line and paragraph separators (categories Zl, Zp).
   */
  private static boolean isSplitSpace(int cp) {
    int type = Character.getType(cp);
    return Character.isWhitespace(cp) || type == Character.SPACE_SEPARATOR
        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
  }

  /** BERT's {@code _is_control}: categories Cc and Cf, except tab, newline and carriage return. */
  static boolean isControl(int cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      return false;
    }
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.FORMAT;
  }

  /** BERT's {@code _is_punctuation}: the ASCII non-alphanumeric symbols and categories P*. */
  static boolean isPunctuation(int cp) {
    if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96)
        || (cp >= 123 && cp <= 126)) {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION, Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION -> true;
      default -> false;
    };
  }

  /** BERT's {@code _is_chinese_char}: the CJK ideograph blocks (not Hangul, Hiragana, Katakana). */
  static boolean isCjk(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F)
        || (cp >= 0x2B740 && cp <= 0x2B81F)
        || (cp >= 0x2B820 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }
}
