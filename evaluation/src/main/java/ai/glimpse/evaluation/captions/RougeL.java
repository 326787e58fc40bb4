package ai.glimpse.evaluation.captions;

import java.util.List;
import java.util.Objects;

/**
 * ROUGE-L as the COCO caption evaluation computes it (pycocoevalcap {@code rouge.py}): for each
 * image, the longest common subsequence (LCS) of the candidate with every reference gives a
 * precision LCS / |candidate| and a recall LCS / |reference|; the best precision and the best
 * recall over the references (possibly from different references) combine into
 * F = (1 + beta^2) P R / (R + beta^2 P) with beta = 1.2, or 0 when either is 0; the corpus score
 * is the mean over images.
 *
 * <p>As in the evaluation code, which splits the joined tokens on single spaces, an empty caption
 * counts as one empty token.
 */
public final class RougeL {
  /** The weight of recall against precision. */
  public static final double BETA = 1.2;

  private RougeL() {}

  /**
   * Returns the ROUGE-L F-score of one tokenized candidate against its tokenized references.
   *
   * @param candidate the candidate's tokens; an empty list counts as one empty token
   * @param references the references' tokens; at least one
   * @return the F-score in [0, 1]
   * @throws IllegalArgumentException if there is no reference
   */
  public static double score(List<String> candidate, List<List<String>> references) {
    Objects.requireNonNull(candidate, "candidate");
    if (references.isEmpty()) {
      throw new IllegalArgumentException("ROUGE-L needs at least one reference");
    }
    List<String> c = candidate.isEmpty() ? List.of("") : candidate;
    double bestPrecision = 0;
    double bestRecall = 0;
    for (List<String> reference : references) {
      List<String> r = reference.isEmpty() ? List.of("") : reference;
      int lcs = lcs(r, c);
      bestPrecision = Math.max(bestPrecision, lcs / (double) c.size());
      bestRecall = Math.max(bestRecall, lcs / (double) r.size());
    }
    if (bestPrecision == 0 || bestRecall == 0) {
      return 0;
    }
    double b2 = BETA * BETA;
    return (1 + b2) * bestPrecision * bestRecall / (bestRecall + b2 * bestPrecision);
  }

  /**
   * Returns the mean ROUGE-L over images.
   *
   * @param candidates the tokenized candidate of each image
   * @param references the tokenized references of each image, in the same order, at least one each
   * @return the mean F-score in [0, 1]
   * @throws IllegalArgumentException if the lists differ in size or are empty
   */
  public static double corpus(List<List<String>> candidates, List<List<List<String>>> references) {
    if (candidates.size() != references.size() || candidates.isEmpty()) {
      throw new IllegalArgumentException("need as many reference lists as candidates, at least one;"
          + " got " + candidates.size() + " and " + references.size());
    }
    double sum = 0;
    for (int i = 0; i < candidates.size(); i++) {
      sum += score(candidates.get(i), references.get(i));
    }
    return sum / candidates.size();
  }

  /** The length of the longest common subsequence of two token lists. */
  static int lcs(List<String> a, List<String> b) {
    int[] prev = new int[b.size() + 1];
    int[] cur = new int[b.size() + 1];
    for (int i = 1; i <= a.size(); i++) {
      for (int j = 1; j <= b.size(); j++) {
        cur[j] = a.get(i - 1).equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.size()];
  }
}
