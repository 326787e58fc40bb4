package ai.glimpse.cli;

import ai.glimpse.evaluation.report.VqaReport;
import ai.glimpse.pipeline.CaptionReport;
import ai.glimpse.pipeline.OnnxEvaluation;
import ai.glimpse.tf.caption.CaptionOnnxExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glimpse evaluate}: scores an exported model on a prepared split with ONNX Runtime. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluate an ONNX model on prepared data: official VQA accuracy, multiple choice, "
        + "Tribuo label evaluation, blind baseline; writes report.json, report.md and report.html.")
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "Exported .onnx model, or a captioner directory from glimpse caption --export.")
  Path model;

  @Option(names = "--data", required = true, description = "Prepared data directory (for a captioner: a glimpse synth directory with captions).")
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
    if (Files.isRegularFile(model.resolve(CaptionOnnxExport.METADATA))) {
      // A captioner exported by glimpse caption --export; --data is a captions directory.
      CaptionReport.Result c = CaptionReport.run(model, data, split, out);
      System.out.printf("%-22s %7s %7s %7s %7s %7s %7s%n", "", "BLEU-1", "BLEU-2", "BLEU-3", "BLEU-4", "ROUGE-L", "CIDEr-D");
      for (var row : java.util.List.of(java.util.Map.entry("show-attend-tell", c.captionMetrics()),
          java.util.Map.entry("most frequent caption", c.captionBaseline()))) {
        var m = row.getValue();
        System.out.printf("%-22s %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f%n", row.getKey(), m.bleu1(), m.bleu2(),
            m.bleu3(), m.bleu4(), m.rougeL(), m.ciderD());
      }
      System.out.println(c.images() + " " + split + " images; report: " + out.resolve("report.json"));
      return 0;
    }
    VqaReport r = OnnxEvaluation.run(model, data, split, out, new OnnxEvaluation.Options(run, gallery, seed));
    System.out.print(ResultTable.render(r));
    System.out.println("report: " + out.resolve("report.json") + ", " + out.resolve("report.html"));
    return 0;
  }
}
