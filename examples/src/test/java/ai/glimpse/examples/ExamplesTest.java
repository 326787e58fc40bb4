package ai.glimpse.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
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

  /**
   * Deployment without TensorFlow: a separate Maven project that imports the installed BOM and
   * depends on the installed {@code glimpse-onnx-runtime} alone compiles, has no TensorFlow jar on
   * its class path, and gives the same answers as the in-process predictor. It needs the modules
   * of this build installed ({@code mvn install}, the README's test command); after a plain
   * {@code mvn verify} it is skipped, because the local repository may hold an older build.
   */
  @Test
  void anOutsideProjectPredictsWithTheInstalledOnnxRuntimeArtifactAlone() throws Exception {
    String version = System.getProperty("glimpse.version", "0.1.0-SNAPSHOT");
    Path repo = Path.of(System.getProperty("glimpse.localRepository",
        System.getProperty("user.home") + "/.m2/repository"));
    Path installed = repo.resolve("ai/glimpse/glimpse-onnx-runtime/" + version
        + "/glimpse-onnx-runtime-" + version + ".jar");
    Path built = Path.of("../onnx-runtime/target/glimpse-onnx-runtime-" + version + ".jar");
    Assumptions.assumeTrue(Files.isRegularFile(installed) && Files.isRegularFile(built)
        && Files.mismatch(installed, built) == -1
        && Files.isRegularFile(repo.resolve("ai/glimpse/glimpse-bom/" + version + "/glimpse-bom-" + version + ".pom")),
        "the installed glimpse-onnx-runtime is not this build's; run mvn install");

    Path project = tmp.resolve("outside-project");
    Path template = Path.of("src/test/resources/outside-project");
    try (Stream<Path> files = Files.walk(template)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = project.resolve(template.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.writeString(target, Files.readString(f).replace("GLIMPSE_VERSION", version));
        }
      }
    }
    Path cp = project.resolve("classpath.txt");
    run(project, List.of("mvn", "-B", "-o", "-q", "-Dmaven.repo.local=" + repo, "compile",
        "dependency:build-classpath", "-Dmdep.outputFile=" + cp));
    String classpath = Files.readString(cp).trim();
    assertTrue(classpath.contains("glimpse-onnx-runtime-" + version + ".jar"), classpath);
    assertTrue(classpath.contains("onnxruntime-"), classpath);
    for (String entry : classpath.split(File.pathSeparator)) {
      assertFalse(entry.toLowerCase(Locale.ROOT).contains("tensorflow"), "TensorFlow on the class path: " + entry);
    }

    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String output = run(project, List.of(javaBin, "-cp", project.resolve("target/classes") + File.pathSeparator
        + classpath, "com.example.Answer", out.resolve("model.onnx").toString(), image.toString(), QUESTION));
    List<String> lines = output.lines().filter(l -> l.contains("\t")).toList();
    assertEquals(3, lines.size(), output);
    for (int i = 0; i < 3; i++) {
      String[] parts = lines.get(i).split("\t");
      assertEquals(prediction.answers().get(i).answer(), parts[0]);
      assertEquals(prediction.answers().get(i).probability(), Double.parseDouble(parts[1]), 1e-6);
    }
  }

  private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out: " + command);
    assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + output);
    return output;
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
