package ai.glimpse.evaluation.captions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The most-frequent-training-caption baseline: captions every image with the training caption that
 * is most frequent after {@link PtbTokenizer} tokenization, never looking at the image. A
 * captioning model has to score far above it.
 *
 * @param caption the baseline caption, its tokens joined by single spaces
 * @param count how many training captions tokenize to it
 */
public record MostFrequentCaptionBaseline(String caption, int count) {
  private static final Logger LOG = LoggerFactory.getLogger(MostFrequentCaptionBaseline.class);

  /**
   * Checks that the caption is present and the count positive.
   *
   * @param caption the baseline caption, its tokens joined by single spaces
   * @param count how many training captions tokenize to it
   * @throws IllegalArgumentException if {@code count} is below 1
   * @throws NullPointerException if {@code caption} is null
   */
  public MostFrequentCaptionBaseline {
    Objects.requireNonNull(caption, "caption");
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, got " + count);
    }
  }

  /**
   * Fits the baseline: the most frequent tokenized training caption, ties broken by the
   * lexicographically smaller one ({@link String#compareTo}), so the result does not depend on the
   * order of the captions.
   *
   * @param trainCaptions the raw training captions; iterated once
   * @return the baseline with the winning normalized caption and its count
   * @throws IllegalArgumentException if there are no training captions
   */
  public static MostFrequentCaptionBaseline fit(Iterable<String> trainCaptions) {
    Objects.requireNonNull(trainCaptions, "trainCaptions");
    Map<String, Integer> counts = new HashMap<>();
    for (String c : trainCaptions) {
      counts.merge(PtbTokenizer.normalize(c), 1, Integer::sum);
    }
    String best = null;
    int bestCount = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      int c = e.getValue();
      if (c > bestCount || (c == bestCount && e.getKey().compareTo(best) < 0)) {
        best = e.getKey();
        bestCount = c;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("cannot fit the caption baseline on no training captions");
    }
    LOG.info("most frequent of {} distinct training captions: '{}' ({} times)", counts.size(),
        best, bestCount);
    return new MostFrequentCaptionBaseline(best, bestCount);
  }

  /**
   * Returns the baseline caption for every image, in the given order.
   *
   * @param imageIds the images to caption; duplicates give duplicate results
   * @return one result per id, all with {@link #caption()}
   */
  public List<CaptionResult> predict(Collection<Long> imageIds) {
    List<CaptionResult> results = new ArrayList<>(imageIds.size());
    for (Long id : imageIds) {
      results.add(new CaptionResult(id, caption));
    }
    return results;
  }
}
