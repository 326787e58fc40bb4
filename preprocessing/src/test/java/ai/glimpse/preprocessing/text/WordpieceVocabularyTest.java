package ai.glimpse.preprocessing.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordpieceVocabularyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TokenizerConfig CONFIG = TokenizerConfig.wordpiece(true, 6);

  @TempDir
  Path tmp;

  private Path vocabTxt(String... lines) throws IOException {
    Path file = tmp.resolve("vocab.txt");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void theFileIsTheVocabularyInLineOrder() throws IOException {
    // [UNK] on line 4 (index 3), as BERT's files have [unused] entries before it.
    Vocabulary v = Vocabulary.readWordpiece(
        vocabTxt("[PAD]", "[unused0]", "[CLS]", "[UNK]", "what", "'", "s", "un", "##aff", "##able", "?"),
        CONFIG);
    assertEquals(11, v.size());
    assertEquals(3, v.unkIndex());
    assertEquals("##aff", v.token(8));
    assertEquals(8, v.indexOf("##aff"));
    assertEquals(3, v.indexOf("nope"));
    assertEquals(List.of("what", "'", "s", "un", "##aff", "##able", "?"), v.tokenize("What's unaffable?"));
    // what ' s un ##aff ##able -> cut after 6 of the 7 pieces; "xyz" -> [UNK]; padding with 0.
    assertArrayEquals(new long[] {4, 5, 6, 7, 8, 9}, v.encode("What's unaffable?"));
    assertEquals(7, v.length("What's unaffable?"));
    assertArrayEquals(new long[] {4, 3, 10, 0, 0, 0}, v.encode("what xyz?"));
  }

  @Test
  void padMustBeOnTheFirstLine() throws IOException {
    Path file = vocabTxt("[UNK]", "a", "[PAD]", "b");
    IOException e = assertThrows(IOException.class, () -> Vocabulary.readWordpiece(file, CONFIG));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    assertTrue(e.getMessage().contains("[PAD]"), e.getMessage());
    IOException none = assertThrows(IOException.class,
        () -> Vocabulary.readWordpiece(vocabTxt("[UNK]", "a"), CONFIG));
    assertTrue(none.getMessage().contains("no [PAD]"), none.getMessage());
  }

  @Test
  void unkMustBeSomewhere() throws IOException {
    Path file = vocabTxt("[PAD]", "a", "b");
    IOException e = assertThrows(IOException.class, () -> Vocabulary.readWordpiece(file, CONFIG));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("[UNK]"), e.getMessage());
  }

  @Test
  void duplicatesAndBlankLinesAreErrorsNamingTheLines() throws IOException {
    Path dup = vocabTxt("[PAD]", "a", "[UNK]", "b", "a");
    IOException e = assertThrows(IOException.class, () -> Vocabulary.readWordpiece(dup, CONFIG));
    assertTrue(e.getMessage().contains(dup + " line 5"), e.getMessage());
    assertTrue(e.getMessage().contains("'a' duplicates line 2"), e.getMessage());
    Path blank = vocabTxt("[PAD]", "[UNK]", "", "b");
    IOException b = assertThrows(IOException.class, () -> Vocabulary.readWordpiece(blank, CONFIG));
    assertTrue(b.getMessage().contains(blank + " line 3: blank"), b.getMessage());
  }

  @Test
  void theTokenListChecksTheSameRules() {
    IllegalArgumentException pad = assertThrows(IllegalArgumentException.class,
        () -> new Vocabulary(List.of("[UNK]", "[PAD]"), CONFIG));
    assertTrue(pad.getMessage().contains("[PAD] at index 0"), pad.getMessage());
    IllegalArgumentException unk = assertThrows(IllegalArgumentException.class,
        () -> new Vocabulary(List.of("[PAD]", "a"), CONFIG));
    assertTrue(unk.getMessage().contains("[UNK]"), unk.getMessage());
    IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
        () -> new Vocabulary(List.of("[PAD]", "[UNK]", "a", "a"), CONFIG));
    assertTrue(dup.getMessage().contains("'a' at indices 2 and 3"), dup.getMessage());
  }

  @Test
  void wordpieceConfigUsesBertsSpecialTokens() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TokenizerConfig(true, 5, "<pad>", "<unk>", TokenizerKind.WORDPIECE));
    assertTrue(e.getMessage().contains("[PAD]") && e.getMessage().contains("<pad>"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Vocabulary.build(List.of("a question"), CONFIG, 1));
  }

  @Test
  void configRoundTripsThroughJsonWithALowerCaseKind() throws IOException {
    String json = JSON.writeValueAsString(CONFIG);
    assertTrue(json.contains("\"kind\":\"wordpiece\""), json);
    assertEquals(CONFIG, JSON.readValue(json, TokenizerConfig.class));
    TokenizerConfig words = TokenizerConfig.defaults(14);
    assertTrue(JSON.writeValueAsString(words).contains("\"kind\":\"words\""));
    assertEquals(words, JSON.readValue(JSON.writeValueAsString(words), TokenizerConfig.class));
  }

  @Test
  void jsonWithoutAKindReadsAsWords() throws IOException {
    TokenizerConfig old = JSON.readValue(
        "{\"lowercase\":true,\"maxLength\":14,\"padToken\":\"<pad>\",\"unkToken\":\"<unk>\"}",
        TokenizerConfig.class);
    assertEquals(TokenizerKind.WORDS, old.kind());
    assertEquals(TokenizerConfig.defaults(14), old);
    Exception e = assertThrows(Exception.class, () -> JSON.readValue(
        "{\"lowercase\":true,\"maxLength\":14,\"padToken\":\"[PAD]\",\"unkToken\":\"[UNK]\",\"kind\":\"bert\"}",
        TokenizerConfig.class));
    assertTrue(e.getMessage().contains("unknown tokenizer kind 'bert'"), e.getMessage());
  }

  @Test
  void aReloadedVocabularyEncodesIdentically() throws IOException {
    Vocabulary v = Vocabulary.readWordpiece(
        vocabTxt("[PAD]", "[UNK]", "cafe", "中", "un", "##aff", "##able", "?"), CONFIG);
    TokenizerConfig config = JSON.readValue(JSON.writeValueAsString(v.config()), TokenizerConfig.class);
    Vocabulary reloaded = new Vocabulary(v.tokens(), config);
    for (String q : List.of("Café unaffable?", "中国?", "x")) {
      assertArrayEquals(v.encode(q), reloaded.encode(q), q);
    }
    assertArrayEquals(new long[] {2, 4, 5, 6, 7, 0}, reloaded.encode("Café unaffable?"));
  }

  @Test
  void gloveRowsTreatTheWordpieceUnknownTokenAsUnknown() throws IOException {
    // [UNK] at index 2: it gets a random row even though the GloVe file has a vector for it.
    Vocabulary v = new Vocabulary(List.of("[PAD]", "red", "[UNK]", "cube"), CONFIG);
    Path glove = tmp.resolve("glove.txt");
    Files.writeString(glove, "[UNK] 9 9\nred 1 2\ncube 3 4\n");
    GloveMatrix m = GloveEmbeddings.read(glove, v, 1L);
    assertArrayEquals(new float[] {0, 0}, m.row(0), 0f);
    assertArrayEquals(new float[] {1, 2}, m.row(1), 0f);
    assertTrue(Math.abs(m.row(2)[0]) <= GloveEmbeddings.INIT_RANGE);
    assertArrayEquals(new float[] {3, 4}, m.row(3), 0f);
    assertEquals(2, m.total());
    assertEquals(2, m.found());
  }
}
