package ai.glimpse.examples;

import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.preprocessing.prepare.PrepareConfig;
import ai.glimpse.preprocessing.prepare.PreparedDataset;
import ai.glimpse.preprocessing.prepare.Preparer;
import ai.glimpse.preprocessing.synth.Preset;
import ai.glimpse.preprocessing.synth.SynthConfig;
import ai.glimpse.preprocessing.synth.SyntheticGenerator;
import ai.glimpse.tf.train.EpochMetrics;
import ai.glimpse.tf.train.TrainConfig;
import ai.glimpse.tf.train.TrainResult;
import ai.glimpse.tf.train.Trainer;
import ai.glimpse.tf.train.TrainingListener;
import ai.glimpse.tf.zoo.DataShape;
import ai.glimpse.tf.zoo.Models;
import ai.glimpse.tf.zoo.VqaModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Trains SAAA on the built-in synthetic shapes from Java: synthesize a dataset, prepare it, build
 * the model from its default configuration and train it in TensorFlow Java with a listener that
 * prints each epoch and stops once validation accuracy reaches a target. Writes
 * {@code OUT/data}, {@code OUT/prepared} and the run directory {@code OUT/run}.
 */
public final class TrainOnSyntheticData {
  private TrainOnSyntheticData() {}

  /**
   * Runs the example.
   *
   * @param out the directory to write into; created when missing
   * @param trainImages synthetic training images (10 questions each); validation gets a quarter
   * @param epochs the most epochs to train
   * @param targetAccuracy stop once validation accuracy reaches this, percent
   * @return the training's metrics, best epoch and checkpoint
   * @throws IOException when a file cannot be written or read
   */
  public static TrainResult run(Path out, int trainImages, int epochs, double targetAccuracy) throws IOException {
    // snippet-start train
    Path data = out.resolve("data");
    Path prepared = out.resolve("prepared");
    SyntheticGenerator.generate(new SynthConfig(Preset.SHAPES, trainImages, trainImages / 4, 7, 0.1), data);
    new Preparer(PrepareConfig.forLayout(data)).prepare(prepared);
    PreparedDataset dataset = PreparedDataset.open(prepared);

    DataShape shape = Models.dataShape("saaa", dataset, FeatureKind.PIXELS);
    VqaModel model = Models.create(Models.defaults("saaa", shape, 7));
    TrainConfig config = TrainConfig.defaults(epochs, 7, out.resolve("run"));

    TrainingListener listener = new TrainingListener() {
      @Override
      public void onEpoch(EpochMetrics m) {
        System.out.printf("epoch %d: loss %.3f, val accuracy %.2f%%, %.1f s%n",
            m.epoch(), m.loss(), m.valAccuracy(), m.seconds());
      }

      @Override
      public boolean stopAfter(EpochMetrics latest, List<EpochMetrics> history) {
        return latest.valAccuracy() >= targetAccuracy;
      }
    };
    TrainResult result = new Trainer(config, List.of(listener)).train(model, dataset);
    System.out.printf("best val accuracy %.2f%% at epoch %d, weights in %s%n",
        result.bestValAccuracy(), result.bestEpoch(), result.bestCheckpoint());
    // snippet-end
    return result;
  }

  /**
   * Trains on 2,000 synthetic images for up to 6 epochs, stopping at 65% validation accuracy.
   *
   * @param args the output directory (default {@code glimpse-example})
   * @throws IOException when a file cannot be written or read
   */
  public static void main(String[] args) throws IOException {
    run(Path.of(args.length > 0 ? args[0] : "glimpse-example"), 2000, 6, 65);
  }
}
