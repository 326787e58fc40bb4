package ai.glimpse.pipeline;

import ai.glimpse.evaluation.captions.CaptionEvaluation;
import ai.glimpse.evaluation.captions.CaptionEvaluator;
import ai.glimpse.evaluation.captions.CaptionResult;
import ai.glimpse.evaluation.captions.MostFrequentCaptionBaseline;
import ai.glimpse.tf.caption.CaptionCorpus;
import ai.glimpse.tf.caption.CaptionScorer;
import ai.glimpse.tf.caption.CaptionTrainConfig;
import ai.glimpse.tf.caption.CaptionTrainer;
import ai.glimpse.tf.caption.ShowAttendTellConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a Show-Attend-Tell captioner on a {@code glimpse synth} directory ({@code DIR/train} and
 * {@code DIR/val} with {@code captions.json} and images), scoring validation captions with the
 * evaluation module's BLEU, ROUGE-L and CIDEr-D after every epoch (the best checkpoint by
 * CIDEr-D), and scores the most-frequent-caption baseline on the same images. What
 * {@code glimpse train --model show-attend-tell} runs.
 */
public final class CaptionTraining {
  private CaptionTraining() {}

  /**
   * What a captioner training produced.
   *
   * @param training the trainer's epochs, best epoch and checkpoint
   * @param trainImages the training images
   * @param valImages the validation images scored after each epoch
   * @param baseline the most-frequent-caption baseline's scores on those validation images
   */
  public record Outcome(CaptionTrainer.Result training, int trainImages, int valImages, CaptionEvaluation baseline) {}

  /**
   * Trains the captioner.
   *
   * @param data the synth directory with {@code train/captions.json} and {@code val/captions.json}
   * @param model the captioner's configuration
   * @param config the training settings
   * @param out the run directory (config, metrics, checkpoints); a run of the same configuration
   *     there resumes
   * @return the training result and the baseline's scores
   * @throws IOException when the data cannot be read or the run directory written
   * @throws IllegalArgumentException when {@code data} has no captions
   */
  public static Outcome train(Path data, ShowAttendTellConfig model, CaptionTrainConfig config, Path out)
      throws IOException {
    Path trainDir = data.resolve("train");
    Path valDir = data.resolve("val");
    for (Path p : List.of(trainDir.resolve("captions.json"), valDir.resolve("captions.json"))) {
      if (!Files.exists(p)) {
        throw new IllegalArgumentException(data + " is not a captions dataset: " + p
            + " is missing (write one with glimpse synth)");
      }
    }
    int side = model.imageDims().get(1);
    CaptionCorpus train = CaptionCorpus.load(trainDir, side);
    CaptionCorpus val = CaptionCorpus.load(valDir, side);
    CaptionTrainer.Result r = new CaptionTrainer(config, cocoScorer()).train(model, train, val, out);
    CaptionCorpus scored = val.first(config.valImages());
    MostFrequentCaptionBaseline baseline = MostFrequentCaptionBaseline.fit(train.allCaptions());
    CaptionEvaluation base = new CaptionEvaluator().evaluate(baseline.predict(scored.imageIds()), references(scored));
    return new Outcome(r, train.size(), scored.size(), base);
  }

  /**
   * The scorer the trainer validates with: BLEU-4, CIDEr-D (the primary score), BLEU-1 and
   * ROUGE-L of the evaluation module.
   *
   * @return a stateless scorer
   */
  public static CaptionScorer cocoScorer() {
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

  /**
   * Scores captions against a corpus's references.
   *
   * @param captions one caption per image id of {@code references}
   * @param references the images and their reference captions
   * @return corpus BLEU-1 to 4, ROUGE-L and CIDEr-D
   */
  public static CaptionEvaluation evaluate(Map<Long, String> captions, CaptionCorpus references) {
    List<CaptionResult> results = new ArrayList<>();
    for (long id : references.imageIds()) {
      results.add(new CaptionResult(id, captions.get(id)));
    }
    return new CaptionEvaluator().evaluate(results, references(references));
  }

  /** Each image id of {@code corpus} with its reference captions, in corpus order. */
  private static Map<Long, List<String>> references(CaptionCorpus corpus) {
    Map<Long, List<String>> refs = new LinkedHashMap<>();
    for (int i = 0; i < corpus.size(); i++) {
      refs.put(corpus.imageIds().get(i), corpus.captions().get(i));
    }
    return refs;
  }
}
