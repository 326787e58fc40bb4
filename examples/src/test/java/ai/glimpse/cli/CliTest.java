package ai.glimpse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI's contract: --help everywhere, named errors, non-zero exits, no partial output. */
class CliTest {
  @TempDir
  Path tmp;

  record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = GlimpseCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void everySubcommandHasHelp() {
    for (String sub : List.of("synth", "prepare", "train", "export", "predict", "evaluate",
        "eval-results", "eval-captions", "caption", "compare", "convert-tsv", "features", "synth-corpus", "bench", "quickstart", "serve", "loadtest")) {
      Run r = run(sub, "--help");
      assertEquals(0, r.code(), sub);
      assertTrue(r.out().contains("Usage: glimpse " + sub), sub + ": " + r.out());
    }
  }

  @Test
  void benchInferenceTakesLevelsInAnyCaseAndRefusesASweepWithAFixedSetting() {
    String model = tmp.resolve("missing.onnx").toString();
    String out = tmp.resolve("inference.json").toString();
    Run level = run("bench", "inference", "--model", model, "--out", out, "--optimization", "Extended",
        "--no-memory-pattern");
    assertEquals(1, level.code(), "the options parse; the missing model fails: " + level.err());
    assertTrue(level.err().contains("missing.onnx"), level.err());
    Run both = run("bench", "inference", "--model", model, "--out", out, "--sweep", "--optimization", "basic");
    assertEquals(2, both.code(), both.err());
    assertTrue(both.err().contains("--sweep"), both.err());
    Run bad = run("bench", "inference", "--model", model, "--out", out, "--optimization", "max");
    assertEquals(2, bad.code(), bad.err());
  }

  private static Path report(Path dir, String model, double overall, String dataSha, Double relational)
      throws IOException {
    var acc = new ai.glimpse.evaluation.metrics.VqaAccuracy(overall,
        java.util.Map.of("yes/no", overall + 10, "number", overall - 20, "other", overall), java.util.Map.of());
    var blind = new ai.glimpse.evaluation.metrics.VqaAccuracy(38.84,
        java.util.Map.of("yes/no", 59.01, "number", 23.09, "other", 31.14), java.util.Map.of());
    var prov = ai.glimpse.evaluation.report.Provenance.of(model + ".onnx", "a".repeat(64), dataSha,
        new ObjectMapper().createObjectNode(), java.time.Instant.parse("2026-01-01T00:00:00Z"));
    ai.glimpse.evaluation.report.ReportWriter.write(new ai.glimpse.evaluation.report.VqaReport(model,
        "val", 5000, acc, overall + 5, blind, 1e-6, prov, relational, relational == null ? null : 90.0), dir);
    return dir;
  }

  @Test
  void compareTabulatesReportsWithTheBlindBaselineRow() throws IOException {
    String sha = "b".repeat(64);
    Path a = report(tmp.resolve("saaa"), "saaa", 66.5, sha, 61.0);
    Path b = report(tmp.resolve("san"), "san", 70.25, sha, null);
    Path out = tmp.resolve("cmp");
    Run r = run("compare", a.toString(), b.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    String md = Files.readString(out.resolve("report.md"));
    assertTrue(md.contains("| Model | All | Yes/No | Number | Other | Relational | Non-relational |"), md);
    assertTrue(md.contains("| saaa | 66.50 | 76.50 | 46.50 | 66.50 | 61.00 | 90.00 |"), md);
    assertTrue(md.contains("| san | 70.25 | 80.25 | 50.25 | 70.25 | – | – |"), md);
    assertTrue(md.contains("| blind baseline | 38.84 | 59.01 | 23.09 | 31.14 |"), md);
    JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertEquals(2, json.get("models").size());
    assertEquals("san", json.get("models").get(1).get("model").asText());
    assertEquals(70.25, json.get("models").get(1).get("vqaAccuracy").get("overall").asDouble(), 0);
    assertEquals(61.0, json.get("models").get(0).get("relationalAccuracy").asDouble(), 0);
    assertEquals(38.84, json.get("blindBaseline").get("overall").asDouble(), 0);

    Path other = report(tmp.resolve("other"), "saaa", 50, "c".repeat(64), null);
    Path out2 = tmp.resolve("cmp2");
    Run bad = run("compare", a.toString(), other.toString(), "--out", out2.toString());
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("other data") && bad.err().contains(other.toString()), bad.err());
    assertFalse(Files.exists(out2));
  }

