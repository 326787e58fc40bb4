package ai.glimpse.evaluation.captions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tokenization of the COCO caption evaluation: Stanford's PTBTokenizer with lower-casing, then
 * the removal of every token in the evaluation's punctuation list ({@code '' ' `` ` -LRB- -RRB-
 * -LCB- -RCB- . ? ! , : - -- ... ;}).
 *
 * <p>This is a rule-based re-implementation of the PTB conventions that matter for captions:
 * sentence punctuation ({@code . , ; : ? !}), quotes and brackets become tokens of their own (and
 * are then removed), except a comma or colon between digits ({@code 1,000}, {@code 10:30}) and
 * periods inside a token ({@code 2.5}, {@code u.s.}); the clitics {@code n't 's 're 've 'll 'd 'm}
 * and a trailing possessive {@code '} are split off ({@code don't} becomes {@code do n't},
 * {@code man's} becomes {@code man 's}), and {@code cannot} becomes {@code can not}; hyphenated
 * words stay whole ({@code black-and-white}), while {@code --} splits; {@code $}, {@code %} and
 * {@code #} are tokens of their own and are kept, as the evaluation keeps them. Brackets, which
 * PTBTokenizer writes as {@code -LRB-} and the like, are removed with the punctuation; square
 * brackets ({@code -LSB-}, {@code -RSB-}) are not in the list and stay, lower-cased.
 */
public final class PtbTokenizer {
  /** The evaluation's punctuation list (pycocoevalcap {@code ptbtokenizer.PUNCTUATIONS}). */
  public static final Set<String> PUNCTUATIONS = Set.of("''", "'", "``", "`", "-LRB-", "-RRB-",
      "-LCB-", "-RCB-", ".", "?", "!", ",", ":", "-", "--", "...", ";");

  private static final Pattern CLITIC =
      Pattern.compile("^(.+?)(n't|'s|'re|'ve|'ll|'d|'m|')$");

  private PtbTokenizer() {}

  /**
   * Returns the lower-cased PTB tokens of {@code caption} without punctuation tokens.
   *
   * @param caption the raw caption; not null
   * @return a new list of tokens, empty for a caption of only whitespace and punctuation
   */
  public static List<String> tokenize(String caption) {
    Objects.requireNonNull(caption, "caption");
    List<String> raw = new ArrayList<>();
    for (String chunk : caption.toLowerCase(Locale.ROOT).split("\\s+")) {
      if (!chunk.isEmpty()) {
        splitChunk(chunk, raw);
      }
    }
    List<String> kept = new ArrayList<>(raw.size());
    for (String t : raw) {
      if (!PUNCTUATIONS.contains(t)) {
        kept.add(t);
      }
    }
    return kept;
  }

  /**
   * Returns {@link #tokenize} joined with single spaces, as the evaluation scores it.
   *
   * @param caption the raw caption; not null
   * @return the normalized caption, possibly empty
   */
  public static String normalize(String caption) {
    return String.join(" ", tokenize(caption));
  }

  /** Splits one whitespace-free chunk into PTB tokens, appending them to {@code out}. */
  private static void splitChunk(String chunk, List<String> out) {
    StringBuilder word = new StringBuilder();
    int n = chunk.length();
    for (int i = 0; i < n; i++) {
      char c = chunk.charAt(i);
      boolean digitsAround = i > 0 && i + 1 < n && Character.isDigit(chunk.charAt(i - 1))
          && Character.isDigit(chunk.charAt(i + 1));
      String alone = switch (c) {
        case '(' -> "-LRB-";
        case ')' -> "-RRB-";
        case '[' -> "-lsb-";
        case ']' -> "-rsb-";
        case '{' -> "-LCB-";
        case '}' -> "-RCB-";
        case '"' -> word.length() == 0 ? "``" : "''";
        case '`' -> "`";
        case '?', '!', ';', '$', '%', '#' -> String.valueOf(c);
        case ',', ':' -> digitsAround ? null : String.valueOf(c);
        case '-' -> i + 1 < n && chunk.charAt(i + 1) == '-' ? "--" : null;
        case '\'' -> word.length() == 0 && !startsClitic(chunk, i) ? "`" : null;
        default -> null;
      };
      if (alone == null) {
        word.append(c);
        continue;
      }
      flushWord(word, out);
      out.add(alone);
      if (alone.equals("--")) {
        i++;
        while (i + 1 < n && chunk.charAt(i + 1) == '-') {
          i++;
        }
      }
    }
    flushWord(word, out);
  }

  /** Whether the apostrophe at {@code i} begins a clitic such as {@code 's} after a split. */
  private static boolean startsClitic(String chunk, int i) {
    String rest = chunk.substring(i);
    return rest.matches("'(s|re|ve|ll|d|m)\\b.*");
  }

  /** Splits trailing periods and clitics off a word and appends the parts. */
  private static void flushWord(StringBuilder word, List<String> out) {
    if (word.length() == 0) {
      return;
    }
    String w = word.toString();
    word.setLength(0);
    List<String> tail = new ArrayList<>();
    // Trailing periods: "..." is one token; a single final period splits off unless the word
    // holds other periods (an abbreviation such as "u.s." or a number such as "2.5.").
    if (w.endsWith("...")) {
      String stem = w.replaceAll("\\.+$", "");
      tail.add(0, w.substring(stem.length()).length() == 3 ? "..." : w.substring(stem.length()));
      w = stem;
    } else if (w.endsWith(".") && w.length() > 1 && w.indexOf('.') == w.length() - 1) {
      tail.add(0, ".");
      w = w.substring(0, w.length() - 1);
    } else if (w.equals(".")) {
      out.add(".");
      return;
    }
    if (w.equals("cannot")) {
      out.add("can");
      out.add("not");
    } else {
      Matcher m = CLITIC.matcher(w);
      if (m.matches()) {
        out.add(m.group(1));
        out.add(m.group(2));
      } else if (!w.isEmpty()) {
        out.add(w);
      }
    }
    out.addAll(tail);
  }
}
