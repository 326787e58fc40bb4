package ai.glimpse.preprocessing.captions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptionVocabularyTest {
  @TempDir Path dir;

  @Test
  void tokenizerLowerCasesStripsPunctuationAndSplitsOnWhitespace() {
    assertEquals(List.of("a", "mans", "blackandwhite", "dog", "on", "the", "mat"),
        CaptionTokenizer.tokenize("  A man's black-and-white DOG, on\tthe mat. "));
    assertEquals(List.of(), CaptionTokenizer.tokenize(" ... !"));
  }

  @Test
  void buildKeepsWordsSeenAtLeastMinCountMostFrequentFirstTiesAlphabetical() {
    // Counts: a=4, circle=3, red=3 (tie: alphabetical after circle), blue=2, square=2, big=1.
    List<String> captions = List.of("A red circle.", "a red circle", "A blue square",
        "a big red circle", "blue square");
    CaptionVocabulary v = CaptionVocabulary.build(captions, 2);
    assertEquals(List.of("<pad>", "<start>", "<end>", "<unk>", "a", "circle", "red", "blue",
        "square"), v.tokens());
    assertEquals(CaptionVocabulary.UNK, v.indexOf("big"));
    // The default threshold of 5 keeps none of these words.
    assertEquals(4, CaptionVocabulary.build(captions).size());
  }

  @Test
  void encodesToFixedLengthWithStartEndPadAndCutsLongCaptionsKeepingEnd() {
    CaptionVocabulary v = new CaptionVocabulary(
        List.of("<pad>", "<start>", "<end>", "<unk>", "a", "red", "circle"), 1);
    assertArrayEquals(new int[] {1, 4, 5, 6, 2, 0, 0}, v.encode("A red circle!", 5));
    assertArrayEquals(new int[] {1, 4, 3, 6, 2, 0, 0}, v.encode("a green circle", 5));
    // Five words with room for three: the first three are kept and <end> closes the caption.
    int[] cut = v.encode("a red circle a red", 3);
    assertArrayEquals(new int[] {1, 4, 5, 6, 2}, cut);
    assertEquals(5, CaptionVocabulary.encodedLength(cut));
    assertEquals(5, CaptionVocabulary.encodedLength(v.encode("A red circle!", 5)));
    assertThrows(IllegalArgumentException.class, () -> v.encode("a", 0));
  }

  @Test
  void decodeSkipsStartAndPadAndStopsAtEnd() {
    CaptionVocabulary v = new CaptionVocabulary(
        List.of("<pad>", "<start>", "<end>", "<unk>", "a", "red", "circle"), 1);
    assertEquals(List.of("a", "red", "<unk>"), v.decode(new int[] {1, 4, 5, 3, 2, 6, 6}));
    assertEquals("a red circle", v.decodeToString(v.encode("a red circle", 10)));
    assertEquals(List.of("red", "circle"), v.decode(new int[] {5, 6}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> v.decode(new int[] {1, 4, 99}));
    assertTrue(e.getMessage().contains("id 99 at position 2"), e.getMessage());
  }

  @Test
  void jsonRoundTripInMemoryAndThroughAFile() throws IOException {
    CaptionVocabulary v = CaptionVocabulary.build(
        Collections.nCopies(5, "a red circle and a \"blue\" square"));
    assertEquals(v, CaptionVocabulary.fromJson(v.toJson()));
    Path file = dir.resolve("vocab/caption_vocab.json");
    v.write(file);
    CaptionVocabulary back = CaptionVocabulary.read(file);
    assertEquals(v.tokens(), back.tokens());
    assertEquals(5, back.minWordCount());
  }

  @Test
  void invalidVocabulariesAreRejectedWithTheReason() throws IOException {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CaptionVocabulary(List.of("<pad>", "<unk>", "<start>", "<end>"), 1));
    assertTrue(e.getMessage().contains("must start with [<pad>, <start>, <end>, <unk>]"));
    e = assertThrows(IllegalArgumentException.class, () -> new CaptionVocabulary(
        List.of("<pad>", "<start>", "<end>", "<unk>", "red", "red"), 1));
    assertTrue(e.getMessage().contains("'red' at indices 4 and 5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> CaptionVocabulary.fromJson("{\"format\": \"other\", \"tokens\": []}"));
    assertTrue(e.getMessage().contains("glimpse-caption-vocabulary"), e.getMessage());
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"format\": \"glimpse-caption-vocabulary\", \"minWordCount\": 5}");
    IOException io = assertThrows(IOException.class, () -> CaptionVocabulary.read(bad));
    assertTrue(io.getMessage().contains("bad.json: caption vocabulary has no \"tokens\" list"),
        io.getMessage());
  }
}