  @Test
  void missingDatasetIsNamedWithNonZeroExit() {
    Path missing = tmp.resolve("no-such-dataset");
    Path out = tmp.resolve("prepared");
    Run r = run("prepare", "--dataset", missing.toString(), "--out", out.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("no-such-dataset"), r.err());
    assertTrue(r.err().startsWith("error: "), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void unknownOptionsAndPresetsAreUsageErrors() {
    Run r = run("synth", "--out", tmp.resolve("s").toString(), "--preset", "cubes");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("cubes") && r.err().contains("sort-of-clevr"), r.err());
    assertFalse(Files.exists(tmp.resolve("s")));
    assertEquals(2, run("train", "--bogus").code());
  }

  @Test
  void foreignOrCorruptModelFilesAreRefused() throws IOException {
    Path fake = tmp.resolve("model.onnx");
    Files.writeString(fake, "this is not a protobuf");
    Path image = tmp.resolve("img.png");
    javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, 1), "png", image.toFile());
    Run r = run("predict", "--model", fake.toString(), "--image", image.toString(), "--question", "what?");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("model.onnx") && r.err().contains("ONNX"), r.err());
    Run missingRun = run("export", "--run", tmp.resolve("no-run").toString(), "--out", tmp.resolve("m.onnx").toString());
    assertEquals(1, missingRun.code());
    assertTrue(missingRun.err().contains("no-run"), missingRun.err());
    assertFalse(Files.exists(tmp.resolve("m.onnx")));
  }

  @Test
  void evalResultsScoresAnOfficialResultsFile() throws IOException {
    Path q = tmp.resolve("q.json");
    Path a = tmp.resolve("a.json");
    Path res = tmp.resolve("r.json");
    Files.writeString(q, """
        {"questions": [{"image_id": 1, "question": "What color?", "question_id": 10},
                       {"image_id": 1, "question": "How many?", "question_id": 11}]}""");
    Files.writeString(a, """
        {"annotations": [
         {"question_type": "what color", "multiple_choice_answer": "red", "image_id": 1, "answer_type": "other",
          "question_id": 10, "answers": [%s]},
         {"question_type": "how many", "multiple_choice_answer": "2", "image_id": 1, "answer_type": "number",
          "question_id": 11, "answers": [%s]}]}""".formatted(answers("red", 2, "blue"), answers("2", 10, "2")));
    Files.writeString(res, """
        [{"question_id": 10, "answer": "Red."}, {"question_id": 11, "answer": "two"}]""");
    Path out = tmp.resolve("acc.json");
    Run r = run("eval-results", "--questions", q.toString(), "--annotations", a.toString(),
        "--results", res.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode acc = new ObjectMapper().readTree(out.toFile());
    // q10: 2 of 10 say red, answers differ so "Red." is processed to "red": 0.6.
    // q11: unanimous "2", no processing: "two" matches nothing: 0. Overall (60 + 0) / 2.
    assertEquals(30.0, acc.get("overall").asDouble(), 0);
    assertEquals(60.0, acc.get("perAnswerType").get("other").asDouble(), 0);
    assertEquals(0.0, acc.get("perAnswerType").get("number").asDouble(), 0);
    assertEquals(List.of("overall", "perAnswerType", "perQuestionType"),
        iterator(acc.fieldNames()));

    Files.writeString(res, "[{\"question_id\": 10, \"answer\": \"red\"}]");
    Run missing = run("eval-results", "--questions", q.toString(), "--annotations", a.toString(),
        "--results", res.toString());
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("11"), missing.err());
  }

  private static List<String> iterator(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  /** Ten annotator answers: {@code k} times {@code a}, the rest {@code other}. */
  private static String answers(String a, int k, String other) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append("{\"answer\": \"").append(i < k ? a : other).append("\", \"answer_confidence\": \"yes\", \"answer_id\": ")
          .append(i + 1).append('}');
    }
    return sb.toString();
  }
}
