package ai.glimpse.evaluation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.evaluation.metrics.VqaAccuracy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Report JSON round trip, the exact JSON field names and the Markdown page. */
class ReportWriterTest {

  private static final String SHA_A = "a".repeat(64);
  private static final String SHA_B = "0123456789abcdef".repeat(4);

  static VqaReport report(Double parity) {
    ObjectNode config = new ObjectMapper().createObjectNode();
    config.put("epochs", 3).put("learningRate", 0.001).put("attention", "stacked");
    config.putArray("glimpses").add(1).add(2);
    VqaAccuracy model = new VqaAccuracy(61.25,
        Map.of("yes/no", 80.5, "number", 40.0, "other", 52.75),
        Map.of("what color is the", 55.0, "how many", 40.0, "is the", 80.5));
    VqaAccuracy blind = new VqaAccuracy(30.12,
        Map.of("yes/no", 60.0, "number", 25.0, "other", 8.33),
        Map.of("how many", 25.0, "is the", 60.0, "why | how", 1.5));
    Provenance provenance = Provenance.of("runs/saaa/model.onnx", SHA_A, SHA_B, config,
        Instant.parse("2024-05-01T12:00:00Z"));
    return new VqaReport("saaa", "val", 1234, model, 66.67, blind, parity, provenance);
  }

  @Test
  void jsonRoundTrip(@TempDir Path dir) throws IOException {
    VqaReport report = report(1.5e-6);
    ReportWriter.write(report, dir);
    assertEquals(report, ReportWriter.read(dir.resolve("report.json")));

    VqaReport noParity = report(null);
    ReportWriter.write(noParity, dir.resolve("nested"));
    VqaReport back = ReportWriter.read(dir.resolve("nested").resolve("report.json"));
    assertEquals(noParity, back);
    assertNull(back.onnxParityMaxAbsDiff());
  }

  @Test
  void relationalFiguresAppearOnlyWhenMeasured(@TempDir Path dir) throws IOException {
    VqaReport plain = report(0.0);
    VqaReport rel = new VqaReport(plain.model(), plain.split(), plain.questions(), plain.vqaAccuracy(),
        plain.multipleChoiceAccuracy(), plain.blindBaseline(), plain.onnxParityMaxAbsDiff(),
        plain.provenance(), 71.25, 93.5);
    ReportWriter.write(rel, dir);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertEquals(List.of("model", "split", "questions", "vqaAccuracy", "multipleChoiceAccuracy",
        "blindBaseline", "relationalAccuracy", "nonRelationalAccuracy", "onnxParityMaxAbsDiff",
        "provenance"), fieldNames(json));
    assertEquals(71.25, json.get("relationalAccuracy").asDouble(), 0.0);
    assertEquals(rel, ReportWriter.read(dir.resolve("report.json")));
    assertTrue(Files.readString(dir.resolve("report.md")).contains("Relational questions: 71.25"));
  }

  @Test
  void jsonHasTheAgreedFieldNames(@TempDir Path dir) throws IOException {
    ReportWriter.write(report(0.0), dir);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertEquals(List.of("model", "split", "questions", "vqaAccuracy", "multipleChoiceAccuracy",
        "blindBaseline", "onnxParityMaxAbsDiff", "provenance"), fieldNames(json));
    assertEquals("saaa", json.get("model").asText());
    assertEquals("val", json.get("split").asText());
    assertEquals(1234, json.get("questions").asInt());
    assertEquals(List.of("overall", "perAnswerType", "perQuestionType"),
        fieldNames(json.get("vqaAccuracy")));
    assertEquals(80.5, json.get("vqaAccuracy").get("perAnswerType").get("yes/no").asDouble(), 0.0);
    assertEquals(List.of("overall", "perAnswerType", "perQuestionType"),
        fieldNames(json.get("blindBaseline")));
    assertEquals(66.67, json.get("multipleChoiceAccuracy").asDouble(), 0.0);
    assertEquals(0.0, json.get("onnxParityMaxAbsDiff").asDouble(), 0.0);
    assertEquals(List.of("modelFile", "modelSha256", "dataSha256", "config", "createdAt"),
        fieldNames(json.get("provenance")));
    assertEquals("2024-05-01T12:00:00Z", json.get("provenance").get("createdAt").asText());
    assertEquals(3, json.get("provenance").get("config").get("epochs").asInt());
    String text = Files.readString(dir.resolve("report.json"));
    assertTrue(text.contains("\n  \"model\": \"saaa\""), "pretty-printed:\n" + text);
  }

