package ai.glimpse.evaluation.report;

import ai.glimpse.evaluation.metrics.VqaAccuracy;
import ai.glimpse.preprocessing.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link Comparison} as {@code report.json}, {@code report.md} and the self-contained
 * {@code report.html} (table and grouped bars), each atomically.
 */
public final class ComparisonWriter {
  private ComparisonWriter() {}

  /**
   * Writes {@code dir/report.json}, {@code dir/report.md} and {@code dir/report.html}, creating
   * {@code dir} if needed.
   *
   * @param comparison the comparison to write; must hold at least one model
   * @param dir the output directory; created with its parents if missing
   * @throws IOException if the directory cannot be created or a file cannot be written
   */
  public static void write(Comparison comparison, Path dir) throws IOException {
    Files.createDirectories(dir);
    AtomicFiles.writeString(dir.resolve(ReportWriter.JSON_FILE), toJson(comparison));
    AtomicFiles.writeString(dir.resolve(ReportWriter.MARKDOWN_FILE), toMarkdown(comparison));
    AtomicFiles.writeString(dir.resolve(HtmlReport.HTML_FILE), HtmlReport.render(comparison));
  }

  /**
   * Returns the comparison as pretty-printed JSON ending with a newline.
   *
   * @param comparison the comparison to serialize
   * @return the {@code report.json} text: {@code models} then {@code blindBaseline}
   */
  public static String toJson(Comparison comparison) {
    try {
      return ReportWriter.PRETTY.writeValueAsString(comparison) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the comparison", e);
    }
  }

  /**
   * Returns the Markdown table: Model | All | Yes/No | Number | Other, plus Relational and
   * Non-relational columns when any report has them, with the blind baseline as the last row.
   *
   * @param comparison the comparison to render; must hold at least one model (its split and
   *     question count title the page)
   * @return the {@code report.md} text, accuracies in percent with two decimals, followed by the list
   *     of report directories
   */
  public static String toMarkdown(Comparison comparison) {
    boolean relational = comparison.models().stream().anyMatch(e -> e.relationalAccuracy() != null);
    Comparison.Entry first = comparison.models().get(0);
    StringBuilder md = new StringBuilder();
    md.append("# Model comparison on ").append(first.split()).append("\n\n");
    md.append(first.questions()).append(" questions; official VQA accuracy in percent.\n\n");
    md.append("| Model | All | Yes/No | Number | Other |");
    md.append(relational ? " Relational | Non-relational |\n" : "\n");
    md.append("|---|---:|---:|---:|---:|").append(relational ? "---:|---:|\n" : "\n");
    for (Comparison.Entry e : comparison.models()) {
      row(md, e.model(), e.vqaAccuracy());
      if (relational) {
        md.append(' ').append(ReportWriter.pct(e.relationalAccuracy())).append(" | ")
            .append(ReportWriter.pct(e.nonRelationalAccuracy())).append(" |");
      }
      md.append('\n');
    }
    row(md, "blind baseline", comparison.blindBaseline());
    md.append(relational ? " – | – |\n" : "\n");
    md.append("\nReports:\n\n");
    for (Comparison.Entry e : comparison.models()) {
      md.append("- ").append(ReportWriter.cell(e.model())).append(": `")
          .append(ReportWriter.cell(e.report())).append("`\n");
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String name, VqaAccuracy acc) {
    md.append("| ").append(ReportWriter.cell(name)).append(" | ").append(ReportWriter.pct(acc.overall()));
    for (String type : ReportWriter.ANSWER_TYPES) {
      md.append(" | ").append(ReportWriter.pct(acc.perAnswerType().get(type)));
    }
    md.append(" |");
  }
}
