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

/** {@code glimpse eval-captions} on COCO-format references and a results file. */
class EvalCaptionsTest {
  @TempDir
  Path tmp;

  private static final String REFERENCES = """
      {"images": [{"id": 1, "file_name": "a.png", "width": 64, "height": 64},
                  {"id": 2, "file_name": "b.png", "width": 64, "height": 64}],
       "annotations": [
         {"image_id": 1, "id": 10, "caption": "a red circle next to a blue square"},
         {"image_id": 1, "id": 11, "caption": "a blue square and a red circle"},
         {"image_id": 2, "id": 20, "caption": "two green triangles"},
         {"image_id": 2, "id": 21, "caption": "there are two green triangles"}]}
      """;

  private int run(StringWriter err, String... args) {
    CommandLine cl = GlimpseCli.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void exactReferencesScorePerfectBleuAndWrongOnesScoreLower() throws Exception {
    Path refs = Files.writeString(tmp.resolve("refs.json"), REFERENCES);
    Path exact = Files.writeString(tmp.resolve("exact.json"), """
        [{"image_id": 1, "caption": "a red circle next to a blue square"},
         {"image_id": 2, "caption": "there are two green triangles"}]""");
    Path wrong = Files.writeString(tmp.resolve("wrong.json"), """
        [{"image_id": 1, "caption": "a yellow star"}, {"image_id": 2, "caption": "a yellow star"}]""");
    Path outExact = tmp.resolve("exact-metrics.json");
    Path outWrong = tmp.resolve("wrong-metrics.json");
    StringWriter err = new StringWriter();
    assertEquals(0, run(err, "eval-captions", "--references", refs.toString(), "--candidates", exact.toString(),
        "--out", outExact.toString()), err.toString());
    assertEquals(0, run(err, "eval-captions", "--references", refs.toString(), "--candidates", wrong.toString(),
        "--out", outWrong.toString()), err.toString());
    JsonNode a = new ObjectMapper().readTree(outExact.toFile()).get("captionMetrics");
    JsonNode b = new ObjectMapper().readTree(outWrong.toFile()).get("captionMetrics");
    for (String m : new String[] {"bleu1", "bleu2", "bleu3", "bleu4", "rougeL", "ciderD"}) {
      assertTrue(a.has(m) && b.has(m), m);
      assertTrue(a.get(m).asDouble() > b.get(m).asDouble(), m + ": " + a + " vs " + b);
    }
    // Each candidate equals one of its references: every n-gram precision is 1, the lengths match.
    assertEquals(1.0, a.get("bleu4").asDouble(), 1e-6);
    assertEquals(1.0, a.get("rougeL").asDouble(), 1e-6);
  }

  @Test
  void refusesCandidatesForUnknownImages() throws Exception {
    Path refs = Files.writeString(tmp.resolve("refs.json"), REFERENCES);
    Path bad = Files.writeString(tmp.resolve("bad.json"), """
        [{"image_id": 1, "caption": "a circle"}, {"image_id": 2, "caption": "a square"},
         {"image_id": 9, "caption": "a star"}]""");
    StringWriter err = new StringWriter();
    assertNotEquals(0, run(err, "eval-captions", "--references", refs.toString(), "--candidates", bad.toString()));
    assertTrue(err.toString().contains("9"), err.toString());
  }
}
