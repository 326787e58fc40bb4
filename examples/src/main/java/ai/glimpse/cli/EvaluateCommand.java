package ai.glimpse.cli;

import ai.glimpse.evaluation.report.VqaReport;
import ai.glimpse.pipeline.OnnxEvaluation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glimpse evaluate}: scores an exported model on a prepared split with ONNX Runtime. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluate an ONNX model on prepared data: official VQA accuracy, multiple choice, "
        + "Tribuo label evaluation, blind baseline; writes report.json, report.md and report.html.")
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "Exported .onnx model.")
  Path model;

  @Option(names = "--data", required = true, description = "Prepared data directory.")
  Path data;

  @Option(names = "--split", defaultValue = "val", description = "Split to evaluate (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--out", required = true, description = "Report directory (report.json, report.md, report.html).")
  Path out;

  @Option(names = "--run", paramLabel = "RUN",
      description = "Training run directory; its metrics.jsonl gives the training curves of report.html.")
  Path run;

  @Option(names = "--gallery", defaultValue = "12",
      description = "Validation questions shown with attention maps in report.html (default: ${DEFAULT-VALUE}).")
  int gallery;

  @Option(names = "--seed", defaultValue = "7", description = "Seed of the gallery's choice (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    VqaReport r = OnnxEvaluation.run(model, data, split, out, new OnnxEvaluation.Options(run, gallery, seed));
    System.out.print(ResultTable.render(r));
    System.out.println("report: " + out.resolve("report.json") + ", " + out.resolve("report.html"));
    return 0;
  }
}
