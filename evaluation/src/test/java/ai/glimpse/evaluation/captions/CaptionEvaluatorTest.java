package ai.glimpse.evaluation.captions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.captions.Caption;
import ai.glimpse.preprocessing.captions.CaptionDataset;
import ai.glimpse.preprocessing.captions.CaptionImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptionEvaluatorTest {
  @TempDir Path dir;

  private static Map<Long, List<String>> refs() {
    Map<Long, List<String>> refs = new LinkedHashMap<>();
    refs.put(1L, List.of("A red circle.", "a red circle on black"));
    refs.put(2L, List.of("Two blue squares!", "two squares"));
    return refs;
  }

  @Test
  void tokenizesThenScoresWithAllMetrics() {
    // Candidates equal to a reference up to case and punctuation: perfect BLEU-1/2 and ROUGE-L.
    // Image 1 "a red circle" has 1 trigram, image 2 "two blue squares" 1: BLEU-3 = 1, while
    // BLEU-4 has no 4-gram at all: (0 + 1e-15) / (0 + 1e-9) = 1e-6 -> 4th root of 1e-6.
    CaptionEvaluation e = new CaptionEvaluator().evaluate(List.of(
        new CaptionResult(1, "a RED circle"), new CaptionResult(2, "two blue squares.")), refs());
    assertEquals(1.0, e.bleu1(), 1e-9);
    assertEquals(1.0, e.bleu2(), 1e-9);
    assertEquals(1.0, e.bleu3(), 1e-9);
    assertEquals(Math.pow(1e-6, 0.25), e.bleu4(), 1e-9);
    assertEquals(1.0, e.rougeL(), 1e-12);
    assertTrue(e.ciderD() > 0);
    assertEquals(CiderD.corpus(
        List.of(PtbTokenizer.tokenize("a red circle"), PtbTokenizer.tokenize("two blue squares")),
        List.of(List.of(PtbTokenizer.tokenize("A red circle."),
                PtbTokenizer.tokenize("a red circle on black")),
            List.of(PtbTokenizer.tokenize("Two blue squares!"),
                PtbTokenizer.tokenize("two squares")))), e.ciderD(), 1e-12);
  }

  @Test
  void rejectsUnknownDuplicatedAndMissingImagesNamingTheId() {
    CaptionEvaluator ev = new CaptionEvaluator();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ev.evaluate(
        List.of(new CaptionResult(1, "x"), new CaptionResult(2, "y"), new CaptionResult(9, "z")),
        refs()));
    assertTrue(e.getMessage().contains("image_id 9"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ev.evaluate(
        List.of(new CaptionResult(1, "x"), new CaptionResult(1, "y")), refs()));
    assertTrue(e.getMessage().contains("image_id 1 has more than one"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ev.evaluate(List.of(new CaptionResult(1, "x")), refs()));
    assertTrue(e.getMessage().contains("1 of 2 images have no candidate")
        && e.getMessage().contains("[2]"), e.getMessage());
  }

  @Test
  void datasetReferencesSkipImagesWithoutCaptions() {
    CaptionDataset d = new CaptionDataset(
        List.of(new CaptionImage(1, "a", 1, 1), new CaptionImage(2, "b", 1, 1)),
        List.of(new Caption(10, 1, "a red circle"), new Caption(11, 1, "one red circle")));
    CaptionEvaluation e = new CaptionEvaluator()
        .evaluate(List.of(new CaptionResult(1, "a red circle")), d);
    assertEquals(1.0, e.rougeL(), 1e-12);
  }

  @Test
  void baselinePicksTheMostFrequentTokenizedCaptionWithAlphabeticalTies() {
    // "a red circle" appears 2 times once tokenized ("A red circle." and "a red circle"),
    // as does "a blue square"; the tie goes to the alphabetically smaller "a blue square".
    MostFrequentCaptionBaseline b = MostFrequentCaptionBaseline.fit(List.of("A red circle.",
        "a red circle", "a blue square", "A blue square!", "two shapes"));
    assertEquals(new MostFrequentCaptionBaseline("a blue square", 2), b);
    assertEquals(b, MostFrequentCaptionBaseline.fit(List.of("a blue square", "two shapes",
        "a red circle", "A blue square!", "A red circle.")));
    assertEquals(List.of(new CaptionResult(5, "a blue square"), new CaptionResult(3,
        "a blue square")), b.predict(List.of(5L, 3L)));
    assertThrows(IllegalArgumentException.class, () -> MostFrequentCaptionBaseline.fit(List.of()));
  }

  @Test
  void resultsFileRoundTripAndErrorsNameLineAndId() throws IOException {
    Path file = dir.resolve("res.json");
    List<CaptionResult> results = List.of(new CaptionResult(1, "a \"red\" circle"),
        new CaptionResult(2, "two squares"));
    CaptionResultsJson.write(file, results);
    assertEquals(results, CaptionResultsJson.read(file));

    Path dup = dir.resolve("dup.json");
    Files.writeString(dup, "[\n{\"image_id\": 4, \"caption\": \"x\"},\n"
        + "{\"image_id\": 4, \"caption\": \"y\", \"id\": 3}\n]");
    IOException e = assertThrows(IOException.class, () -> CaptionResultsJson.read(dup));
    assertTrue(e.getMessage().contains("dup.json line 3: image_id 4 has a second caption (the"
        + " first is on line 2)"), e.getMessage());

    Path noCaption = dir.resolve("nocap.json");
    Files.writeString(noCaption, "[{\"image_id\": 4}]");
    e = assertThrows(IOException.class, () -> CaptionResultsJson.read(noCaption));
    assertTrue(e.getMessage().contains("nocap.json line 1: image_id 4 has no caption"),
        e.getMessage());
  }
}
