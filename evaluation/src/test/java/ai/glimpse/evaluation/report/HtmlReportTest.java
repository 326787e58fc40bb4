package ai.glimpse.evaluation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.evaluation.charts.AttentionRenderer;
import ai.glimpse.evaluation.charts.GalleryItem;
import ai.glimpse.evaluation.charts.ScoredAnswer;
import ai.glimpse.evaluation.charts.TrainingHistory;
import ai.glimpse.evaluation.metrics.AnswerClassification;
import ai.glimpse.evaluation.metrics.AnswerLabelEvaluator;
import ai.glimpse.evaluation.metrics.VqaResult;
import ai.glimpse.preprocessing.data.Annotation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The self-contained HTML report, its charts and the new report.json fields. */
class HtmlReportTest {

  private static final Pattern DATA_URI = Pattern.compile("src=\"data:image/png;base64,([^\"]+)\"");

  private static GalleryItem gridItem() {
    int side = 8;
    float[] image = new float[3 * side * side];
    java.util.Arrays.fill(image, 0.5f);
    float[][] attention = {{0, 0, 0, 1}, {0.25f, 0.25f, 0.25f, 0.25f}};
    return new GalleryItem(7, "what color <is> the cat?", image, side, attention, 2, null,
        List.of(new ScoredAnswer("black", 0.6), new ScoredAnswer("white", 0.3),
            new ScoredAnswer("grey", 0.05)), "black", 1.0);
  }

  private static GalleryItem boxItem(float[][] boxes) {
    return new GalleryItem(8, "how many dogs?", null, 0, new float[][] {{0.1f, 0.7f, 0.2f}}, 0,
        boxes, List.of(new ScoredAnswer("2", 0.9)), "3", 0.0);
  }

  private static VqaReport fullReport() {
    VqaReport base = ReportWriterTest.report(1e-6);
    List<Annotation> gold = List.of(new Annotation(1, 1, "is the", "yes/no", "yes", List.of("yes")),
        new Annotation(2, 1, "is the", "yes/no", "no", List.of("no")));
    AnswerClassification c = new AnswerLabelEvaluator().evaluate(
        List.of(new VqaResult(1, "yes"), new VqaResult(2, "yes")), gold, base.provenance());
    return new VqaReport(base.model(), base.split(), base.questions(), base.vqaAccuracy(),
        base.multipleChoiceAccuracy(), base.blindBaseline(), base.onnxParityMaxAbsDiff(),
        base.provenance(), null, null, 70.5, c);
  }

  @Test
  void htmlIsSelfContainedWithDecodablePngs(@TempDir Path dir) throws IOException {
    Path metrics = dir.resolve("metrics.jsonl");
    Files.writeString(metrics,
        "{\"epoch\":1,\"step\":10,\"loss\":2.5,\"trainAccuracy\":40.0,\"valAccuracy\":45.0}\n"
        + "{\"epoch\":2,\"step\":20,\"loss\":1.9,\"trainAccuracy\":50.0,\"valAccuracy\":52.0}\n");
    ReportFigures figures = new ReportFigures(Optional.of(TrainingHistory.read(dir)),
        List.of(gridItem(), boxItem(null), boxItem(new float[][] {{0, 0, 0.5f, 0.5f},
            {0.5f, 0.5f, 1, 1}, {0.2f, 0.2f, 0.4f, 0.9f}})));
    ReportWriter.write(fullReport(), figures, dir.resolve("r"));

    String html = Files.readString(dir.resolve("r").resolve("report.html"));
    assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
    assertFalse(html.contains("<script"), "no scripts");
    assertFalse(html.contains("src=\"http") || html.contains("href=\"http"), "no external links");
    assertTrue(html.contains("what color &lt;is&gt; the cat?"), "question text escaped");
    assertTrue(html.contains("<td>black</td><td class=\"n\">0.600</td>"), "top answers");
    assertTrue(html.contains("Ground truth: <b>black</b>"));
    assertTrue(html.contains("<td>saaa</td><td class=\"n\">61.25</td><td class=\"n\">80.50</td>"));
    assertTrue(html.contains("left out): 70.50"));
    assertTrue(html.contains("Answers as classification (Tribuo)"));
    // Charts: answer types, training curves, question types; gallery: image + 2 glimpses, 2 boxes.
    Matcher m = DATA_URI.matcher(html);
    int images = 0;
    while (m.find()) {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
      assertNotNull(img, "PNG " + images + " decodes");
      images++;
    }
    assertEquals(3 + 3 + 1 + 1, images);
    assertTrue(html.contains("alt=\"training curves\""));
  }

  @Test
  void newJsonFieldsRoundTrip(@TempDir Path dir) throws IOException {
    VqaReport report = fullReport();
    ReportWriter.write(report, dir);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertEquals(70.5, json.get("multipleChoiceAccuracyExcludingUnk").asDouble(), 0.0);
    JsonNode c = json.get("answerClassification");
    assertEquals(50.0, c.get("accuracy").asDouble(), 0.0);
    assertTrue(c.has("macroF1") && c.has("microF1") && c.has("perAnswer") && c.has("confusion")
        && c.has("provenance"), c.toString());
    assertEquals(report, ReportWriter.read(dir.resolve("report.json")));
    assertTrue(Files.readString(dir.resolve("report.md"))
        .contains("Multiple-choice accuracy without `<unk>` predictions: 70.50"));
  }

  @Test
  void comparisonWritesHtmlWithGroupedBars(@TempDir Path dir) throws IOException {
    VqaReport a = ReportWriterTest.report(0.0);
    Comparison comparison = Comparison.of(List.of(a, a), List.of(Path.of("x"), Path.of("y")));
    ComparisonWriter.write(comparison, dir);
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("<th>Model</th><th>All</th><th>Yes/No</th><th>Number</th><th>Other</th>"));
    assertTrue(html.contains("<td>blind baseline</td><td class=\"n\">30.12</td>"));
    assertTrue(DATA_URI.matcher(html).find());
  }

  @Test
  void heatMapPutsTheHottestColourOnTheAttendedCell() {
    BufferedImage img = AttentionRenderer.render(gridItem(), 0, 64);
    // Glimpse 0 attends only the bottom-right cell of the 2x2 grid: red there, blue elsewhere.
    int hot = img.getRGB(48, 48);
    int cold = img.getRGB(16, 16);
    assertTrue(((hot >> 16) & 0xff) > ((hot) & 0xff), Integer.toHexString(hot));
    assertTrue((cold & 0xff) > ((cold >> 16) & 0xff), Integer.toHexString(cold));
    assertThrows(IllegalArgumentException.class, () -> AttentionRenderer.render(gridItem(), 2, 64));
  }

  @Test
  void badMetricsLineNamesFileAndLine(@TempDir Path dir) throws IOException {
    Path metrics = dir.resolve("metrics.jsonl");
    Files.writeString(metrics, "{\"epoch\":1,\"loss\":2,\"trainAccuracy\":1,\"valAccuracy\":1}\n"
        + "{\"epoch\":2,\"loss\":2}\n");
    IOException e = assertThrows(IOException.class, () -> TrainingHistory.read(metrics));
    assertTrue(e.getMessage().contains("metrics.jsonl line 2"), e.getMessage());
    assertTrue(e.getMessage().contains("trainAccuracy"), e.getMessage());
  }
}
