package ai.glimpse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.preprocessing.features.GridFeatureStore;
import ai.glimpse.preprocessing.prepare.PreparedDataset;
import ai.glimpse.testing.TinyCnnOnnx;
import ai.glimpse.tf.export.OnnxExporter;
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
 * The grid-feature path end to end through the CLI: a small CNN that the project exports itself
 * (a convolutional stem, through {@link OnnxExporter#toOnnxGraph}), {@code glimpse features} over
 * the synthetic images, {@code glimpse prepare --features} without images, {@code glimpse train
 * --model san} on the grid, export with parity, and evaluation.
 */
class GridFeaturesPipelineTest {
  @TempDir
  Path tmp;

  private static int run(String... args) {
    CommandLine cl = GlimpseCli.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    assertEquals(0, code, String.join(" ", args) + ": " + err);
    return code;
  }

  @Test
  void cnnFeaturesPrepareTrainExportEvaluate() throws Exception {
    Path cnn = TinyCnnOnnx.write(tmp.resolve("cnn.onnx"), 32);
    Path synth = tmp.resolve("synth");
    run("synth", "--out", synth.toString(), "--train-images", "30", "--val-images", "10", "--seed", "3");
    Path features = tmp.resolve("grid.h5");
    run("features", "--images", synth.toString(), "--cnn", cnn.toString(), "--out", features.toString(),
        "--image-size", "32", "--batch-size", "4");
    try (GridFeatureStore store = GridFeatureStore.open(features)) {
      assertEquals(40, store.size(), "train and val images in one file");
      assertEquals(FeatureShape.grid(16, 8, 8), store.shape());
    }
    Path prepared = tmp.resolve("prepared");
    run("prepare", "--train-questions", synth.resolve("train/questions.json").toString(),
        "--train-annotations", synth.resolve("train/annotations.json").toString(),
        "--val-questions", synth.resolve("val/questions.json").toString(),
        "--val-annotations", synth.resolve("val/annotations.json").toString(),
        "--features", features.toString(), "--out", prepared.toString());
    PreparedDataset data = PreparedDataset.open(prepared);
    assertEquals(FeatureShape.grid(16, 8, 8), data.featureShape(FeatureKind.GRID));
    assertEquals(null, data.featureShape(FeatureKind.PIXELS));

    Path runDir = tmp.resolve("run");
    run("train", "--model", "san", "--data", prepared.toString(), "--out", runDir.toString(),
        "--epochs", "2", "--batch-size", "32", "--threads", "2");
    JsonNode config = new ObjectMapper().readTree(runDir.resolve("config.json").toFile());
    assertEquals("grid", config.at("/model/data/image/kind").asText(), config.toString());
    Path model = tmp.resolve("san.onnx");
    run("export", "--run", runDir.toString(), "--out", model.toString(), "--verify", "50");
    Path report = tmp.resolve("report");
    run("evaluate", "--model", model.toString(), "--data", prepared.toString(), "--out", report.toString());
    JsonNode r = new ObjectMapper().readTree(report.resolve("report.json").toFile());
    assertEquals(100, r.get("questions").asInt());
    assertTrue(r.get("onnxParityMaxAbsDiff").asDouble() < 1e-4, r.toString());
  }
}
