package ai.glimpse.cli;

import ai.glimpse.evaluation.report.Comparison;
import ai.glimpse.evaluation.report.ComparisonWriter;
import ai.glimpse.evaluation.report.HtmlReport;
import ai.glimpse.evaluation.report.ReportWriter;
import ai.glimpse.evaluation.report.VqaReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code glimpse compare}: several evaluation reports side by side with the blind baseline. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Compare report directories (glimpse evaluate) of models on the same data: "
        + "a table Model | All | Yes/No | Number | Other with the blind baseline as a row.")
final class CompareCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "REPORT_DIR", description = "Report directories holding report.json.")
  List<Path> reports;

  @Option(names = "--out", required = true, description = "Directory for report.json, report.md and report.html.")
  Path out;

  @Override
  public Integer call() throws Exception {
    List<VqaReport> read = new ArrayList<>();
    for (Path dir : reports) {
      Path file = Files.isDirectory(dir) ? dir.resolve(ReportWriter.JSON_FILE) : dir;
      read.add(ReportWriter.read(file));
    }
    Comparison comparison = Comparison.of(read, reports);
    ComparisonWriter.write(comparison, out);
    System.out.print(ComparisonWriter.toMarkdown(comparison));
    System.out.println("\nwrote " + out.resolve(ReportWriter.JSON_FILE) + ", " + out.resolve(ReportWriter.MARKDOWN_FILE)
        + " and " + out.resolve(HtmlReport.HTML_FILE));
    return 0;
  }
}
