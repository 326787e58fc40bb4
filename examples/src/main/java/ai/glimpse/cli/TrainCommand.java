package ai.glimpse.cli;

import ai.glimpse.preprocessing.prepare.PreparedDataset;
import ai.glimpse.tf.train.OptimizerKind;
import ai.glimpse.tf.train.TrainConfig;
import ai.glimpse.tf.train.TrainResult;
import ai.glimpse.tf.train.Trainer;
import ai.glimpse.tf.zoo.DataShape;
import ai.glimpse.tf.zoo.Models;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glimpse train}: trains a zoo model on prepared data in TensorFlow Java. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a model in TensorFlow Java. A run directory holding a checkpoint of the same "
        + "configuration resumes after its last completed epoch.")
final class TrainCommand implements Callable<Integer> {
  @Option(names = "--model", defaultValue = "saaa", description = "Architecture: deeper-lstm, saaa or san (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--data", required = true, description = "Prepared data directory (glimpse prepare).")
  Path data;

  @Option(names = "--out", required = true, description = "Run directory for config, metrics and checkpoints.")
  Path out;

  @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch-size", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--questions-per-image", defaultValue = "10",
      description = "Questions of one image kept together in a batch, so its stem runs once (default: ${DEFAULT-VALUE}).")
  int questionsPerImage;

  @Option(names = "--lr", defaultValue = "0.002", description = "Learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--optimizer", defaultValue = "ADAMAX",
      description = "ADAMAX | ADAM | SGD_MOMENTUM (default: ${DEFAULT-VALUE}).")
  OptimizerKind optimizer;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of weights, dropout and shuffles (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--model-config", description = "JSON object overriding model defaults, e.g. '{\"dropout\": 0.1}'.")
  String modelConfig;

  @Option(names = "--threads", defaultValue = "0", description = "TensorFlow intra-op threads, 0 = all cores (default: ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws Exception {
    TrainResult r = train(model, modelConfig, data, out, epochs, batchSize, questionsPerImage, learningRate, optimizer, seed, threads);
    System.out.printf("best val accuracy %.2f%% at epoch %d; checkpoint %s%n", r.bestValAccuracy(),
        r.bestEpoch(), r.bestCheckpoint());
    return 0;
  }

  static TrainResult train(String model, String overrides, Path data, Path out, int epochs, int batchSize, int questionsPerImage, double lr,
      OptimizerKind optimizer, long seed, int threads) throws Exception {
    PreparedDataset prepared = PreparedDataset.open(data);
    DataShape shape = new DataShape(prepared.vocabulary().size(), prepared.manifest().maxQuestionLength(),
        prepared.answers().size(), prepared.manifest().imageSize());
    TrainConfig config = new TrainConfig(epochs, batchSize, questionsPerImage, lr, optimizer, 10.0, seed, threads, out);
    Trainer trainer = new Trainer(config, List.of(new ConsoleProgress(System.out, epochs)));
    return trainer.train(Models.create(Models.withOverrides(model, shape, seed, overrides)), prepared);
  }
}
