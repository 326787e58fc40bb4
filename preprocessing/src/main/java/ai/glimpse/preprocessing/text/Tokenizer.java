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

  /**
   * Creates a tokenizer.
   *
   * @param lowercase whether text is lower-cased ({@link Locale#ROOT}) before splitting
   */
  public Tokenizer(boolean lowercase) {
    this.lowercase = lowercase;
  }

  /**
   * Creates the words tokenizer that a {@link TokenizerConfig} describes.
   *
   * @param config the settings, of kind {@link TokenizerKind#WORDS}; its {@link TokenizerConfig#lowercase()}
   *     is used
   * @return a new tokenizer
   * @throws IllegalArgumentException if {@code config} is of another kind: a WordPiece tokenizer needs
   *     its vocabulary, so it comes from {@link Vocabulary#readWordpiece} and {@link Vocabulary#tokenize}
   */
  public static Tokenizer of(TokenizerConfig config) {
    if (config.kind() != TokenizerKind.WORDS) {
      throw new IllegalArgumentException("a " + config.kind().jsonName() + " tokenizer needs its vocabulary: "
          + "read it with Vocabulary.readWordpiece and tokenize with Vocabulary.tokenize");
    }
    return new Tokenizer(config.lowercase());
  }

  /**
   * Splits text into words.
   *
   * @param text the question; not null
   * @return the words of {@code text} in order, without punctuation; empty if it has none. The
   *     list is a new mutable list, not cut to any maximum length
   */
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
