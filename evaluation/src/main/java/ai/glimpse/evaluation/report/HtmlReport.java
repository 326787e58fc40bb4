package ai.glimpse.evaluation.report;

import ai.glimpse.evaluation.charts.AttentionRenderer;
import ai.glimpse.evaluation.charts.Charts;
import ai.glimpse.evaluation.charts.GalleryItem;
import ai.glimpse.evaluation.charts.ScoredAnswer;
import ai.glimpse.evaluation.metrics.AnswerClassification;
import ai.glimpse.evaluation.metrics.VqaAccuracy;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@code report.html}: one self-contained page (inline CSS, charts and pictures embedded
 * as base64 PNG data URIs, no scripts and no external files) with the accuracy tables, the charts
 * of {@link Charts}, the Tribuo label evaluation, the gallery and the provenance.
 */
public final class HtmlReport {

  /** File name of the HTML report inside the report directory. */
  public static final String HTML_FILE = "report.html";

  /** The side in pixels of each gallery picture. */
  private static final int PICTURE = 192;

  /** How many answers the per-answer table lists. */
  private static final int PER_ANSWER_ROWS = 25;

  /** How many question types the horizontal bar chart shows at most. */
  private static final int QUESTION_TYPES = 40;

  private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:1200px}"
      + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px}"
      + "td.n{text-align:right}img{max-width:100%}.gallery{display:flex;flex-wrap:wrap;gap:12px}"
      + ".card{border:1px solid #ccc;padding:8px;width:" + (3 * PICTURE + 40) + "px}"
      + ".ok{color:#080}.bad{color:#b00}pre{background:#f4f4f4;padding:8px}";

  private HtmlReport() {}

  /**
   * Returns the HTML page of one model's report with its figures.
   *
   * @param report the report whose tables, charts and provenance the page shows
   * @param figures the training curves and gallery to add; absent or empty ones are left out
   * @return the complete, self-contained {@code report.html} document
   */
  public static String render(VqaReport report, ReportFigures figures) {
    StringBuilder h = head("VQA report: " + report.model() + " on " + report.split());
    h.append("<p>").append(report.questions()).append(" questions. Accuracies are percentages "
        + "with two decimals; VQA accuracy is the official metric.</p>\n");
    h.append("<h2>VQA accuracy</h2>\n");
    Map<String, VqaAccuracy> rows = new LinkedHashMap<>();
    rows.put(report.model(), report.vqaAccuracy());
    rows.put("blind baseline", report.blindBaseline());
    accuracyTable(h, rows);
    h.append("<ul><li>Multiple-choice accuracy (<code>&lt;unk&gt;</code> counted as wrong): ")
        .append(ReportWriter.pct(report.multipleChoiceAccuracy())).append("</li>\n");
    h.append("<li>Multiple-choice accuracy (<code>&lt;unk&gt;</code> predictions left out): ")
        .append(ReportWriter.pct(report.multipleChoiceAccuracyExcludingUnk())).append("</li>\n");
    if (report.relationalAccuracy() != null) {
      h.append("<li>Relational questions: ").append(ReportWriter.pct(report.relationalAccuracy()))
          .append("; non-relational questions: ")
          .append(ReportWriter.pct(report.nonRelationalAccuracy())).append("</li>\n");
    }
    h.append("<li>ONNX parity (max abs difference): ").append(report.onnxParityMaxAbsDiff() == null
        ? "not measured" : String.format(Locale.ROOT, "%.3e", report.onnxParityMaxAbsDiff()))
        .append("</li></ul>\n");
    img(h, "VQA accuracy per answer type",
        Charts.answerTypeBars("VQA accuracy per answer type", rows, 720, 360));

    if (figures.training().isPresent() && !figures.training().get().epochs().isEmpty()) {
      h.append("<h2>Training curves</h2>\n");
      img(h, "training curves", Charts.trainingCurves(figures.training().get(), 720, 520));
    }

    h.append("<h2>Accuracy by question type</h2>\n");
    img(h, "VQA accuracy per question type", Charts.questionTypeBars(
        report.model() + ": VQA accuracy per question type",
        report.vqaAccuracy().perQuestionType(), QUESTION_TYPES, 720));

    if (report.answerClassification() != null) {
      classification(h, report.answerClassification());
    }
    if (!figures.gallery().isEmpty()) {
      gallery(h, figures.gallery());
    }
    provenance(h, report.provenance());
    return h.append("</body></html>\n").toString();
  }

  /**
   * Returns the HTML page of a comparison: the table and grouped bars per answer type.
   *
   * @param comparison the comparison to render; must hold at least one model. Rows are keyed by
   *     model name, so two entries with the same name show as one
   * @return the complete, self-contained {@code report.html} document
   */
  public static String render(Comparison comparison) {
    Comparison.Entry first = comparison.models().get(0);
    StringBuilder h = head("Model comparison on " + first.split());
    h.append("<p>").append(first.questions())
        .append(" questions; official VQA accuracy in percent.</p>\n");
    Map<String, VqaAccuracy> rows = new LinkedHashMap<>();
    for (Comparison.Entry e : comparison.models()) {
      rows.put(e.model(), e.vqaAccuracy());
    }
    rows.put("blind baseline", comparison.blindBaseline());
    accuracyTable(h, rows);
    img(h, "VQA accuracy per answer type",
        Charts.answerTypeBars("VQA accuracy per answer type", rows, 820, 400));
    h.append("<h2>Reports</h2><ul>\n");
    for (Comparison.Entry e : comparison.models()) {
      h.append("<li>").append(esc(e.model())).append(": <code>").append(esc(e.report()))
          .append("</code> (multiple choice ")
          .append(ReportWriter.pct(e.multipleChoiceAccuracy())).append(")</li>\n");
    }
    return h.append("</ul></body></html>\n").toString();
  }

  private static StringBuilder head(String title) {
    return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>").append(esc(title)).append("</title><style>").append(STYLE)
        .append("</style></head><body>\n<h1>").append(esc(title)).append("</h1>\n");
  }

  private static void accuracyTable(StringBuilder h, Map<String, VqaAccuracy> rows) {
    h.append("<table><tr><th>Model</th><th>All</th><th>Yes/No</th><th>Number</th><th>Other</th></tr>\n");
    rows.forEach((name, acc) -> {
      h.append("<tr><td>").append(esc(name)).append("</td><td class=\"n\">")
          .append(ReportWriter.pct(acc.overall())).append("</td>");
      for (String type : ReportWriter.ANSWER_TYPES) {
        h.append("<td class=\"n\">").append(ReportWriter.pct(acc.perAnswerType().get(type)))
            .append("</td>");
      }
      h.append("</tr>\n");
    });
    h.append("</table>\n");
  }

  private static void classification(StringBuilder h, AnswerClassification c) {
    h.append("<h2>Answers as classification (Tribuo)</h2>\n<p>Accuracy ")
        .append(ReportWriter.pct(c.accuracy())).append(", macro F1 ").append(f3(c.macroF1()))
        .append(", micro F1 ").append(f3(c.microF1())).append(" over ").append(c.labels())
        .append(" answer labels");
    if (c.pooledQuestions() > 0) {
      h.append(" (").append(c.pooledQuestions())
          .append(" questions whose gold answer was never predicted pooled into one label)");
    }
    h.append(".</p>\n<h3>Confusion of the most frequent answers (rows gold, columns predicted)</h3>\n");
    List<String> answers = c.confusion().answers();
    h.append("<table><tr><th></th>");
    answers.forEach(a -> h.append("<th>").append(esc(a)).append("</th>"));
    h.append("</tr>\n");
    for (int i = 0; i < answers.size(); i++) {
      h.append("<tr><th>").append(esc(answers.get(i))).append("</th>");
      for (long v : c.confusion().counts()[i]) {
        h.append("<td class=\"n\">").append(v).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n<h3>Per answer (most frequent ").append(PER_ANSWER_ROWS)
        .append(")</h3>\n<table><tr><th>Answer</th><th>Support</th><th>Predicted</th>"
            + "<th>Precision</th><th>Recall</th><th>F1</th></tr>\n");
    c.perAnswer().entrySet().stream().limit(PER_ANSWER_ROWS).forEach(e -> h.append("<tr><td>")
        .append(esc(e.getKey())).append("</td><td class=\"n\">").append(e.getValue().support())
        .append("</td><td class=\"n\">").append(e.getValue().predicted())
        .append("</td><td class=\"n\">").append(f3(e.getValue().precision()))
        .append("</td><td class=\"n\">").append(f3(e.getValue().recall()))
        .append("</td><td class=\"n\">").append(f3(e.getValue().f1())).append("</td></tr>\n"));
    h.append("</table>\n");
  }

  private static void gallery(StringBuilder h, List<GalleryItem> items) {
    h.append("<h2>Gallery</h2>\n<div class=\"gallery\">\n");
    for (GalleryItem item : items) {
      h.append("<div class=\"card\"><p><b>").append(esc(item.question())).append("</b> <small>(")
          .append(item.questionId()).append(")</small></p>\n");
      if (item.image() != null) {
        inline(h, "image", Charts.png(AttentionRenderer.image(item, PICTURE)));
      }
      for (int g = 0; g < item.attention().length; g++) {
        inline(h, "attention glimpse " + (g + 1),
            Charts.png(AttentionRenderer.render(item, g, PICTURE)));
      }
      if (item.attention().length == 0) {
        h.append("<p><i>the model has no attention output</i></p>");
      }
      h.append("<table><tr><th>Answer</th><th>Probability</th></tr>\n");
      for (ScoredAnswer a : item.topAnswers()) {
        h.append("<tr><td>").append(esc(a.answer())).append("</td><td class=\"n\">")
            .append(f3(a.probability())).append("</td></tr>\n");
      }
      h.append("</table><p>Ground truth: <b>").append(esc(item.groundTruth()))
          .append("</b>; VQA accuracy of the top answer: <span class=\"")
          .append(item.accuracy() > 0 ? "ok" : "bad").append("\">")
          .append(ReportWriter.pct(100 * item.accuracy())).append("</span></p></div>\n");
    }
    h.append("</div>\n");
  }

  private static void provenance(StringBuilder h, Provenance p) {
    h.append("<h2>Provenance</h2>\n<table>");
    row(h, "Model file", p.modelFile());
    row(h, "Model SHA-256", p.modelSha256());
    row(h, "Data SHA-256", p.dataSha256());
    row(h, "Created", p.createdAt());
    h.append("</table>\n<p>Config:</p><pre>");
    try {
      h.append(esc(ReportWriter.PRETTY.writeValueAsString(p.config())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the config", e);
    }
    h.append("</pre>\n");
  }

  private static void row(StringBuilder h, String k, String v) {
    h.append("<tr><th>").append(esc(k)).append("</th><td><code>").append(esc(v))
        .append("</code></td></tr>\n");
  }

  private static void img(StringBuilder h, String alt, byte[] png) {
    h.append("<p>");
    inline(h, alt, png);
    h.append("</p>\n");
  }

  private static void inline(StringBuilder h, String alt, byte[] png) {
    h.append("<img alt=\"").append(esc(alt)).append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png)).append("\">");
  }

  private static String f3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** Escapes text for HTML element content and attribute values. */
  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
