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
        "eval-results", "quickstart")) {
      Run r = run(sub, "--help");
      assertEquals(0, r.code(), sub);
      assertTrue(r.out().contains("Usage: glimpse " + sub), sub + ": " + r.out());
    }
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
