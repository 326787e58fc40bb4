package ai.glimpse.preprocessing.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits question text into words: optional lower-casing, then a split on whitespace and
 * punctuation, where each punctuation mark is dropped (an apostrophe inside a word is kept, so
 * {@code "what's"} stays one token).
 */
public final class Tokenizer {
  private final boolean lowercase;

  /** Creates a tokenizer that lower-cases text when {@code lowercase} is true. */
  public Tokenizer(boolean lowercase) {
    this.lowercase = lowercase;
  }

  /** Creates the tokenizer that a {@link TokenizerConfig} describes. */
  public static Tokenizer of(TokenizerConfig config) {
    return new Tokenizer(config.lowercase());
  }

  /** Returns the words of {@code text}, in order, without punctuation. */
  public List<String> tokenize(String text) {
    String s = lowercase ? text.toLowerCase(Locale.ROOT) : text;
    List<String> tokens = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean innerApostrophe = c == '\'' && word.length() > 0 && i + 1 < s.length()
          && Character.isLetterOrDigit(s.charAt(i + 1));
      if (Character.isLetterOrDigit(c) || innerApostrophe) {
        word.append(c);
      } else if (word.length() > 0) {
        tokens.add(word.toString());
        word.setLength(0);
      }
    }
    if (word.length() > 0) {
      tokens.add(word.toString());
    }
    return tokens;
  }
}
