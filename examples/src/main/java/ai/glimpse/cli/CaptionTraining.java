package ai.glimpse.cli;

import ai.glimpse.evaluation.captions.CaptionEvaluation;
import ai.glimpse.evaluation.captions.CaptionEvaluator;
import ai.glimpse.evaluation.captions.CaptionResult;
import ai.glimpse.evaluation.captions.MostFrequentCaptionBaseline;
import ai.glimpse.tf.caption.CaptionCorpus;
import ai.glimpse.tf.caption.CaptionEpochMetrics;
import ai.glimpse.tf.caption.CaptionScorer;
import ai.glimpse.tf.caption.CaptionTrainConfig;
import ai.glimpse.tf.caption.CaptionTrainer;
import ai.glimpse.tf.caption.ShowAttendTellConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code glimpse train --model show-attend-tell} path: trains a captioner on a {@code glimpse
 * synth} directory ({@code DIR/train} and {@code DIR/val} with {@code captions.json} and images),
 * scoring validation captions with BLEU-4 and CIDEr-D after every epoch.
 */
final class CaptionTraining {
  /** The {@code --model} name that selects this path. */
  static final String MODEL = "show-attend-tell";

  private CaptionTraining() {}

  /** BLEU and CIDEr-D of the evaluation module, best checkpoint by CIDEr-D. */
  static CaptionScorer cocoScorer() {
    return new CaptionScorer() {
      @Override
      public Map<String, Double> score(Map<Long, String> captions, CaptionCorpus references) {
        CaptionEvaluation e = evaluate(captions, references);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("bleu4", e.bleu4());
        out.put("cider_d", e.ciderD());
        out.put("bleu1", e.bleu1());
        out.put("rouge_l", e.rougeL());
        return out;
      }

      @Override
      public String primary() {
        return "cider_d";
      }
    };
  }

  static CaptionEvaluation evaluate(Map<Long, String> captions, CaptionCorpus references) {
    List<CaptionResult> results = new ArrayList<>();
    Map<Long, List<String>> refs = new LinkedHashMap<>();
    for (int i = 0; i < references.size(); i++) {
      long id = references.imageIds().get(i);
      results.add(new CaptionResult(id, captions.get(id)));
      refs.put(id, references.captions().get(i));
    }
    return new CaptionEvaluator().evaluate(results, refs);
  }

  /** Runs the training the command's options describe and prints the outcome. */
  static int run(TrainCommand c) throws IOException {
    Path trainDir = c.data.resolve("train");
    Path valDir = c.data.resolve("val");
    for (Path p : List.of(trainDir.resolve("captions.json"), valDir.resolve("captions.json"))) {
      if (!Files.exists(p)) {
        throw new IllegalArgumentException("--data " + c.data + " is not a captions dataset: " + p
            + " is missing (write one with glimpse synth)");
      }
    }
    ShowAttendTellConfig model = modelConfig(c.modelConfig, c.seed);
    CaptionTrainConfig config = new CaptionTrainConfig(c.epochs, c.batchSize, c.learningRate, c.optimizer,
        c.clipNorm, 3, 500, c.seed);
    int side = model.imageDims().get(1);
    CaptionCorpus train = CaptionCorpus.load(trainDir, side);
    CaptionCorpus val = CaptionCorpus.load(valDir, side);
    System.out.printf("captions: %d train images, %d val images (scoring the first %d)%n", train.size(),
        val.size(), Math.min(val.size(), config.valImages()));
    CaptionTrainer.Result r = new CaptionTrainer(config, cocoScorer()).train(model, train, val, c.out);
    for (CaptionEpochMetrics m : r.metrics()) {
      System.out.printf("epoch %d: loss %.4f (cross-entropy %.4f), val BLEU-4 %.3f, CIDEr-D %.3f%n",
          m.epoch(), m.loss(), m.crossEntropy(), m.val().get("bleu4"), m.val().get("cider_d"));
    }
    CaptionCorpus scored = val.first(config.valImages());
    MostFrequentCaptionBaseline baseline = MostFrequentCaptionBaseline.fit(train.allCaptions());
    Map<Long, String> base = new LinkedHashMap<>();
    for (CaptionResult res : baseline.predict(scored.imageIds())) {
      base.put(res.imageId(), res.caption());
    }
    CaptionEvaluation b = evaluate(base, scored);
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
