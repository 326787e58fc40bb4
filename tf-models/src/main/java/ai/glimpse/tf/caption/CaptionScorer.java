package ai.glimpse.tf.caption;

import ai.glimpse.preprocessing.captions.CaptionTokenizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores generated captions against a corpus's references, for the validation metrics of
 * {@link CaptionTrainer}; the CLI plugs in BLEU and CIDEr-D from the evaluation module.
 */
public interface CaptionScorer {
  /**
   * Returns named scores (higher is better) of one caption per image, keyed by image id, against
   * {@code references}; the map must contain {@link #primary()}.
   *
   * @param captions one generated caption per image of {@code references}, keyed by image id
   * @param references the corpus whose images were captioned; its captions are the references
   * @return the scores by name (e.g. {@code bleu4}, {@code cider_d}), including {@link #primary()}
   */
  Map<String, Double> score(Map<Long, String> captions, CaptionCorpus references);

  /**
   * Returns the name of the score that picks the best checkpoint.
   *
   * @return a key of every map {@link #score} returns; higher is better
   */
  String primary();

  /**
   * The share of images, in [0, 1], whose caption equals one of its references word for word
   * after {@code CaptionTokenizer}, under the name {@code exact_match}.
   *
   * @return a stateless scorer whose {@link #primary()} is {@code exact_match}; its {@link #score}
   *     throws {@code IllegalArgumentException} when an image of the corpus has no caption
   */
  static CaptionScorer exactMatch() {
    return new CaptionScorer() {
      @Override
      public Map<String, Double> score(Map<Long, String> captions, CaptionCorpus references) {
        int hits = 0;
        for (int i = 0; i < references.size(); i++) {
          String c = captions.get(references.imageIds().get(i));
          if (c == null) {
            throw new IllegalArgumentException("no caption for image " + references.imageIds().get(i));
          }
          List<String> words = CaptionTokenizer.tokenize(c);
          if (references.captions().get(i).stream().anyMatch(r -> CaptionTokenizer.tokenize(r).equals(words))) {
            hits++;
          }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("exact_match", hits / (double) references.size());
        return out;
      }

      @Override
      public String primary() {
        return "exact_match";
      }
    };
  }
}
