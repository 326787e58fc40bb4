package ai.glimpse.evaluation.captions;

import ai.glimpse.preprocessing.captions.CaptionDataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores generated captions against human references with the COCO caption metrics: every caption
 * goes through {@link PtbTokenizer}, then {@link Bleu}, {@link RougeL} and {@link CiderD} score the
 * whole set. As in the COCO evaluation, CIDEr-D's document frequencies come from the references of
 * the images scored, so scores are comparable only on the same image set.
 */
public final class CaptionEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(CaptionEvaluator.class);

  /**
   * Scores one candidate per image against the references of a COCO captions file; images without
   * captions in {@code references} are not scored.
   *
   * @param candidates one generated caption per image with references, in any order
   * @param references the COCO captions file whose captions are the references; not null
   * @return the corpus BLEU-1..4, mean ROUGE-L and mean CIDEr-D over the images with references
   * @throws IllegalArgumentException naming the image id when a candidate is for an image without
   *     references, two candidates share an image id, or an image with references has no candidate
   */
  public CaptionEvaluation evaluate(List<CaptionResult> candidates, CaptionDataset references) {
    Objects.requireNonNull(references, "references");
    Map<Long, List<String>> refs = new LinkedHashMap<>();
    references.captionsByImage().forEach((id, texts) -> {
      if (!texts.isEmpty()) {
        refs.put(id, texts);
      }
    });
    return evaluate(candidates, refs);
  }

  /**
   * Scores one candidate per image against raw reference captions keyed by image id.
   *
   * @param candidates one generated caption per key of {@code references}, in any order; not null
   * @param references the raw reference captions of every image to score, at least one per image
   * @throws IllegalArgumentException naming the image id when a candidate is for an image not in
   *     {@code references}, two candidates share an image id, an image of {@code references} has
   *     no candidate or no reference, or there is nothing to score
   * @return the corpus BLEU-1..4, mean ROUGE-L and mean CIDEr-D over the images of {@code references}
   */
  public CaptionEvaluation evaluate(List<CaptionResult> candidates,
      Map<Long, List<String>> references) {
    Objects.requireNonNull(candidates, "candidates");
    Objects.requireNonNull(references, "references");
    if (references.isEmpty()) {
      throw new IllegalArgumentException("no reference captions to score against");
    }
    Map<Long, String> byImage = new HashMap<>(candidates.size() * 2);
    for (CaptionResult c : candidates) {
      if (!references.containsKey(c.imageId())) {
        throw new IllegalArgumentException("candidate for image_id " + c.imageId()
            + ", which has no reference captions");
      }
      if (byImage.putIfAbsent(c.imageId(), c.caption()) != null) {
        throw new IllegalArgumentException("image_id " + c.imageId()
            + " has more than one candidate caption");
      }
    }
    List<Long> missing = new ArrayList<>();
    for (Long id : references.keySet()) {
      if (!byImage.containsKey(id)) {
        missing.add(id);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(missing.size() + " of " + references.size()
          + " images have no candidate caption, e.g. image_id "
          + missing.subList(0, Math.min(5, missing.size())));
    }
    List<List<String>> hyps = new ArrayList<>(references.size());
    List<List<List<String>>> refs = new ArrayList<>(references.size());
    Set<Long> done = new HashSet<>();
    for (Map.Entry<Long, List<String>> e : references.entrySet()) {
      if (e.getValue().isEmpty()) {
        throw new IllegalArgumentException("image_id " + e.getKey() + " has no reference caption");
      }
      done.add(e.getKey());
      hyps.add(PtbTokenizer.tokenize(byImage.get(e.getKey())));
      List<List<String>> tokenized = new ArrayList<>(e.getValue().size());
      e.getValue().forEach(r -> tokenized.add(PtbTokenizer.tokenize(r)));
      refs.add(tokenized);
    }
    double[] bleu = Bleu.corpus(hyps, refs);
    CaptionEvaluation evaluation = new CaptionEvaluation(bleu[0], bleu[1], bleu[2], bleu[3],
        RougeL.corpus(hyps, refs), CiderD.corpus(hyps, refs));
    LOG.info("scored {} captions: BLEU-4 {}, ROUGE-L {}, CIDEr-D {}", done.size(),
        String.format("%.4f", evaluation.bleu4()), String.format("%.4f", evaluation.rougeL()),
        String.format("%.4f", evaluation.ciderD()));
    return evaluation;
  }
}
