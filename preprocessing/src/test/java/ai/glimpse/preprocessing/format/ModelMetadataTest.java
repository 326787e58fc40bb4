package ai.glimpse.preprocessing.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.preprocessing.text.TokenizerConfig;
import ai.glimpse.preprocessing.text.TokenizerKind;
import ai.glimpse.preprocessing.text.Vocabulary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelMetadataTest {
  private static ModelMetadata metadata(TokenizerConfig tokenizer, List<String> vocabulary) {
    return new ModelMetadata(ModelMetadata.FORMAT_VERSION, "saaa", tokenizer, vocabulary,
        List.of("yes", "no"), new ModelMetadata.ImageInput("image_pixels", FeatureShape.pixels(64)),
        "{}", new ModelMetadata.Provenance("0.1", "abc", 3, 55.5, null, 0));
  }

  @Test
  void aWordpieceVocabularyRoundTripsAndEncodesIdentically() {
    TokenizerConfig config = TokenizerConfig.wordpiece(true, 8);
    List<String> tokens = List.of("[PAD]", "[unused0]", "[UNK]", "what", "'", "s", "un", "##aff",
        "##able", "?", "cafe");
    ModelMetadata m = metadata(config, tokens);
    ModelMetadata back = ModelMetadata.fromProperties(m.toProperties(), "model.onnx");
    assertEquals(config, back.tokenizer());
    assertEquals(TokenizerKind.WORDPIECE, back.tokenizer().kind());
    assertEquals(tokens, back.vocabulary());
    Vocabulary before = new Vocabulary(tokens, config);
    Vocabulary after = new Vocabulary(back.vocabulary(), back.tokenizer());
    for (String q : List.of("What's unaffable?", "Café?", "unknown words here")) {
      assertArrayEquals(before.encode(q), after.encode(q), q);
    }
    assertArrayEquals(new long[] {3, 4, 5, 6, 7, 8, 9, 0}, after.encode("What's unaffable?"));
    assertArrayEquals(new long[] {2, 2, 2, 0, 0, 0, 0, 0}, after.encode("unknown words here"));
  }

  @Test
  void metadataWrittenBeforeTheKindReadsAsWords() {
    Map<String, String> props = new HashMap<>(
        metadata(TokenizerConfig.defaults(14), List.of("<pad>", "<unk>", "red")).toProperties());
    props.put(ModelMetadata.PREFIX + "tokenizer",
        "{\"lowercase\":true,\"maxLength\":14,\"padToken\":\"<pad>\",\"unkToken\":\"<unk>\"}");
    ModelMetadata back = ModelMetadata.fromProperties(props, "old.onnx");
    assertEquals(TokenizerKind.WORDS, back.tokenizer().kind());
    Vocabulary v = new Vocabulary(back.vocabulary(), back.tokenizer());
    assertEquals(1, v.unkIndex());
    assertArrayEquals(new long[] {2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, v.encode("Red cube?"));
  }

  @Test
  void theFormatVersionIsWrittenAsMajorMinorAndANewerMajorIsRefusedByName() {
    Map<String, String> props = new HashMap<>(
        metadata(TokenizerConfig.defaults(14), List.of("<pad>", "<unk>", "red")).toProperties());
    assertEquals("1.1", props.get(ModelMetadata.PREFIX + "format_version"));

    props.put(ModelMetadata.PREFIX + "format_version", "1");
    assertEquals(new FormatVersion(1, 0), ModelMetadata.fromProperties(props, "old.onnx").formatVersion());
    props.put(ModelMetadata.PREFIX + "format_version", "1.7");
    assertEquals(new FormatVersion(1, 7), ModelMetadata.fromProperties(props, "newer-minor.onnx").formatVersion());

    props.put(ModelMetadata.PREFIX + "format_version", "2.0");
    FormatVersion.UnsupportedFormatException e = assertThrows(FormatVersion.UnsupportedFormatException.class,
        () -> ModelMetadata.fromProperties(props, "future.onnx"));
    assertTrue(e.getMessage().startsWith("future.onnx"), e.getMessage());
    assertTrue(e.getMessage().contains("format version 2.0 is newer than this Glimpse reads (1.x, up to 1.1)"),
        e.getMessage());

    props.put(ModelMetadata.PREFIX + "format_version", "one");
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> ModelMetadata.fromProperties(props, "odd.onnx"));
    assertTrue(bad.getMessage().contains("odd.onnx") && bad.getMessage().contains("'one'"), bad.getMessage());
  }
}
