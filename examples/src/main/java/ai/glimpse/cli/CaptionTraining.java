package ai.glimpse.cli;

import ai.glimpse.evaluation.captions.CaptionEvaluation;
import ai.glimpse.tf.caption.CaptionEpochMetrics;
import ai.glimpse.tf.caption.CaptionTrainConfig;
import ai.glimpse.tf.caption.CaptionTrainer;
import ai.glimpse.tf.caption.ShowAttendTellConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The {@code glimpse train --model show-attend-tell} path: trains a captioner on a {@code glimpse
 * synth} directory ({@code DIR/train} and {@code DIR/val} with {@code captions.json} and images),
 * scoring validation captions with BLEU-4 and CIDEr-D after every epoch: the command line over
 * {@link ai.glimpse.pipeline.CaptionTraining}.
 */
final class CaptionTraining {
  /** The {@code --model} name that selects this path. */
  static final String MODEL = "show-attend-tell";

  private CaptionTraining() {}

  /** Runs the training the command's options describe and prints the outcome. */
  static int run(TrainCommand c) throws IOException {
    ShowAttendTellConfig model = modelConfig(c.modelConfig, c.seed);
    CaptionTrainConfig config = new CaptionTrainConfig(c.epochs, c.batchSize, c.learningRate, c.optimizer,
        c.clipNorm, 3, 500, c.seed);
    ai.glimpse.pipeline.CaptionTraining.Outcome o =
        ai.glimpse.pipeline.CaptionTraining.train(c.data, model, config, c.out);
    CaptionTrainer.Result r = o.training();
    System.out.printf("captions: %d train images, scored on %d val images%n", o.trainImages(), o.valImages());
    for (CaptionEpochMetrics m : r.metrics()) {
      System.out.printf("epoch %d: loss %.4f (cross-entropy %.4f), val BLEU-4 %.3f, CIDEr-D %.3f%n",
          m.epoch(), m.loss(), m.crossEntropy(), m.val().get("bleu4"), m.val().get("cider_d"));
    }
    CaptionEvaluation b = o.baseline();
    System.out.printf("best val CIDEr-D %.3f at epoch %d; most-frequent-caption baseline BLEU-4 %.3f, "
        + "CIDEr-D %.3f; checkpoint %s%n", r.bestScore(), r.bestEpoch(), b.bleu4(), b.ciderD(), r.bestCheckpoint());
    return 0;
  }

  /** The default configuration with the fields of {@code overrides} (a JSON object) replaced. */
  static ShowAttendTellConfig modelConfig(String overrides, long seed) {
    ObjectMapper m = new ObjectMapper();
    ShowAttendTellConfig d = ShowAttendTellConfig.defaults().withSeed(seed);
    if (overrides == null || overrides.isBlank()) {
      return d;
    }
    try {
      ObjectNode node = m.valueToTree(d);
      node.setAll((ObjectNode) m.readTree(overrides));
      return m.treeToValue(node, ShowAttendTellConfig.class);
    } catch (IOException | ClassCastException | IllegalArgumentException e) {
      throw new IllegalArgumentException("--model-config for show-attend-tell: " + e.getMessage(), e);
    }
  }
}
