package ai.glimpse.evaluation.captions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Corpus BLEU-1..4 as the COCO caption evaluation computes it (pycocoevalcap {@code
 * bleu_scorer.py} with option {@code "closest"}).
 *
 * <p>For each image, the clipped n-gram matches of the candidate (each n-gram counted at most as
 * often as in the reference that has it most often), the candidate's n-gram count
 * {@code max(0, len - n + 1)}, its length, and the reference length closest to it (on a tie, the
 * shorter) are summed over the corpus. Then BLEU-n = (prod_{k&lt;=n} (correct_k + 1e-15) / (guess_k
 * + 1e-9))^(1/n), times the corpus brevity penalty exp(1 - 1/r) when r = (candidate length +
 * 1e-15) / (reference length + 1e-9) is below 1. The tiny and small constants make a zero match
 * count give a score near, not at, zero, exactly as in the evaluation code.
 */
public final class Bleu {
  /** The highest n-gram order. */
  public static final int MAX_N = 4;
  /** Added to the matched n-gram counts ({@code tiny} in bleu_scorer.py). */
  static final double TINY = 1e-15;
  /** Added to the candidate n-gram counts ({@code small} in bleu_scorer.py). */
  static final double SMALL = 1e-9;

  private Bleu() {}

  /**
   * Returns BLEU-1..4 of the corpus, {@code [bleu1, bleu2, bleu3, bleu4]}, each in [0, 1].
   *
   * @param candidates the tokenized candidate of each image
   * @param references the tokenized references of each image, in the same order, at least one each
   * @return a new array of 4 scores; BLEU-n at index {@code n - 1}
   * @throws IllegalArgumentException if the lists differ in size or an image has no reference
   */
  public static double[] corpus(List<List<String>> candidates, List<List<List<String>>> references) {
    Objects.requireNonNull(candidates, "candidates");
    Objects.requireNonNull(references, "references");
    if (candidates.size() != references.size()) {
      throw new IllegalArgumentException(candidates.size() + " candidates but "
          + references.size() + " reference lists");
    }
    double[] correct = new double[MAX_N];
    double[] guess = new double[MAX_N];
    double testLength = 0;
    double refLength = 0;
    for (int i = 0; i < candidates.size(); i++) {
      List<String> hyp = candidates.get(i);
      List<List<String>> refs = references.get(i);
      if (refs.isEmpty()) {
        throw new IllegalArgumentException("image " + i + " has no reference caption");
      }
      List<Map<String, Integer>> maxRefCounts = maxCounts(refs);
      List<Map<String, Integer>> hypCounts = NGrams.count(hyp, MAX_N);
      for (int k = 0; k < MAX_N; k++) {
        guess[k] += Math.max(0, hyp.size() - k);
        Map<String, Integer> refK = maxRefCounts.get(k);
        for (Map.Entry<String, Integer> e : hypCounts.get(k).entrySet()) {
          correct[k] += Math.min(refK.getOrDefault(e.getKey(), 0), e.getValue());
        }
      }
      testLength += hyp.size();
      refLength += closestLength(refs, hyp.size());
    }
    double[] bleu = new double[MAX_N];
    double product = 1;
    for (int k = 0; k < MAX_N; k++) {
      product *= (correct[k] + TINY) / (guess[k] + SMALL);
      bleu[k] = Math.pow(product, 1.0 / (k + 1));
    }
    double ratio = (testLength + TINY) / (refLength + SMALL);
    if (ratio < 1) {
      double penalty = Math.exp(1 - 1 / ratio);
      for (int k = 0; k < MAX_N; k++) {
        bleu[k] *= penalty;
      }
    }
    return bleu;
  }

  /** The reference length closest to {@code length}; on a tie, the shorter one. */
  static int closestLength(List<List<String>> refs, int length) {
    int best = -1;
    for (List<String> r : refs) {
      int d = Math.abs(r.size() - length);
      int bestD = best < 0 ? Integer.MAX_VALUE : Math.abs(best - length);
      if (d < bestD || (d == bestD && r.size() < best)) {
        best = r.size();
      }
    }
    return best;
  }

  private static List<Map<String, Integer>> maxCounts(List<List<String>> refs) {
    List<Map<String, Integer>> max = new ArrayList<>(MAX_N);
    for (int k = 0; k < MAX_N; k++) {
      max.add(new HashMap<>());
    }
    for (List<String> r : refs) {
      List<Map<String, Integer>> counts = NGrams.count(r, MAX_N);
      for (int k = 0; k < MAX_N; k++) {
        Map<String, Integer> target = max.get(k);
        counts.get(k).forEach((g, c) -> target.merge(g, c, Math::max));
      }
    }
    return max;
  }
}
