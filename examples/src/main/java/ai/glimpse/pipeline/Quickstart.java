package ai.glimpse.pipeline;

import ai.glimpse.evaluation.report.VqaReport;
import ai.glimpse.preprocessing.io.AtomicFiles;
import ai.glimpse.preprocessing.prepare.PrepareConfig;
import ai.glimpse.preprocessing.prepare.PreparedDataset;
import ai.glimpse.preprocessing.prepare.Preparer;
import ai.glimpse.preprocessing.synth.SynthConfig;
import ai.glimpse.preprocessing.synth.SyntheticGenerator;
import ai.glimpse.tf.train.RunConfig;
import ai.glimpse.tf.train.RunDirectory;
import ai.glimpse.tf.train.TrainConfig;
import ai.glimpse.tf.train.TrainResult;
import ai.glimpse.tf.train.Trainer;
import ai.glimpse.tf.train.TrainingListener;
import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.tf.zoo.DataShape;
import ai.glimpse.tf.zoo.Models;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The main job on built-in data: synthesize a dataset, prepare it, train SAAA in TensorFlow Java,
 * export it to ONNX (verified against TensorFlow), evaluate the ONNX model in ONNX Runtime and
 * write the report. Layout: {@code OUT/data}, {@code OUT/prepared}, {@code OUT/run},
 * {@code OUT/model.onnx}, {@code OUT/report/}. Re-running with the same settings resumes training
 * from the last checkpoint.
 */
public final class Quickstart {
  /**
   * The quickstart's settings.
   *
   * @param out the output directory
   * @param synth the synthetic dataset
   * @param epochs training epochs
   * @param verify questions compared between TensorFlow and ONNX Runtime
   * @param threads TensorFlow intra-op threads (0: all cores)
   */
  public record Config(Path out, SynthConfig synth, int epochs, int verify, int threads) {
    /**
     * Validates the settings.
     *
     * @param out the output directory; not null
     * @param synth the synthetic dataset to generate; not null
     * @param epochs training epochs; at least 1
     * @param verify validation questions compared between TensorFlow and ONNX Runtime after the
     *     export; 0 or less skips the check
     * @param threads TensorFlow intra-op threads (0: all cores)
     * @throws NullPointerException if {@code out} or {@code synth} is null
     * @throws IllegalArgumentException if {@code epochs} is less than 1
     */
    public Config {
      Objects.requireNonNull(out, "out");
      Objects.requireNonNull(synth, "synth");
      if (epochs < 1) {
        throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
      }
    }
  }

  /**
   * Everything the quickstart produced.
   *
   * @param training the outcome of training ({@code OUT/run})
   * @param export the exported model ({@code OUT/model.onnx}) and its measured parity
   * @param report the evaluation of the ONNX model on {@code val} ({@code OUT/report/})
   */
  public record Outcome(TrainResult training, ModelExport.Result export, VqaReport report) {}

  private Quickstart() {}

  /**
   * Runs every stage, telling {@code console} what it does. {@code OUT/data} is deleted and
   * generated again on every call; {@code OUT/run} is deleted when the prepared data changed, and
   * otherwise training resumes from its last checkpoint.
   *
   * @param config the settings; {@code config.out()} is made absolute and created if needed
   * @param console where one line per stage (and a few figures) is printed
   * @param progress receives each training step's loss and each epoch's metrics
   * @return the training result, the export and the report
   * @throws IOException if a stage cannot read or write its files
   */
  public static Outcome run(Config config, PrintStream console, TrainingListener progress)
      throws IOException {
    Path out = config.out().toAbsolutePath();
    Files.createDirectories(out);
    Path data = out.resolve("data");
    Path prepared = out.resolve("prepared");
    Path run = out.resolve("run");
    Path model = out.resolve("model.onnx");
    Path report = out.resolve("report");

    console.printf("[1/5] synth: %d train + %d val images (%s, seed %d) -> %s%n",
        config.synth().trainImages(), config.synth().valImages(), config.synth().preset().cliName(),
        config.synth().seed(), data);
    AtomicFiles.deleteRecursively(data);
    SyntheticGenerator.generate(config.synth(), data);

    console.printf("[2/5] prepare -> %s%n", prepared);
    PrepareConfig prep = PrepareConfig.forLayout(data);
    new Preparer(prep).prepare(prepared);
    PreparedDataset dataset = PreparedDataset.open(prepared);
    console.printf("      %d train / %d val questions, %d words, %d answers%n",
        dataset.manifest().splits().get("train").questions(), dataset.manifest().splits().get("val").questions(),
        dataset.vocabulary().size(), dataset.answers().size());

    RunDirectory runDir = new RunDirectory(run);
    if (Files.exists(runDir.configFile())) {
      RunConfig previous = runDir.readConfig();
      if (!Objects.equals(previous.dataSha256(), dataset.manifest().dataSha256())) {
        AtomicFiles.deleteRecursively(run);
      }
    }
    console.printf("[3/5] train saaa for %d epochs (TensorFlow Java, CPU) -> %s%n", config.epochs(), run);
    DataShape shape = Models.dataShape("saaa", dataset, FeatureKind.PIXELS);
    long seed = config.synth().seed();
    TrainConfig train = TrainConfig.defaults(config.epochs(), seed, run);
    train = train.withThreads(config.threads());
    TrainResult trained = new Trainer(train, List.of(progress))
        .train(Models.create(Models.defaults("saaa", shape, seed)), dataset);

    console.printf("[4/5] export -> %s (verifying %d val questions against TensorFlow)%n", model, config.verify());
    ModelExport.Result exported = ModelExport.export(run, model, config.verify());
    if (exported.parityMaxAbsDiff() != null) {
      console.printf("      parity max_abs_diff=%.3g questions=%d%n", exported.parityMaxAbsDiff(),
          exported.parityQuestions());
    }

    console.printf("[5/5] evaluate the ONNX model in ONNX Runtime -> %s%n", report);
    VqaReport r = OnnxEvaluation.run(model, prepared, "val", report,
        new OnnxEvaluation.Options(run, 12, seed));
    return new Outcome(trained, exported, r);
  }

}
