package ai.glimpse.preprocessing.text;

/**
 * How question text becomes tokens: lower-casing, the maximum length, and the padding and
 * unknown tokens. Stored in the prepared data and in the exported model, so that prediction
 * tokenizes exactly as training did.
 *
 * @param lowercase whether text is lower-cased before splitting
 * @param maxLength the number of token positions of a question; longer questions are cut
 * @param padToken the token at index 0, filling positions after the question's end
 * @param unkToken the token at index 1, standing for words outside the vocabulary
 */
public record TokenizerConfig(boolean lowercase, int maxLength, String padToken, String unkToken) {
  /** Validates the settings. */
  public TokenizerConfig {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be >= 1, got " + maxLength);
    }
    if (padToken == null || padToken.isEmpty() || unkToken == null || unkToken.isEmpty()) {
      throw new IllegalArgumentException("padToken and unkToken must be non-empty");
    }
    if (padToken.equals(unkToken)) {
      throw new IllegalArgumentException("padToken and unkToken must differ, both are " + padToken);
    }
  }

  /** Lower case, at most {@code maxLength} tokens, {@code <pad>} and {@code <unk>}. */
  public static TokenizerConfig defaults(int maxLength) {
    return new TokenizerConfig(true, maxLength, "<pad>", "<unk>");
  }
}
