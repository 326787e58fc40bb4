package ai.glimpse.cli;

import ai.glimpse.pipeline.Quickstart;
import ai.glimpse.preprocessing.synth.Preset;
import ai.glimpse.preprocessing.synth.SynthConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glimpse quickstart}: synth, prepare, train, export, evaluate, report. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = "The main job on built-in synthetic data: synth -> prepare -> train SAAA (TF Java) -> "
        + "export ONNX -> evaluate in ONNX Runtime -> report.")
final class QuickstartCommand implements Callable<Integer> {
  @Option(names = "--out", defaultValue = "glimpse-out", description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--train-images", defaultValue = "8000", description = "Training images (default: ${DEFAULT-VALUE}).")
  int trainImages;

  @Option(names = "--val-images", defaultValue = "500", description = "Validation images (default: ${DEFAULT-VALUE}).")
  int valImages;

  @Option(names = "--epochs", defaultValue = "14", description = "Training epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--preset", defaultValue = "shapes", description = "shapes | sort-of-clevr (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--seed", defaultValue = "7", description = "Seed of data, weights and shuffles (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--verify", defaultValue = "256", description = "Val questions compared between TF and ONNX Runtime (default: ${DEFAULT-VALUE}).")
  int verify;

  @Option(names = "--threads", defaultValue = "0", description = "TensorFlow intra-op threads, 0 = all cores (default: ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    SynthConfig synth = new SynthConfig(Preset.fromCliName(preset), trainImages, valImages, seed, 0.1);
    Quickstart.Outcome o = Quickstart.run(new Quickstart.Config(out, synth, epochs, verify, threads),
        System.out, new ConsoleProgress(System.out, epochs));
    System.out.println();
    System.out.print(ResultTable.render(o.report()));
    System.out.printf("done in %.1f min; report: %s%n", (System.nanoTime() - start) / 60e9,
        out.resolve("report").resolve("report.md"));
    return 0;
  }
}
