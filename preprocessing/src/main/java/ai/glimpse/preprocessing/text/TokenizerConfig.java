package ai.glimpse.preprocessing.text;

/**
 * How question text becomes tokens: the tokenizer kind, lower-casing, the maximum length, and the
 * padding and unknown tokens. Stored in the prepared data and in the exported model, so that
 * prediction tokenizes exactly as training did.
 *
 * <p>JSON written before the kind was recorded has no {@code kind} field; it reads as
 * {@link TokenizerKind#WORDS}, which is what that data used.
 *
 * @param lowercase whether text is lower-cased before splitting (for WordPiece also: accents are
 *     stripped, as for BERT's uncased vocabularies)
 * @param maxLength the number of token positions of a question; longer questions are cut
 * @param padToken the token at index 0, filling positions after the question's end
 * @param unkToken the token standing for words outside the vocabulary: index 1 for
 *     {@link TokenizerKind#WORDS}, wherever {@code vocab.txt} has it for
 *     {@link TokenizerKind#WORDPIECE}
 * @param kind the tokenizer; {@code null} means {@link TokenizerKind#WORDS}
 */
public record TokenizerConfig(boolean lowercase, int maxLength, String padToken, String unkToken,
    TokenizerKind kind) {
  /** The padding token of WordPiece vocabularies. */
  public static final String WORDPIECE_PAD = "[PAD]";
  /** The unknown token of WordPiece vocabularies. */
  public static final String WORDPIECE_UNK = "[UNK]";

  /**
   * Validates the settings; a missing kind becomes {@link TokenizerKind#WORDS}.
   *
   * @param lowercase whether text is lower-cased before splitting
   * @param maxLength the number of token positions, at least 1
   * @param padToken the padding token, non-empty and different from {@code unkToken}
   * @param unkToken the unknown token, non-empty
   * @param kind the tokenizer, or {@code null} for {@link TokenizerKind#WORDS}; WordPiece requires
   *     {@link #WORDPIECE_PAD} and {@link #WORDPIECE_UNK}
   * @throws IllegalArgumentException if {@code maxLength < 1}, a token is null or empty, both tokens
   *     are equal, or a WordPiece config has other tokens than {@code [PAD]} and {@code [UNK]}
   */
  public TokenizerConfig {
    if (kind == null) {
      kind = TokenizerKind.WORDS;
    }
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be >= 1, got " + maxLength);
    }
    if (padToken == null || padToken.isEmpty() || unkToken == null || unkToken.isEmpty()) {
      throw new IllegalArgumentException("padToken and unkToken must be non-empty");
    }
    if (padToken.equals(unkToken)) {
      throw new IllegalArgumentException("padToken and unkToken must differ, both are " + padToken);
    }
    if (kind == TokenizerKind.WORDPIECE
        && (!padToken.equals(WORDPIECE_PAD) || !unkToken.equals(WORDPIECE_UNK))) {
      throw new IllegalArgumentException("the wordpiece tokenizer uses the tokens " + WORDPIECE_PAD
          + " and " + WORDPIECE_UNK + ", got " + padToken + " and " + unkToken);
    }
  }

  /**
   * Creates the settings of the words tokenizer ({@link TokenizerKind#WORDS}).
   *
   * @param lowercase whether text is lower-cased before splitting
   * @param maxLength the number of token positions, at least 1
   * @param padToken the padding token (index 0), non-empty
   * @param unkToken the unknown token (index 1), non-empty and different from {@code padToken}
   * @throws IllegalArgumentException as the canonical constructor
   */
  public TokenizerConfig(boolean lowercase, int maxLength, String padToken, String unkToken) {
    this(lowercase, maxLength, padToken, unkToken, TokenizerKind.WORDS);
  }

  /**
   * Words tokenizer: lower case, at most {@code maxLength} tokens, {@code <pad>} and {@code <unk>}.
   *
   * @param maxLength the number of token positions of a question, at least 1
   * @return the settings
   * @throws IllegalArgumentException if {@code maxLength < 1}
   */
  public static TokenizerConfig defaults(int maxLength) {
    return new TokenizerConfig(true, maxLength, "<pad>", "<unk>", TokenizerKind.WORDS);
  }

  /**
   * WordPiece tokenizer with {@code [PAD]} and {@code [UNK]}, at most {@code maxLength} pieces.
   *
   * @param lowercase true for uncased vocabularies (lower-casing and accent stripping), false for
   *     cased ones
   * @param maxLength the number of piece positions of a question, at least 1
   * @return the settings, of kind {@link TokenizerKind#WORDPIECE}
   * @throws IllegalArgumentException if {@code maxLength < 1}
   */
  public static TokenizerConfig wordpiece(boolean lowercase, int maxLength) {
    return new TokenizerConfig(lowercase, maxLength, WORDPIECE_PAD, WORDPIECE_UNK,
        TokenizerKind.WORDPIECE);
  }
}
