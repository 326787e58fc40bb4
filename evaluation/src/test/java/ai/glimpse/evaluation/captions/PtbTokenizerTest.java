package ai.glimpse.evaluation.captions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PtbTokenizerTest {
  @Test
  void lowerCasesSplitsPunctuationAndRemovesTheEvaluationsPunctuationList() {
    assertEquals(List.of("a", "man", "'s", "dog", "brown", "sat", "quietly"),
        PtbTokenizer.tokenize("A man's dog (brown) sat, quietly."));
    assertEquals(List.of("i", "do", "n't", "know", "hello", "she", "said"),
        PtbTokenizer.tokenize("I don't know... \"Hello!\" -- she said;"));
  }

  @Test
  void keepsHyphenatedWordsNumbersAndAbbreviationsWhole() {
    assertEquals(List.of("a", "black-and-white", "photo", "of", "1,000", "dogs", "at", "10:30"),
        PtbTokenizer.tokenize("A black-and-white photo of 1,000 dogs at 10:30."));
    assertEquals(List.of("2.5", "miles", "in", "the", "u.s."),
        PtbTokenizer.tokenize("2.5 miles in the U.S."));
  }

  @Test
  void splitsPossessivesCannotAndQuotes() {
    assertEquals(List.of("the", "dogs", "toys", "can", "not", "fit", "hi"),
        PtbTokenizer.tokenize("The dogs' toys cannot fit 'hi'"));
    assertEquals(List.of("$", "5", "and", "50", "%"), PtbTokenizer.tokenize("$5 and 50%"));
    assertEquals("a red circle", PtbTokenizer.normalize("  A red circle . "));
    assertEquals(List.of(), PtbTokenizer.tokenize("..."));
  }
}
