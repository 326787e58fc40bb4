package ai.glimpse.preprocessing.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * BERT's reference tokenizer on tricky inputs; every expected list is worked out by hand from the
 * algorithm of {@code tokenization.py} (basic tokenizer, then greedy longest-match-first pieces).
 */
class WordpieceTokenizerTest {
  private static final Set<String> VOCAB = Set.of("[PAD]", "[UNK]", "un", "##aff", "##able",
      "what", "'", "s", "?", "the", "cafe", "Café", "中", "国", "a", "##a", "cat", "is", "que", "¿", "$", "5", "##0", "shape", "##s");
  private final WordpieceTokenizer uncased = new WordpieceTokenizer(VOCAB, true, "[UNK]");
  private final WordpieceTokenizer cased = new WordpieceTokenizer(VOCAB, false, "[UNK]");

  @Test
  void splitsAWordIntoContinuationPieces() {
    assertEquals(List.of("un", "##aff", "##able"), uncased.tokenize("unaffable"));
    assertEquals(List.of("shape", "##s"), uncased.tokenize("Shapes"));
  }

  @Test
  void takesTheLongestMatchFirstEvenWhenAShorterOneWouldAlsoWork() {
    // "una" is tried before "un"; what is left, "ffable", is "##ffable".
    Set<String> vocab = Set.of("[UNK]", "un", "una", "##aff", "##able", "##ffable");
    assertEquals(List.of("una", "##ffable"),
        new WordpieceTokenizer(vocab, true, "[UNK]").tokenize("unaffable"));
    // Greedy, no backtracking: after "una" nothing matches "ffab", so the word is unknown,
    // although "un ##aff ##ab" would have covered it.
    Set<String> noBacktrack = Set.of("[UNK]", "un", "una", "##aff", "##ab");
    assertEquals(List.of("[UNK]"),
        new WordpieceTokenizer(noBacktrack, true, "[UNK]").tokenize("unaffab"));
  }

  @Test
  void everyPunctuationCharacterIsATokenOfItsOwn() {
    assertEquals(List.of("what", "'", "s", "the", "cat", "?"), uncased.tokenize("What's the cat?"));
    // ASCII symbols count as punctuation ($ is 36), so does Unicode category Po (¿, U+00BF).
    assertEquals(List.of("$", "5", "##0", "¿", "que", "?"), uncased.tokenize("$50 ¿Qué?"));
    assertEquals(List.of("$", "50", "¿", "que", "?"), uncased.words("$50 ¿Qué?"));
    // The euro sign is a currency symbol (Sc), neither ASCII nor P*: it stays inside the word.
    assertEquals(List.of("5€", "^", "^", "-"), uncased.words("5€^^-"));
  }

  @Test
  void lowerCasingStripsAccentsAndCasedKeepsThem() {
    assertEquals(List.of("cafe"), uncased.tokenize("Café"));
    assertEquals(List.of("cafe"), uncased.tokenize("CAFÉ"));
    // Decomposed input (e + combining acute) is the same after NFD.
    assertEquals(List.of("cafe"), uncased.tokenize("Cafe\u0301"));
    assertEquals(List.of("Café"), cased.tokenize("Café"));
    // Cased text is not stripped: "cafe" is in the vocabulary, "Cafe" is not.
    assertEquals(List.of("[UNK]"), cased.tokenize("Cafe"));
  }

  @Test
  void cjkIdeographsAreSeparateTokens() {
    assertEquals(List.of("a", "中", "国", "a"), uncased.words("a中国a"));
    // 人 is a CJK ideograph outside the vocabulary: unknown on its own, the others survive.
    assertEquals(List.of("中", "国", "[UNK]"), uncased.tokenize("中国人"));
    // Hiragana is not in BERT's CJK ranges: it stays one word with its neighbours.
    assertEquals(List.of("aのa"), uncased.words("aのa"));
  }

  @Test
  void cleaningDropsControlCharactersAndNormalisesWhitespace() {
    // NUL, U+FFFD, BEL (Cc) and ZERO WIDTH SPACE (Cf) vanish without splitting the word;
    // tab, newline and NO-BREAK SPACE (Zs) split it.
    assertEquals(List.of("cat", "is", "the", "a"),
        uncased.words("c\u0000a\uFFFDt\tis\nth\u0007e\u200B\u00A0a"));
    assertEquals(List.of("cat", "is", "the", "a"),
        uncased.tokenize("c\u0000a\uFFFDt\tis\nth\u0007e\u200B\u00A0a"));
    assertEquals(List.of(), uncased.tokenize(" \t\r\n\u0000 "));
  }

  @Test
  void wordsLongerThanTheLimitAreUnknown() {
    String hundred = String.join("", Collections.nCopies(100, "a"));
    List<String> pieces = uncased.tokenize(hundred);
    assertEquals(100, pieces.size());
    assertEquals("a", pieces.get(0));
    assertEquals(Collections.nCopies(99, "##a"), pieces.subList(1, 100));
    assertEquals(List.of("[UNK]"), uncased.tokenize(hundred + "a"));
    assertEquals(List.of("cat", "[UNK]", "cat"), uncased.tokenize("cat " + hundred + "a cat"));
  }

  @Test
  void aWordWithoutFullSegmentationIsOneUnknownToken() {
    // "un" matches, then "##afx" and "##af" do not but "##a" does; then neither "##fx" nor "##f":
    // the whole word is [UNK], not "un ##a [UNK]".
    assertEquals(List.of("[UNK]"), uncased.tokenize("unafx"));
    assertEquals(List.of("the", "[UNK]", "?"), uncased.tokenize("the xyz?"));
  }
}
