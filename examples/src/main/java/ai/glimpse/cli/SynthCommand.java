package ai.glimpse.cli;

import ai.glimpse.preprocessing.synth.Preset;
import ai.glimpse.preprocessing.synth.SynthConfig;
import ai.glimpse.preprocessing.synth.SynthDataset;
import ai.glimpse.preprocessing.synth.SyntheticGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glimpse synth}: writes a synthetic VQA dataset in the official formats. */
@Command(name = "synth", mixinStandardHelpOptions = true,
    description = "Generate a synthetic VQA dataset (VQA v2 JSON + PNG images), deterministic for a seed.")
final class SynthCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "Output directory (must be empty or absent).")
  Path out;

  @Option(names = "--preset", defaultValue = "shapes", description = "shapes | sort-of-clevr (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--train-images", defaultValue = "2000", description = "Training images (default: ${DEFAULT-VALUE}).")
  int trainImages;

  @Option(names = "--val-images", defaultValue = "500", description = "Validation images (default: ${DEFAULT-VALUE}).")
  int valImages;

  @Option(names = "--seed", defaultValue = "7", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--noise", defaultValue = "0.1", description = "Share of human answers that differ from the truth (default: ${DEFAULT-VALUE}).")
  double noise;

  @Override
  public Integer call() throws Exception {
    SynthConfig config = new SynthConfig(Preset.fromCliName(preset), trainImages, valImages, seed, noise);
    SynthDataset d = SyntheticGenerator.generate(config, out);
    System.out.printf("wrote %s: train %d images / %d questions, val %d images / %d questions%n",
        d.root(), d.train().images(), d.train().questions(), d.val().images(), d.val().questions());
    return 0;
  }
}
