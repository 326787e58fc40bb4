package ai.glimpse.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.evaluation.metrics.VqaAccuracy;
import ai.glimpse.evaluation.metrics.VqaResult;
import ai.glimpse.evaluation.report.EvalResultsJson;
import ai.glimpse.onnx.features.ExtractedFeatures;
import ai.glimpse.onnx.predict.Prediction;
import ai.glimpse.onnx.predict.RankedAnswer;
import ai.glimpse.preprocessing.data.Annotation;
import ai.glimpse.preprocessing.data.VqaJson;
import ai.glimpse.preprocessing.features.GridFeatureStore;
import ai.glimpse.testing.TinyCnnOnnx;
import ai.glimpse.tf.train.TrainResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every example program on a small synthetic dataset, so that the code the README shows
 * keeps compiling and working.
 */
class ExamplesTest {
  private static final String QUESTION = "what color is the large shape?";

  @TempDir
  static Path tmp;
  static Path out;
  static TrainResult trained;
  static Path image;
  static Prediction prediction;

  @BeforeAll
  static void trainAndExport() throws IOException {
    out = tmp.resolve("example");
    // A target of 0% stops after the first epoch: the listener's early stop is exercised too.
    trained = TrainOnSyntheticData.run(out, 40, 3, 0);
    image = Examples.firstImage(out.resolve("data/val/images"));
    prediction = ExportAndPredict.run(out.resolve("run"), out.resolve("prepared"), image, QUESTION, out);
  }

  @Test
  void trainingStopsWhenTheListenerSaysSo() {
    assertTrue(trained.stoppedEarly());
    assertEquals(1, trained.epochs().size());
    assertTrue(Files.isRegularFile(trained.bestCheckpoint()));
  }

  @Test
  void exportPredictsRankedAnswersAndWritesTheReport() throws IOException {
    List<RankedAnswer> answers = prediction.answers();
    assertEquals(3, answers.size());
    assertTrue(answers.get(0).probability() >= answers.get(1).probability()
        && answers.get(1).probability() >= answers.get(2).probability());
    double sum = answers.stream().mapToDouble(RankedAnswer::probability).sum();
    assertTrue(sum > 0 && sum <= 1 + 1e-5, "probabilities of a softmax, sum " + sum);
    JsonNode report = new ObjectMapper().readTree(out.resolve("report/report.json").toFile());
    assertEquals("saaa", report.get("model").asText());
    assertTrue(report.get("onnxParityMaxAbsDiff").asDouble() < 1e-4);
    assertTrue(Files.isRegularFile(out.resolve("report/report.html")));
  }

  @Test
  void theInProcessServerAnswersAsThePredictorDoes() throws Exception {
    String body = ServeInProcess.run(out.resolve("model.onnx"), image, QUESTION);
    JsonNode answers = new ObjectMapper().readTree(body).get("answers");
    assertEquals(3, answers.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(prediction.answers().get(i).answer(), answers.get(i).get("answer").asText());
      assertEquals(prediction.answers().get(i).probability(), answers.get(i).get("probability").asDouble(), 1e-6);
    }
  }

  @Test
  void aResultsFileIsScoredWithTheOfficialAccuracy() throws IOException {
    Path questions = out.resolve("data/val/questions.json");
    Path annotations = out.resolve("data/val/annotations.json");
    List<Annotation> gold = VqaJson.readAnnotations(annotations);
    List<VqaResult> right = new ArrayList<>();
    List<VqaResult> yes = new ArrayList<>();
    for (Annotation a : gold) {
      right.add(new VqaResult(a.questionId(), a.multipleChoiceAnswer()));
      yes.add(new VqaResult(a.questionId(), "yes"));
    }
    Path rightFile = tmp.resolve("right.json");
    Path yesFile = tmp.resolve("yes.json");
    EvalResultsJson.write(right, rightFile);
    EvalResultsJson.write(yes, yesFile);
    assertEquals(100.0, EvaluateResultsFile.run(questions, annotations, rightFile).overall(), 0);
    VqaAccuracy always = EvaluateResultsFile.run(questions, annotations, yesFile);
    assertTrue(always.overall() < 50, "always 'yes' scores " + always.overall());
    assertTrue(always.perAnswerType().get("number") == 0.0, always.perAnswerType().toString());
  }

  @Test
  void anOnnxCnnTurnsImagesIntoGridFeatures() throws IOException {
    Path cnn = TinyCnnOnnx.write(tmp.resolve("cnn.onnx"), 32);
    Path h5 = tmp.resolve("grid.h5");
    ExtractedFeatures f = ExtractGridFeatures.run(cnn, out.resolve("data/val/images"), 32, h5);
    assertEquals(10, f.images(), "the 10 val images");
    assertEquals(16, f.channels());
    assertEquals(8, f.height());
    try (GridFeatureStore store = GridFeatureStore.open(h5)) {
      assertEquals(10, store.size());
    }
  }
}
