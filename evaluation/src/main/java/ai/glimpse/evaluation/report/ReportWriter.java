package ai.glimpse.evaluation.report;

import ai.glimpse.evaluation.metrics.VqaAccuracy;
import ai.glimpse.preprocessing.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link VqaReport} as {@code report.json} (pretty-printed JSON) and {@code report.md}
 * (a Markdown page with the accuracy tables and the provenance), each atomically, and reads
 * {@code report.json} back.
 */
public final class ReportWriter {

  /** File name of the JSON report inside the report directory. */
  public static final String JSON_FILE = "report.json";

  /** File name of the Markdown report inside the report directory. */
  public static final String MARKDOWN_FILE = "report.md";

  /** The answer types of VQA v2, in the column order of the accuracy table. */
  static final String[] ANSWER_TYPES = {"yes/no", "number", "other"};

  private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);

  // Immutable once configured; ObjectMapper and ObjectWriter are thread-safe.
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter(
          Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));

  private ReportWriter() {}

  /**
   * Writes {@code dir/report.json}, {@code dir/report.md} and {@code dir/report.html} without
   * training curves or gallery, creating {@code dir} if needed; each file is replaced atomically.
   *
   * @param report the report to write
   * @param dir the report directory; created with its parents if missing
   * @throws IOException if the directory cannot be created or a file cannot be written
   */
  public static void write(VqaReport report, Path dir) throws IOException {
    write(report, ReportFigures.none(), dir);
  }

  /**
   * Writes {@code dir/report.json}, {@code dir/report.md} and the self-contained
   * {@code dir/report.html} with the given figures, creating {@code dir} if needed; each file is
   * replaced atomically (one at a time: a failure can leave older files of the set in place).
   *
   * @param report the report to write
   * @param figures the training curves and gallery embedded in the HTML page
   *     ({@link ReportFigures#none()} for none)
   * @param dir the report directory; created with its parents if missing
   * @throws IOException if the directory cannot be created or a file cannot be written
   */
  public static void write(VqaReport report, ReportFigures figures, Path dir) throws IOException {
    Files.createDirectories(dir);
    AtomicFiles.writeString(dir.resolve(JSON_FILE), toJson(report));
    AtomicFiles.writeString(dir.resolve(MARKDOWN_FILE), toMarkdown(report));
    AtomicFiles.writeString(dir.resolve(HtmlReport.HTML_FILE), HtmlReport.render(report, figures));
    LOG.info("wrote report of {} on {} to {}", report.model(), report.split(), dir);
  }

  /**
   * Reads a {@code report.json} written by {@link #write}; unknown fields are ignored.
   *
   * @param reportJson the {@code report.json} file
   * @return the report, validated as by the {@link VqaReport} constructor
   * @throws IOException if the file cannot be read, is not valid JSON (the message gives line
   *     and column) or does not describe a valid report
   */
  public static VqaReport read(Path reportJson) throws IOException {
    if (!Files.isRegularFile(reportJson)) {
      throw new NoSuchFileException(reportJson.toString(), null, "no report file");
    }
    try {
      return MAPPER.readValue(reportJson.toFile(), VqaReport.class);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IOException(reportJson + at(e.getLocation()) + ": invalid report: "
          + cause.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw new IOException(reportJson + at(e.getLocation()) + ": " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Returns the report as pretty-printed JSON ending with a newline.
   *
   * @param report the report to serialize
   * @return the {@code report.json} text, fields in {@link VqaReport}'s declared order; null optional
   *     figures other than the parity difference are left out
   */
  public static String toJson(VqaReport report) {
    try {
      return PRETTY.writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the report of " + report.model(), e);
    }
  }

  /**
   * Returns the Markdown page of the report.
   *
   * @param report the report to render
   * @return the {@code report.md} text: the VQA accuracy tables by answer type and by question type
   *     (model and blind baseline), the other accuracies present, and the provenance with the config
   */
  public static String toMarkdown(VqaReport report) {
    StringBuilder md = new StringBuilder();
    md.append("# VQA report: ").append(report.model()).append(" on ").append(report.split())
        .append("\n\n");
    md.append(report.questions()).append(" questions. Accuracies are percentages with two "
        + "decimals; VQA accuracy is the official metric.\n\n");

    md.append("## VQA accuracy\n\n");
    md.append("| Model | All | Yes/No | Number | Other |\n");
    md.append("|---|---:|---:|---:|---:|\n");
    accuracyRow(md, report.model(), report.vqaAccuracy());
    accuracyRow(md, "blind baseline", report.blindBaseline());
    md.append('\n');

    md.append("- Multiple-choice accuracy: ").append(pct(report.multipleChoiceAccuracy())).append('\n');
    if (report.multipleChoiceAccuracyExcludingUnk() != null) {
      md.append("- Multiple-choice accuracy without `<unk>` predictions: ")
          .append(pct(report.multipleChoiceAccuracyExcludingUnk())).append('\n');
    }
    if (report.answerClassification() != null) {
      md.append(String.format(Locale.ROOT, "- Tribuo label evaluation: accuracy %.2f, macro F1 "
          + "%.3f, micro F1 %.3f over %d answer labels%n",
          report.answerClassification().accuracy(), report.answerClassification().macroF1(),
          report.answerClassification().microF1(), report.answerClassification().labels()));
    }
    if (report.relationalAccuracy() != null) {
      md.append("- Relational questions: ").append(pct(report.relationalAccuracy()))
          .append("; non-relational questions: ").append(pct(report.nonRelationalAccuracy()))
          .append('\n');
    }
    md.append("- ONNX parity (max abs difference, TensorFlow vs ONNX Runtime): ")
        .append(report.onnxParityMaxAbsDiff() == null ? "not measured"
            : String.format(Locale.ROOT, "%.3e", report.onnxParityMaxAbsDiff()))
        .append("\n\n");

    md.append("## VQA accuracy per question type\n\n");
    md.append("| Question type | ").append(cell(report.model())).append(" | Blind baseline |\n");
    md.append("|---|---:|---:|\n");
    TreeSet<String> types = new TreeSet<>(report.vqaAccuracy().perQuestionType().keySet());
    types.addAll(report.blindBaseline().perQuestionType().keySet());
    for (String type : types) {
      md.append("| ").append(cell(type)).append(" | ")
          .append(pct(report.vqaAccuracy().perQuestionType().get(type))).append(" | ")
          .append(pct(report.blindBaseline().perQuestionType().get(type))).append(" |\n");
    }
    md.append('\n');

    Provenance p = report.provenance();
    md.append("## Provenance\n\n");
    md.append("| | |\n|---|---|\n");
    md.append("| Model file | `").append(cell(p.modelFile())).append("` |\n");
    md.append("| Model SHA-256 | `").append(p.modelSha256()).append("` |\n");
    md.append("| Data SHA-256 | `").append(p.dataSha256()).append("` |\n");
    md.append("| Created | ").append(cell(p.createdAt())).append(" |\n\n");
    md.append("Config:\n\n```json\n");
    try {
      md.append(PRETTY.writeValueAsString(p.config()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the config of " + report.model(), e);
    }
    md.append("\n```\n");
    return md.toString();
  }

  private static void accuracyRow(StringBuilder md, String name, VqaAccuracy acc) {
    md.append("| ").append(cell(name)).append(" | ").append(pct(acc.overall()));
    for (String type : ANSWER_TYPES) {
      md.append(" | ").append(pct(acc.perAnswerType().get(type)));
    }
    md.append(" |\n");
  }

  static String pct(Double value) {
    return value == null ? "–" : String.format(Locale.ROOT, "%.2f", value);
  }

  /** Escapes text for a Markdown table cell. */
  static String cell(String text) {
    return text.replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
  }

  private static String at(JsonLocation loc) {
    if (loc == null || loc.getLineNr() < 0) {
      return "";
    }
    return " line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }
}
