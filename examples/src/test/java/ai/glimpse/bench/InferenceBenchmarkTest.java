package ai.glimpse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.onnx.predict.ExecutionProvider;
import ai.glimpse.onnx.predict.Predictor;
import ai.glimpse.onnx.predict.PredictorOptions;
import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.tf.zoo.DataShape;
import ai.glimpse.tf.zoo.SanConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glimpse bench inference} on a tiny SAN exported by the reference suite's {@code --onnx-dir}:
 * the sweep's settings, its JSON, and that the settings are really applied (same answers under all).
 */
class InferenceBenchmarkTest {
  @TempDir
  static Path dir;

  private static Path model;

  @BeforeAll
  static void exportTinyModel() throws Exception {
    SanConfig config = new SanConfig(new DataShape(50, 6, 10, FeatureShape.grid(32, 4, 4)),
        8, 16, List.of(16, 32, 64), false, 8, 2, 0.0, 3L);
    List<String> lines = new ArrayList<>();
    ReferenceBenchmark.run(List.of(new ReferenceModel("tiny-san", config, "")), ReferenceBenchmark.Plan.quick(1),
        dir.resolve("bench.json"), dir.resolve("onnx"), lines::add);
    model = dir.resolve("onnx/tiny-san.onnx");
    assertTrue(Files.isRegularFile(model), "--onnx-dir keeps the exported model: " + lines);
    assertTrue(lines.stream().anyMatch(l -> l.contains("kept " + model)), lines.toString());
  }

  @Test
  void sweepCoversEveryLevelWithAndWithoutMemoryPatternsAtOneAndAllThreads() {
    List<PredictorOptions> two = InferenceBenchmark.sweep(2);
    assertEquals(16, two.size());
    assertEquals(8, InferenceBenchmark.sweep(1).size());
    Set<String> labels = new HashSet<>();
    two.forEach(o -> labels.add(InferenceBenchmark.label(o)));
    assertEquals(16, labels.size(), "every setting has its own label");
    assertTrue(labels.contains("opt=none mem=off threads=1"), labels.toString());
    assertTrue(labels.contains("opt=all mem=on threads=2"), labels.toString());
    assertThrows(IllegalArgumentException.class, () -> InferenceBenchmark.sweep(0));
  }

  @Test
  void writesOneRowPerSettingWithItsLoadTime() throws Exception {
    List<PredictorOptions> settings = InferenceBenchmark.sweep(2);
    Path out = dir.resolve("sweep.json");
    List<String> lines = new ArrayList<>();
    List<InferenceBenchmark.Row> rows = InferenceBenchmark.run(model, null, settings, 50, 1, out, lines::add);
    assertEquals(16, rows.size());
    assertEquals(16, lines.size());
    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertEquals(16, json.size());
    for (int i = 0; i < json.size(); i++) {
      JsonNode row = json.get(i);
      PredictorOptions o = settings.get(i);
      assertEquals("tiny-san", row.get("model").asText());
      assertEquals("onnxruntime", row.get("runtime").asText());
      assertEquals(InferenceBenchmark.label(o), row.get("setting").asText());
      assertEquals(o.optimization().name().toLowerCase(), row.get("optimization").asText());
      assertEquals(o.memoryPattern(), row.get("memory_pattern").asBoolean());
      assertEquals(o.intraOpThreads(), row.get("threads").asInt());
      assertTrue(row.get("session_load_ms").asDouble() > 0, row.toString());
      assertTrue(row.get("infer_b1_p99_ms").asDouble() >= row.get("infer_b1_p50_ms").asDouble(), row.toString());
      assertTrue(row.get("infer_b64_samples_per_s").asDouble() > 0, row.toString());
      assertEquals(4, row.get("per_sample_ms_by_batch").size(), row.toString());
    }
  }

  @Test
  void everySettingGivesTheSameAnswers() throws Exception {
    Random rng = new Random(9);
    long[] tokens = new long[4 * 6];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = 2 + rng.nextInt(48);
    }
    float[] images = new float[4 * 32 * 16];
    for (int i = 0; i < images.length; i++) {
      images[i] = rng.nextFloat();
    }
    float[] reference;
    try (Predictor p = Predictor.load(model, new PredictorOptions(ExecutionProvider.CPU, 1,
        PredictorOptions.Optimization.NONE, true, false))) {
      reference = p.answerProbs(tokens, images, 4);
    }
    assertEquals(40, reference.length);
    for (PredictorOptions o : InferenceBenchmark.sweep(2)) {
      try (Predictor p = Predictor.load(model, o)) {
        float[] probs = p.answerProbs(tokens, images, 4);
        for (int i = 0; i < probs.length; i++) {
          assertEquals(reference[i], probs[i], 1e-5, InferenceBenchmark.label(o) + " answer " + i);
        }
      }
    }
  }

  @Test
  void rejectsTooFewCallsOrNoSetting() {
    Path out = dir.resolve("never.json");
    assertThrows(IllegalArgumentException.class,
        () -> InferenceBenchmark.run(model, null, List.of(), 50, 1, out, l -> { }));
    assertThrows(IllegalArgumentException.class,
        () -> InferenceBenchmark.run(model, null, InferenceBenchmark.sweep(1), 49, 1, out, l -> { }));
    assertFalse(Files.exists(out));
  }
}
