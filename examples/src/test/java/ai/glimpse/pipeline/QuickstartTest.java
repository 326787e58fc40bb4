package ai.glimpse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.onnx.predict.Prediction;
import ai.glimpse.onnx.predict.Predictor;
import ai.glimpse.onnx.predict.VqaQuery;
import ai.glimpse.preprocessing.synth.Preset;
import ai.glimpse.preprocessing.synth.SynthConfig;
import ai.glimpse.tf.train.TrainingListener;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline end to end on a tiny synthetic dataset. */
class QuickstartTest {
  @TempDir
  static Path tmp;
  static Path out;
  static Quickstart.Outcome outcome;
  static String console;

  @BeforeAll
  static void runQuickstart() throws IOException {
    out = tmp.resolve("qs");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    SynthConfig synth = new SynthConfig(Preset.SHAPES, 40, 12, 3, 0.1);
    outcome = Quickstart.run(new Quickstart.Config(out, synth, 2, 64, 2),
        new PrintStream(buf, true, StandardCharsets.UTF_8), new TrainingListener() {});
    console = buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesEveryStageAndTheReport() throws IOException {
    for (String p : List.of("data/train/questions.json", "prepared/manifest.json", "run/config.json",
        "run/metrics.jsonl", "run/best/checkpoint.h5", "model.onnx", "report/report.json", "report/report.md")) {
      assertTrue(Files.isRegularFile(out.resolve(p)), p);
    }
    for (String stage : List.of("[1/5] synth", "[2/5] prepare", "[3/5] train", "[4/5] export", "[5/5] evaluate")) {
      assertTrue(console.contains(stage), console);
    }
    JsonNode report = new ObjectMapper().readTree(out.resolve("report/report.json").toFile());
    assertEquals("saaa", report.get("model").asText());
    assertEquals("val", report.get("split").asText());
    assertEquals(120, report.get("questions").asInt());
    JsonNode acc = report.get("vqaAccuracy");
    double overall = acc.get("overall").asDouble();
    assertTrue(overall >= 0 && overall <= 100);
    assertEquals(overall, Math.round(overall * 100) / 100.0, 0, "two decimals");
    for (String t : List.of("yes/no", "number", "other")) {
      assertNotNull(acc.get("perAnswerType").get(t), t);
      assertNotNull(report.get("blindBaseline").get("perAnswerType").get(t), t);
    }
    assertTrue(acc.get("perQuestionType").size() > 3);
    assertTrue(report.get("multipleChoiceAccuracy").asDouble() >= overall - 1e-9,
        "an answer worth VQA credit is always one of the annotators' answers");
    assertTrue(report.get("onnxParityMaxAbsDiff").asDouble() < 1e-4);
    String md = Files.readString(out.resolve("report/report.md"));
    assertTrue(md.contains("| Model | All | Yes/No | Number | Other |"), md);
  }

  @Test
  void onnxRuntimeAgreesWithTensorFlowOnValQuestions() {
    assertEquals(64, outcome.export().parityQuestions());
    assertTrue(outcome.export().parityMaxAbsDiff() < 1e-4,
        "TF vs ORT max |diff| " + outcome.export().parityMaxAbsDiff());
  }

  @Test
  void predictorAnswersFromTheFileAlone() throws IOException {
    Path image;
    try (Stream<Path> files = Files.list(out.resolve("data/val/images"))) {
      image = files.sorted().findFirst().orElseThrow();
    }
    try (Predictor p = Predictor.load(out.resolve("model.onnx"))) {
      Prediction pred = p.predict("what color is the large circle?", image, 3);
      assertEquals(3, pred.answers().size());
      assertTrue(pred.answers().get(0).probability() >= pred.answers().get(1).probability());
      assertTrue(p.metadata().answers().contains(pred.top().answer()));
      assertEquals(2, pred.attention().length, "two glimpses");
      assertEquals(64, pred.attention()[0].length, "8x8 locations");
      float sum = 0;
      for (float a : pred.attention()[0]) {
        sum += a;
      }
      assertEquals(1f, sum, 1e-4f, "each glimpse is a softmax over locations");

      float[] pixels = p.imageLoader().load(image);
      String longQuestion = "is " + "the very ".repeat(10) + "red circle big?";
      IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
          () -> p.predict(List.of(new VqaQuery(longQuestion, pixels)), 3));
      assertTrue(tooLong.getMessage().contains("at most 14"), tooLong.getMessage());
      IllegalArgumentException wrongSize = assertThrows(IllegalArgumentException.class,
          () -> p.predict(List.of(new VqaQuery("what color?", new float[10])), 3));
      assertTrue(wrongSize.getMessage().contains("[3, 64, 64]"), wrongSize.getMessage());
      p.close();
      IllegalStateException closed = assertThrows(IllegalStateException.class,
          () -> p.predict(List.of(new VqaQuery("what color?", pixels)), 3));
      assertEquals("Predictor is closed", closed.getMessage());
    }
  }

  @Test
  void rerunningResumesInsteadOfRetraining() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int[] epochs = {0};
    SynthConfig synth = new SynthConfig(Preset.SHAPES, 40, 12, 3, 0.1);
    Quickstart.Outcome again = Quickstart.run(new Quickstart.Config(out, synth, 2, 0, 2),
        new PrintStream(buf, true, StandardCharsets.UTF_8), new TrainingListener() {
          @Override
          public void onEpoch(ai.glimpse.tf.train.EpochMetrics m) {
            epochs[0]++;
          }
        });
    assertEquals(0, epochs[0], "the finished run is not trained again");
    assertEquals(outcome.report().vqaAccuracy(), again.report().vqaAccuracy());
  }
}
