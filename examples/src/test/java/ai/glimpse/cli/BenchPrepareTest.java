package ai.glimpse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * {@code glimpse bench prepare} runs end to end on the small corpus and writes its JSON: prepare
 * in a JVM of its own, the id-only grid file, random reads. No timing is asserted (speed targets
 * are read from the JSON of a full-scale run, not from tests).
 */
class BenchPrepareTest {
  @TempDir
  Path tmp;

  @Test
  void smallScaleWritesEveryFigure() throws Exception {
    CommandLine cl = GlimpseCli.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    Path out = tmp.resolve("bench.json");
    int code = cl.execute("bench", "prepare", "--scale", "small", "--work", tmp.resolve("work").toString(),
        "--out", out.toString(), "--read-images", "70", "--read-batches", "2");
    assertEquals(0, code, err.toString());
    JsonNode r = new ObjectMapper().readTree(out.toFile());
    assertEquals("small", r.get("scale").asText());
    assertEquals(2000, r.get("trainQuestions").asInt());
    assertEquals(1000, r.get("valQuestions").asInt());
    assertEquals(555, r.get("featureFileImages").asInt());
    assertTrue(r.get("prepareSeconds").asDouble() > 0);
    assertTrue(r.get("peakRssBytes").asLong() > 0, r.toString());
    assertTrue(r.get("readMegabytesPerSecond").asDouble() > 0);
    assertEquals(64, r.get("readBatchSize").asInt());
    assertTrue(Files.isRegularFile(tmp.resolve("work/prepared/manifest.json")));
  }
}
