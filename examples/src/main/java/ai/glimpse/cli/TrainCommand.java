package ai.glimpse.cli;

import ai.glimpse.preprocessing.prepare.PreparedDataset;
import ai.glimpse.tf.train.LearningRateSchedule;
import ai.glimpse.tf.train.LossKind;
import ai.glimpse.tf.train.OptimizerKind;
import ai.glimpse.tf.train.TrainConfig;
import ai.glimpse.tf.train.TrainResult;
import ai.glimpse.tf.train.Trainer;
import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.tf.zoo.DataShape;
import ai.glimpse.tf.zoo.ModelConfig;
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
  @Option(names = "--model", defaultValue = "saaa", description = "Architecture: deeper-lstm, saaa, san or butd, or show-attend-tell to train a captioner on a glimpse synth directory (default: ${DEFAULT-VALUE}).")
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

  @Option(names = "--schedule", defaultValue = "constant",
      description = "Learning-rate schedule: constant, one-cycle, warmup-step (default: ${DEFAULT-VALUE}).")
  String schedule;

  @Option(names = "--loss",
      description = "soft-ce (softmax cross-entropy on soft scores) or bce (binary cross-entropy) (default: the model's, bce for butd, soft-ce otherwise).")
  String loss;

  @Option(names = "--input",
      description = "Image input: pixels, grid or objects (default: the first the model reads that the prepared data has).")
  String input;

  @Option(names = "--clip-norm", defaultValue = "10", description = "Clip gradients to this global norm, 0 = off (default: ${DEFAULT-VALUE}).")
  double clipNorm;

  @Option(names = "--patience", defaultValue = "0",
      description = "Stop after this many epochs without val improvement, 0 = never (default: ${DEFAULT-VALUE}).")
  int patience;

  @Option(names = "--keep-best", defaultValue = "0",
      description = "Also keep the checkpoints of the best K epochs in RUN/checkpoints (default: ${DEFAULT-VALUE}).")
  int keepBest;

  @Option(names = "--checkpoint-every", defaultValue = "500",
      description = "Checkpoint every N steps within an epoch, so a killed run resumes mid-epoch; 0 = epoch ends only (default: ${DEFAULT-VALUE}).")
  int checkpointEvery;

  @Option(names = "--threads", defaultValue = "0", description = "TensorFlow intra-op threads, 0 = all cores (default: ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws Exception {
    if (CaptionTraining.MODEL.equals(model)) {
      return CaptionTraining.run(this);
    }
    PreparedDataset prepared = PreparedDataset.open(data);
    DataShape shape = Models.dataShape(model, prepared, input == null ? null : FeatureKind.parse(input));
    ModelConfig modelConfiguration = Models.withOverrides(model, shape, seed, modelConfig);
    TrainConfig config = new TrainConfig(epochs, batchSize, questionsPerImage, learningRate, optimizer,
        LossKind.named(loss == null ? modelConfiguration.defaultLoss() : loss), clipNorm,
        LearningRateSchedule.named(schedule), patience, keepBest, checkpointEvery, seed, threads, out);
    Trainer trainer = new Trainer(config, List.of(new ConsoleProgress(System.out, epochs)));
    TrainResult r = trainer.train(Models.create(modelConfiguration), prepared);
    System.out.printf("best val accuracy %.2f%% at epoch %d%s; checkpoint %s%n", r.bestValAccuracy(),
        r.bestEpoch(), r.stoppedEarly() ? " (stopped early)" : "", r.bestCheckpoint());
    return 0;
  }
}
