package ai.glimpse.preprocessing.answers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hand-checked cases of the official VQA answer processing. Each expected value was derived by
 * stepping through the rules of {@code vqaEval.py} by hand (comments give the steps for the
 * quirky ones).
 */
class AnswerProcessorTest {

  @ParameterizedTest(name = "normalize({0}) = {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      // period at the end is not followed by a digit -> removed; "two" -> "2"
      "Two.|2",
      // "the" dropped, "one" -> "1"
      "the red one|red 1",
      // "!" has no neighbouring space -> replaced by a space, then the word split drops it
      "yes!|yes",
      // period followed by a digit is kept
      "3.5|3.5",
      "3.5.|3.5",
      ".5|.5",
      "3.|3",
      "dont|don't",
      "don't|don't",
      "oclock|o'clock",
      "twas|'twas",
      "yall'll|y'all'll",
      // the official map turns this one around
      "somebody'd|somebodyd",
      // keys with capitals never match after lowercasing
      "Im|im",
      "Ive|ive",
      // ", " occurs -> commas removed; then the article "a" is dropped
      "a, b|b",
      // "," not next to a space and no digit,comma,digit -> replaced by a space
      "red,blue|red blue",
      // ", " occurs somewhere -> every comma is removed, even the one without a space
      "fork,knife, spoon|forkknife spoon",
      // digit,comma,digit -> every punctuation mark is removed
      "1,000|1000",
      "(1,2)|12",
      "2, 3|2 3",
      "one, two|1 2",
      "t-shirt|t shirt",
      // " -" occurs -> "-" removed, double space collapses in the split
      "x - y|x y",
      "yes / no|yes no",
      "c++|c",
      "@home|home",
      "black & white|black & white",
      "Mr. Smith|mr smith",
      "a.b.c|abc",
      "ten|10",
      "none|0",
      "zero|0",
      "ONE|1",
      "The Two|2",
      "an apple|apple",
      "one two three|1 2 3",
      "a|~~",
      "~~|~~",
      "hello?|hello",
      "It's|it's",
      "~  multiple   spaces  ~|multiple spaces",
      "~\"quoted\"~|quoted",
      "[brackets]|brackets",
      "{braces}|braces",
      // "=" becomes a space, then the article "a" is dropped
      "a=b|b",
      "x=y|x y",
      "under_score|under score",
      "back\\slash|back slash",
      "<unk>|unk",
      "`tick`|tick",
      "semi;colon|semi colon",
      "eleven|eleven",
      "twos|twos",
      "theres|there's",
      "whats up|what's up",
  })
  void normalizesLikeTheOfficialEvaluator(String raw, String expected) {
    assertEquals(expected, AnswerProcessor.normalize(raw));
  }

  @Test
  void punctuationKeepsSpacesItIntroduces() {
    // "!" replaced by a space; processPunctuation itself does not strip.
    assertEquals("yes ", AnswerProcessor.processPunctuation("yes!"));
    // " -" occurs in the original -> "-" deleted, both spaces stay.
    assertEquals("x  y", AnswerProcessor.processPunctuation("x - y"));
    assertEquals("t shirt", AnswerProcessor.processPunctuation("t-shirt"));
    assertEquals("a b", AnswerProcessor.processPunctuation("a, b"));
    // Articles and number words are not touched by processPunctuation.
    assertEquals("Two", AnswerProcessor.processPunctuation("Two."));
  }

  @Test
  void punctuationTestsTheOriginalTextNotTheRunningResult() {
    // "(" has no neighbouring space in the original -> replaced by a space, which creates
    // " ?" in the running result; "?" must still be decided on the original ("?" then has no
    // neighbouring space) -> replaced by a space too.
    assertEquals("  ", AnswerProcessor.processPunctuation("(?"));
    // ") " occurs in the original, so ")" is deleted; "!" is replaced.
    assertEquals("a b ", AnswerProcessor.processPunctuation("a) b!"));
  }

  @Test
  void removesAtMostThirtyTwoPeriods() {
    // re.UNICODE (= 32) is passed as the count of re.sub in the official code.
    assertEquals(".", AnswerProcessor.processPunctuation(".".repeat(33)));
    assertEquals("........", AnswerProcessor.processPunctuation(".".repeat(40)));
    assertEquals("a".repeat(32) + "a.a.a.",
        AnswerProcessor.processPunctuation("a.".repeat(35)));
    // Periods followed by a digit are not matched and do not use up the count.
    assertEquals("1.2" + "x".repeat(32) + "x.",
        AnswerProcessor.processPunctuation("1.2" + "x.".repeat(33)));
  }

  @Test
  void digitsAreUnicodeDecimalDigits() {
    // Python 3's \d matches ARABIC-INDIC DIGIT FIVE, so this period is kept.
    assertEquals("3.\u0665", AnswerProcessor.processPunctuation("3.\u0665"));
    // ... and "\u0661,\u0662" is a comma between digits, so all marks are deleted.
    assertEquals("\u0661\u0662x", AnswerProcessor.processPunctuation("\u0661,\u0662-x"));
  }

  @Test
  void digitArticleLowercasesSplitsAndJoins() {
    assertEquals("2 dogs", AnswerProcessor.processDigitArticle("  TWO\tdogs\n"));
    assertEquals("", AnswerProcessor.processDigitArticle("the a an"));
    // Mapping happens before the article check, so a number word never becomes an article.
    assertEquals("1", AnswerProcessor.processDigitArticle("a one"));
    // Punctuation is not processed here.
    assertEquals("yes!", AnswerProcessor.processDigitArticle("Yes!"));
    // Python's split() also splits on no-break space and U+0085.
    assertEquals("a\u200bb c d", AnswerProcessor.processDigitArticle("a\u200bb\u00a0c\u0085d"));
  }

  @Test
  void lowercasesCapitalSigmaLikePython() {
    // Final_Sigma: preceded by a cased letter and not followed by one -> final form.
    assertEquals("\u03bf\u03b4\u03bf\u03c2", AnswerProcessor.processDigitArticle("\u039f\u0394\u039f\u03a3"));
    // Alone, or followed by a letter -> ordinary small sigma.
    assertEquals("\u03c3", AnswerProcessor.processDigitArticle("\u03a3"));
    assertEquals("\u03c3\u03bf", AnswerProcessor.processDigitArticle("\u03a3\u039f"));
    // A hyphen is not case-ignorable, so this sigma is not final.
    assertEquals("w-\u03c3", AnswerProcessor.processDigitArticle("W-\u03a3"));
  }

  @Test
  void cleanReplacesNewlinesAndTabsThenStrips() {
    assertEquals("yes", AnswerProcessor.clean("\tyes\n"));
    assertEquals("a b", AnswerProcessor.clean("a\nb"));
    assertEquals("a b", AnswerProcessor.clean("a\tb"));
    assertEquals("a   b", AnswerProcessor.clean(" a \n b "));
    assertEquals("x", AnswerProcessor.clean("\u00a0x\r"));
    assertEquals("", AnswerProcessor.clean(" \n\t "));
  }

  @Test
  void exposesTheOfficialTables() {
    Map<String, String> contractions = AnswerProcessor.contractions();
    assertEquals(120, contractions.size());
    assertEquals("you've", contractions.get("youve"));
    assertEquals("ain't", contractions.get("aint"));
    assertEquals(12, AnswerProcessor.numberWords().size());
    assertEquals("10", AnswerProcessor.numberWords().get("ten"));
    assertEquals(List.of(";", "/", "[", "]", "\"", "{", "}", "(", ")", "=", "+", "\\", "_", "-",
        ">", "<", "@", "`", ",", "?", "!"), AnswerProcessor.punctuation());
    assertTrue(AnswerProcessor.articles().contains("an"));
    assertFalse(AnswerProcessor.articles().contains("one"));
    assertThrows(UnsupportedOperationException.class, () -> contractions.put("x", "y"));
  }

  @Test
  void rejectsNull() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> AnswerProcessor.normalize(null));
    assertTrue(e.getMessage().contains("answer"));
  }
}
