package ai.glimpse.cli;

import ai.glimpse.pipeline.ModelExport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glimpse export}: a run's best checkpoint as one self-contained ONNX file. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export a trained run to ONNX (opset 17, IR 8) with vocabulary, answers and config in its metadata.")
final class ExportCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, description = "Run directory (glimpse train).")
  Path run;

  @Option(names = "--out", required = true, description = "Output .onnx file.")
  Path out;

  @Option(names = "--verify", defaultValue = "0",
      description = "Compare TensorFlow and ONNX Runtime on this many val questions (default: ${DEFAULT-VALUE}).")
  int verify;

  @Option(names = "--fp16", description = "Store the weights as float16 (half the file; the graph computes in float32).")
  boolean fp16;

  @Override
  public Integer call() throws Exception {
    ModelExport.Result r = ModelExport.export(run, out, verify, fp16);
    System.out.printf("exported %s (%s, %d answers)%n", r.model(), r.metadata().model(),
        r.metadata().answers().size());
    if (r.parityMaxAbsDiff() != null) {
      System.out.printf("parity max_abs_diff=%.3g questions=%d%n", r.parityMaxAbsDiff(), r.parityQuestions());
    }
    return 0;
  }
}
