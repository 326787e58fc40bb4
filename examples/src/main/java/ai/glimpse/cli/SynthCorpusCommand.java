package ai.glimpse.cli;

import ai.glimpse.preprocessing.synth.VqaScaleConfig;
import ai.glimpse.preprocessing.synth.VqaScaleCorpus;
import ai.glimpse.preprocessing.synth.VqaScaleOutput;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code glimpse synth-corpus}: writes a synthetic question-answer corpus in the official VQA v2
 * formats, by default at the full scale of VQA v2.
 */
@Command(name = "synth-corpus", mixinStandardHelpOptions = true,
    description = "Generate a synthetic VQA v2-format corpus (questions and annotations, no images) "
        + "at VQA v2 scale, deterministic for a seed: DIR/{train,val}/{questions,annotations}.json.")
final class SynthCorpusCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "Output directory (created if missing; "
      + "the four files are replaced).")
  Path out;

  @Option(names = "--train-questions", defaultValue = "" + VqaScaleConfig.VQA_V2_TRAIN_QUESTIONS,
      description = "Training questions (default: ${DEFAULT-VALUE}, as VQA v2).")
  int trainQuestions;

  @Option(names = "--train-images", defaultValue = "" + VqaScaleConfig.VQA_V2_TRAIN_IMAGES,
      description = "Training images (default: ${DEFAULT-VALUE}).")
  int trainImages;

  @Option(names = "--val-questions", defaultValue = "" + VqaScaleConfig.VQA_V2_VAL_QUESTIONS,
      description = "Validation questions (default: ${DEFAULT-VALUE}).")
  int valQuestions;

  @Option(names = "--val-images", defaultValue = "" + VqaScaleConfig.VQA_V2_VAL_IMAGES,
      description = "Validation images (default: ${DEFAULT-VALUE}).")
  int valImages;

  @Option(names = "--seed", defaultValue = "7", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    VqaScaleConfig config =
        new VqaScaleConfig(trainQuestions, trainImages, valQuestions, valImages, seed);
    long start = System.nanoTime();
    VqaScaleOutput o = VqaScaleCorpus.write(config, out);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "wrote %s in %.1f s (%s)%n", o.root(), seconds,
        megabytes(o.totalBytes()));
    for (VqaScaleOutput.Split s : new VqaScaleOutput.Split[] {o.train(), o.val()}) {
      System.out.printf(Locale.ROOT, "  %-5s %,9d questions over %,7d images: %s (%s), %s (%s)%n",
          s.name(), s.questions(), s.images(), s.questionsFile(), megabytes(s.questionsBytes()),
          s.annotationsFile(), megabytes(s.annotationsBytes()));
    }
    return 0;
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