  @Test
  void markdownHasTheTables(@TempDir Path dir) throws IOException {
    ReportWriter.write(report(1.5e-6), dir);
    String md = Files.readString(dir.resolve("report.md"), StandardCharsets.UTF_8);
    assertTrue(md.startsWith("# VQA report: saaa on val\n"), md);
    assertTrue(md.contains("| Model | All | Yes/No | Number | Other |\n"), md);
    assertTrue(md.contains("| saaa | 61.25 | 80.50 | 40.00 | 52.75 |\n"), md);
    assertTrue(md.contains("| blind baseline | 30.12 | 60.00 | 25.00 | 8.33 |\n"), md);
    assertTrue(md.contains("Multiple-choice accuracy: 66.67"), md);
    assertTrue(md.contains("1.500e-06"), md);
    // Per question type: union of both, sorted, "–" where one side has no value, "|" escaped.
    int howMany = md.indexOf("| how many | 40.00 | 25.00 |");
    int isThe = md.indexOf("| is the | 80.50 | 60.00 |");
    int whatColor = md.indexOf("| what color is the | 55.00 | – |");
    int why = md.indexOf("| why \\| how | – | 1.50 |");
    assertTrue(howMany > 0 && howMany < isThe && isThe < whatColor && whatColor < why, md);
    assertTrue(md.contains(SHA_A) && md.contains(SHA_B), md);
    assertTrue(md.contains("runs/saaa/model.onnx"), md);
    assertTrue(md.contains("\"attention\": \"stacked\""), md);
    assertTrue(md.contains("2024-05-01T12:00:00Z"), md);

    ReportWriter.write(report(null), dir);
    assertTrue(Files.readString(dir.resolve("report.md")).contains("not measured"));
    // Nothing but the three reports is left in the directory (no temporary files).
    try (var files = Files.list(dir)) {
      assertEquals(List.of("report.html", "report.json", "report.md"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void readErrorsNameTheFileAndLocation(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("report.json");
    Files.writeString(bad, "{\n  \"model\": \"saaa\",\n  \"split\": \n}");
    IOException e = assertThrows(IOException.class, () -> ReportWriter.read(bad));
    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("line 4"), e.getMessage());

    String valid = ReportWriter.toJson(report(0.0));
    Files.writeString(bad, valid.replace("\"questions\": 1234", "\"questions\": -1"));
    IOException invalid = assertThrows(IOException.class, () -> ReportWriter.read(bad));
    assertTrue(invalid.getMessage().contains("questions must be >= 0, got -1"), invalid.getMessage());
  }

  @Test
  void provenanceIsValidated() {
    ObjectNode config = new ObjectMapper().createObjectNode();
    IllegalArgumentException sha = assertThrows(IllegalArgumentException.class,
        () -> new Provenance("m.onnx", "abc", SHA_B, config, "2024-05-01T12:00:00Z"));
    assertTrue(sha.getMessage().contains("modelSha256") && sha.getMessage().contains("'abc'"));
    IllegalArgumentException time = assertThrows(IllegalArgumentException.class,
        () -> new Provenance("m.onnx", SHA_A, SHA_B, config, "yesterday"));
    assertTrue(time.getMessage().contains("'yesterday'"));
    IllegalArgumentException notObject = assertThrows(IllegalArgumentException.class,
        () -> new Provenance("m.onnx", SHA_A, SHA_B, new ObjectMapper().createArrayNode(),
            "2024-05-01T12:00:00+02:00"));
    assertTrue(notObject.getMessage().contains("ARRAY"));
    assertEquals(SHA_A, new Provenance("m", SHA_A.toUpperCase(), SHA_B, config,
        "2024-05-01T12:00:00+02:00").modelSha256());
  }

  @Test
  void sha256OfAFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("abc.txt");
    Files.writeString(f, "abc");
    // FIPS 180-2 test vector for "abc".
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Provenance.sha256(f));
  }

  @Test
  void reportIsValidated() {
    VqaReport ok = report(0.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new VqaReport("saaa", "val", 1, ok.vqaAccuracy(), 100.5, ok.blindBaseline(), null,
            ok.provenance()));
    assertTrue(e.getMessage().contains("multipleChoiceAccuracy") && e.getMessage().contains("100.5"));
    assertThrows(IllegalArgumentException.class,
        () -> new VqaReport(" ", "val", 1, ok.vqaAccuracy(), 1, ok.blindBaseline(), null,
            ok.provenance()));
    assertThrows(IllegalArgumentException.class,
        () -> new VqaReport("saaa", "val", 1, ok.vqaAccuracy(), 1, ok.blindBaseline(), -1.0,
            ok.provenance()));
    assertFalse(ReportWriter.toJson(ok).isEmpty());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
