package ai.glimpse.preprocessing.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
  private final Tokenizer tokenizer = new Tokenizer(true);

  @Test
  void lowerCasesAndSplitsOnWhitespaceAndPunctuation() {
    assertEquals(List.of("what", "color", "is", "the", "large", "circle"),
        tokenizer.tokenize("What color is the large circle?"));
    assertEquals(List.of("is", "there", "a", "red", "square", "or", "a", "blue", "one"),
        tokenizer.tokenize("  Is there a red square,or a blue one?!  "));
    assertEquals(List.of("what's", "left", "of", "the", "man's", "hat"),
        tokenizer.tokenize("What's left of the man's hat?"));
    assertEquals(List.of("how", "many", "2", "x", "4s"), tokenizer.tokenize("How many 2-x-4s?"));
    assertEquals(List.of(), tokenizer.tokenize(" ?! "));
  }

  @Test
  void keepsCaseWhenAsked() {
    assertEquals(List.of("Red", "CUBE"), new Tokenizer(false).tokenize("Red CUBE."));
  }

  @Test
  void ofBuildsWordsTokenizersOnlyBecauseWordpieceNeedsItsVocabulary() {
    assertEquals(List.of("red", "cube"), Tokenizer.of(TokenizerConfig.defaults(8)).tokenize("Red CUBE."));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tokenizer.of(TokenizerConfig.wordpiece(true, 8)));
    assertTrue(e.getMessage().contains("Vocabulary.readWordpiece"), e.getMessage());
  }

  @Test
  void trailingApostropheIsPunctuation() {
    assertEquals(List.of("the", "dogs", "bowl"), tokenizer.tokenize("the dogs' bowl"));
  }

  @Test
  void configRejectsBadSettings() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TokenizerConfig(true, 0, "<pad>", "<unk>"));
    assertTrue(e.getMessage().contains("maxLength"));
    assertThrows(IllegalArgumentException.class, () -> new TokenizerConfig(true, 5, "x", "x"));
  }

  @Test
  void vocabularyPutsPaddingAndUnknownFirstThenWordsByFrequency() {
    Vocabulary v = Vocabulary.build(List.of("Is the cube red?", "Is the ball red?", "the cube"),
        TokenizerConfig.defaults(4), 1);
    // counts: the 3, cube 2, is 2, red 2, ball 1 -> ties broken alphabetically
    assertEquals(List.of("<pad>", "<unk>", "the", "cube", "is", "red", "ball"), v.tokens());
    assertArrayEquals(new long[] {4, 2, 3, 5}, v.encode("is the cube red"));
    // cut after maxLength words, padded with 0, unknown words map to 1
    assertArrayEquals(new long[] {4, 2, 1, 0}, v.encode("is the sphere"));
    assertArrayEquals(new long[] {2, 2, 2, 2}, v.encode("the the the the the the"));
    assertEquals(6, v.length("the the the the the the"));
  }

  @Test
  void vocabularyDropsRareWords() {
    Vocabulary v = Vocabulary.build(List.of("a b b", "b c"), TokenizerConfig.defaults(3), 2);
    assertEquals(List.of("<pad>", "<unk>", "b"), v.tokens());
    assertEquals(Vocabulary.UNK, v.indexOf("a"));
  }

  @Test
  void vocabularyRejectsMalformedTokenLists() {
    assertThrows(IllegalArgumentException.class,
        () -> new Vocabulary(List.of("a", "<unk>"), TokenizerConfig.defaults(3)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Vocabulary(List.of("<pad>", "<unk>", "x", "x"), TokenizerConfig.defaults(3)));
    assertTrue(e.getMessage().contains("'x'"));
  }
}
