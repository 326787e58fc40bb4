package ai.glimpse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.prepare.PrepareConfig;
import ai.glimpse.preprocessing.prepare.Preparer;
import ai.glimpse.preprocessing.synth.Preset;
import ai.glimpse.preprocessing.synth.SynthConfig;
import ai.glimpse.preprocessing.synth.SyntheticGenerator;
import ai.glimpse.tf.train.Checkpoint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glimpse train} killed with SIGKILL in the middle of an epoch, then started again with
 * the same command, resumes from its last step checkpoint and ends where an uninterrupted run
 * ends.
 */
class KillResumeTest {
  @TempDir
  Path tmp;

  @Test
  void killedMidEpochRunResumesAndMatchesAnUninterruptedRun() throws Exception {
    Path synth = tmp.resolve("data");
    SyntheticGenerator.generate(new SynthConfig(Preset.SHAPES, 40, 10, 5, 0.1), synth);
    Path prepared = tmp.resolve("prepared");
    new Preparer(PrepareConfig.forLayout(synth).withImageSize(32)).prepare(prepared);

    Path killed = tmp.resolve("killed");
    List<String> args = new ArrayList<>(List.of("train", "--model", "saaa", "--data", prepared.toString(),
        "--epochs", "4", "--batch-size", "32", "--checkpoint-every", "2", "--threads", "2", "--seed", "5",
        // Dropout 0 makes a resumed run repeat the uninterrupted one step for step.
        "--model-config", "{\"dropout\": 0.0, \"stemChannels\": [8, 16, 16], \"lstmUnits\": 32, "
            + "\"embeddingDim\": 16, \"attentionDim\": 32, \"hiddenUnits\": 64}"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), GlimpseCli.class.getName()));
    command.addAll(args);
    command.add("--out");
    command.add(killed.toString());
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("killed.log").toFile()).start();
    Path last = killed.resolve("checkpoints").resolve("last.h5");
    Checkpoint seen = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (Files.exists(last)) {
        try {
          Checkpoint c = Checkpoint.read(last);
          if (c.epoch() >= 1 && c.midEpoch()) {
            seen = c;
            break;
          }
        } catch (IOException e) {
          // Being replaced right now; read it again.
        }
      }
      Thread.sleep(10);
    }
    p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup.
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertTrue(seen != null, "no mid-epoch checkpoint before the run ended:\n"
        + Files.readString(tmp.resolve("killed.log")));
    Checkpoint left = Checkpoint.read(last);
    assertTrue(left.epoch() < 4, "the run was killed before its end");
    assertTrue(Files.readAllLines(killed.resolve("metrics.jsonl")).size() < 4);

    List<String> again = new ArrayList<>(args);
    again.addAll(List.of("--out", killed.toString()));
    assertEquals(0, GlimpseCli.commandLine().execute(again.toArray(String[]::new)));
    List<String> full = new ArrayList<>(args);
    full.addAll(List.of("--out", tmp.resolve("full").toString()));
    assertEquals(0, GlimpseCli.commandLine().execute(full.toArray(String[]::new)));

    List<JsonNode> resumed = metrics(killed);
    List<JsonNode> uninterrupted = metrics(tmp.resolve("full"));
    assertEquals(4, resumed.size());
    for (int i = 0; i < 4; i++) {
      assertEquals(i + 1, resumed.get(i).get("epoch").asInt(), "one line per epoch, in order");
    }
    double a = resumed.get(3).get("valAccuracy").asDouble();
    double b = uninterrupted.get(3).get("valAccuracy").asDouble();
    assertEquals(b, a, 0.5, "final val accuracy of the resumed run vs the uninterrupted one");
    assertEquals(uninterrupted.get(3).get("step").asLong(), resumed.get(3).get("step").asLong());
  }

  private static List<JsonNode> metrics(Path run) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
      out.add(json.readTree(line));
    }
    return out;
  }
}
