package ai.glimpse.preprocessing.text;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * The ways question text becomes tokens. Stored in JSON by its lower-case name
 * ({@code "words"}, {@code "wordpiece"}).
 */
public enum TokenizerKind {
  /**
   * Words split on whitespace and punctuation ({@link Tokenizer}), with a vocabulary built from
   * the training questions.
   */
  WORDS,
  /**
   * BERT's WordPiece sub-words ({@link WordpieceTokenizer}), with the vocabulary of a
   * {@code vocab.txt} file.
   */
  WORDPIECE;

  /**
   * Returns the JSON and command-line name.
   *
   * @return the lower-case constant name, {@code words} or {@code wordpiece}
   */
  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the kind named {@code name} (lower-case, as {@link #jsonName()} writes it).
   *
   * @param name the name, matched exactly (case-sensitive)
   * @return the kind
   * @throws IllegalArgumentException naming the expected values when {@code name} is none of them
   */
  @JsonCreator
  public static TokenizerKind fromJson(String name) {
    for (TokenizerKind k : values()) {
      if (k.jsonName().equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown tokenizer kind '" + name + "', expected one of "
        + Arrays.stream(values()).map(TokenizerKind::jsonName).toList());
  }
}
