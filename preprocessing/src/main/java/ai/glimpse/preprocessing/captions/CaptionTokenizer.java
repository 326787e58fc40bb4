package ai.glimpse.preprocessing.captions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Splits a caption into words as the Show, Attend and Tell preprocessing does: lower-case, delete
 * every ASCII punctuation character ({@code !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~}, Python's {@code
 * string.punctuation}), then split on whitespace. "A man's black-and-white dog." becomes {@code
 * [a, mans, blackandwhite, dog]}.
 */
public final class CaptionTokenizer {
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private CaptionTokenizer() {}

  /**
   * Returns the words of {@code caption}; an empty list if it has none.
   *
   * @param caption any text, not null
   * @return a new, mutable list of non-empty lower-case words without ASCII punctuation, in order
   * @throws NullPointerException if {@code caption} is null
   */
  public static List<String> tokenize(String caption) {
    Objects.requireNonNull(caption, "caption");
    String lower = caption.toLowerCase(Locale.ROOT);
    StringBuilder kept = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (PUNCTUATION.indexOf(c) < 0) {
        kept.append(c);
      }
    }
    List<String> words = new ArrayList<>();
    for (String w : kept.toString().split("\\s+")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }
}
