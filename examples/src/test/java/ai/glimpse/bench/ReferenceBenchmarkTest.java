package ai.glimpse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.tf.zoo.DataShape;
import ai.glimpse.tf.zoo.SanConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference suite's JSON on a tiny stand-in model (the real shapes take minutes). */
class ReferenceBenchmarkTest {

  @Test
  void writesOneRowPerRuntimeInTheReferenceSchema(@TempDir Path dir) throws Exception {
    // grid 32×4×4, LSTM 16, attention 8, 2 layers: forward products per sample are known.
    SanConfig config = new SanConfig(new DataShape(50, 6, 10, FeatureShape.grid(32, 4, 4)),
        8, 16, List.of(16, 32, 64), false, 8, 2, 0.0, 3L);
    ReferenceModel tiny = new ReferenceModel("tiny-san", config, "");
    Path out = dir.resolve("bench.json");
    List<String> lines = new ArrayList<>();
    List<ReferenceBenchmark.Row> rows = ReferenceBenchmark.run(List.of(tiny),
        ReferenceBenchmark.Plan.quick(1), out, lines::add);
    assertEquals(2, rows.size());
    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertTrue(json.isArray());
    assertEquals(2, json.size());
    for (JsonNode row : json) {
      assertEquals("tiny-san", row.get("model").asText());
      assertEquals("cpu", row.get("device").asText());
      assertEquals(1, row.get("threads").asInt());
      for (String f : List.of("infer_b1_p50_ms", "infer_b1_p99_ms", "infer_b64_samples_per_s", "params")) {
        assertTrue(row.get(f).asDouble() > 0, f + " in " + row);
      }
      assertTrue(row.get("infer_b1_p99_ms").asDouble() >= row.get("infer_b1_p50_ms").asDouble());
    }
    JsonNode tf = json.get(0);
    JsonNode ort = json.get(1);
    assertEquals("tensorflow", tf.get("runtime").asText());
    assertEquals("onnxruntime", ort.get("runtime").asText());
    assertTrue(tf.get("train_samples_per_s").asDouble() > 0);
    assertFalse(ort.has("train_samples_per_s"), "training is measured in TensorFlow only");
    // Forward products per sample: image 32→16 over 16 cells; per layer image 16→8 over 16 cells,
    // question 16→8, logits 8→1 over 16 cells, the weighted sum of 16 cells of 16; the LSTM's input
    // projection 8→4·16 at 6 steps and its recurrent one 16→4·16 at the 5 steps after the first
    // (whose state is zero); classifier 16→10.
    long expected = 16 * 32 * 16 + 2 * (16 * 16 * 8 + 16 * 8 + 16 * 8 + 16 * 16)
        + 6 * 8 * 64 + 5 * 16 * 64 + 16 * 10;
    assertEquals(expected, tf.get("forward_macs_per_sample").asLong());
    double ratio = tf.get("train_step_macs_per_sample").asDouble() / expected;
    assertTrue(ratio > 2.5 && ratio < 3.5, "a step is about forward + two backward products, got ×" + ratio);
    assertNull(rows.get(1).trainStepMacsPerSample());
    assertTrue(lines.get(0).startsWith("peak: "));
  }

  @Test
  void selectsByNameWithOrWithoutTheSuffixAndRejectsUnknownNames() {
    assertEquals(6, ReferenceModel.select(List.of()).size());
    assertEquals(List.of("saaa-ref", "butd-ref"),
        ReferenceModel.select(List.of("butd", "saaa-ref")).stream().map(ReferenceModel::name).toList());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReferenceModel.select(List.of("vgg")));
    assertTrue(e.getMessage().contains("'vgg'"), e.getMessage());
  }
}
