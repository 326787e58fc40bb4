package ai.glimpse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code glimpse eval-results --gqa}: GQA's own files in, accuracy per structural and semantic type out. */
class EvalResultsGqaTest {
  @TempDir
  Path tmp;

  private static final String QUESTIONS = """
      {"01": {"imageId": "n1", "question": "Is the cup red?", "answer": "yes",
              "types": {"structural": "verify", "semantic": "attr", "detailed": "verifyAttr"}},
       "02": {"imageId": "n1", "question": "What is on the table?", "answer": "cup",
              "types": {"structural": "query", "semantic": "rel", "detailed": "relS"}},
       "03": {"imageId": "n2", "question": "What is this?", "answer": "table",
              "types": {"structural": "query", "semantic": "obj", "detailed": "objThisS"}},
       "04": {"imageId": "n2", "question": "Is the cup on the table?", "answer": "no",
              "types": {"structural": "verify", "semantic": "rel", "detailed": "relVerify"}}}
      """;

  private int run(String... args) {
    CommandLine cl = GlimpseCli.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(new StringWriter()));
    return cl.execute(args);
  }

  @Test
  void scoresOfficialGqaPredictionsPerStructuralAndSemanticType() throws Exception {
    Path questions = Files.writeString(tmp.resolve("val_balanced_questions.json"), QUESTIONS);
    // Right: 01 (verify/attr) and 03 (query/obj); wrong: 02 (query/rel) and 04 (verify/rel).
    Path predictions = Files.writeString(tmp.resolve("predictions.json"), """
        [{"questionId": "01", "prediction": "yes"}, {"questionId": "02", "prediction": "plate"},
         {"questionId": "03", "prediction": "table"}, {"questionId": "04", "prediction": "yes"}]
        """);
    Path out = tmp.resolve("gqa.json");
    assertEquals(0, run("eval-results", "--gqa", questions.toString(), "--results", predictions.toString(),
        "--out", out.toString()));
    JsonNode e = new ObjectMapper().readTree(out.toFile());
    assertEquals(4, e.get("questions").asInt());
    assertEquals(50.0, e.get("overall").asDouble(), 1e-9);
    assertEquals(50.0, e.get("perStructuralType").get("verify").asDouble(), 1e-9);
    assertEquals(50.0, e.get("perStructuralType").get("query").asDouble(), 1e-9);
    assertEquals(100.0, e.get("perSemanticType").get("attr").asDouble(), 1e-9);
    assertEquals(0.0, e.get("perSemanticType").get("rel").asDouble(), 1e-9);
    assertEquals(100.0, e.get("perSemanticType").get("obj").asDouble(), 1e-9);
  }

  @Test
  void refusesAPredictionForAQuestionTheFileDoesNotHave() throws Exception {
    Path questions = Files.writeString(tmp.resolve("q.json"), QUESTIONS);
    Path predictions = Files.writeString(tmp.resolve("p.json"), "[{\"questionId\": \"99\", \"prediction\": \"yes\"}]");
    StringWriter err = new StringWriter();
    CommandLine cl = GlimpseCli.commandLine();
    cl.setErr(new PrintWriter(err));
    assertNotEquals(0, cl.execute("eval-results", "--gqa", questions.toString(), "--results", predictions.toString()));
    assertTrue(err.toString().contains("\"99\""), err.toString());
  }
}
