package ai.glimpse.evaluation.captions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CIDEr-D as the COCO caption evaluation computes it (pycocoevalcap {@code cider_scorer.py}, the
 * CIDEr-D variant), for n = 1..4 and sigma = 6.
 *
 * <p>Document frequencies df(g) count the images whose references contain the n-gram g; with N
 * images, an n-gram occurring tf times in a sentence weighs tf * (log N - log max(1, df(g))). For
 * each image and reference, and each n: the clipped dot product sum_g min(c_g, r_g) r_g of the
 * candidate and reference weight vectors, divided by both norms when neither is zero, times the
 * length penalty exp(-(l_c - l_r)^2 / (2 sigma^2)). The image's score is the mean over n of these
 * values summed over references, divided by the number of references and multiplied by 10; the
 * corpus score is the mean over images.
 *
 * <p>As in the evaluation code, the "length" l of a sentence in the penalty is its number of
 * bigrams (its word count minus one, or 0 for an empty or one-word sentence), and with a single
 * image log N = 0, so every weight is zero or negative and the score is 0.
 */
public final class CiderD {
  /** The highest n-gram order. */
  public static final int MAX_N = 4;
  /** The width of the Gaussian length penalty. */
  public static final double SIGMA = 6.0;
  /** The scale of the score. */
  public static final double SCALE = 10.0;

  private CiderD() {}

  /** The weighted n-gram vectors of one sentence, with their norms and its length. */
  private record Vector(List<Map<String, Double>> weights, double[] norms, int length) {}

  /**
   * Returns the corpus CIDEr-D of the tokenized candidates against their tokenized references.
   *
   * @param candidates the tokenized candidate of each image
   * @param references the tokenized references of each image, in the same order, at least one each;
   *     they also give the document frequencies
   * @return the mean CIDEr-D over images, scaled by {@value #SCALE}; 0 for a single image
   * @throws IllegalArgumentException if the lists differ in size, are empty, or an image has no
   *     reference
   */
  public static double corpus(List<List<String>> candidates, List<List<List<String>>> references) {
    if (candidates.size() != references.size() || candidates.isEmpty()) {
      throw new IllegalArgumentException("need as many reference lists as candidates, at least one;"
          + " got " + candidates.size() + " and " + references.size());
    }
    Map<String, Integer> df = new HashMap<>();
    for (int i = 0; i < references.size(); i++) {
      if (references.get(i).isEmpty()) {
        throw new IllegalArgumentException("image " + i + " has no reference caption");
      }
      Set<String> seen = new HashSet<>();
      for (List<String> r : references.get(i)) {
        NGrams.count(r, MAX_N).forEach(m -> seen.addAll(m.keySet()));
      }
      seen.forEach(g -> df.merge(g, 1, Integer::sum));
    }
    double refLength = Math.log(references.size());
    double total = 0;
    for (int i = 0; i < candidates.size(); i++) {
      Vector hyp = vector(candidates.get(i), df, refLength);
      double[] sum = new double[MAX_N];
      List<List<String>> refs = references.get(i);
      for (List<String> r : refs) {
        double[] s = similarity(hyp, vector(r, df, refLength));
        for (int n = 0; n < MAX_N; n++) {
          sum[n] += s[n];
        }
      }
      double mean = 0;
      for (double s : sum) {
        mean += s;
      }
      mean /= MAX_N;
      total += mean / refs.size() * SCALE;
    }
    return total / candidates.size();
  }

  private static Vector vector(List<String> words, Map<String, Integer> df, double refLength) {
    List<Map<String, Integer>> counts = NGrams.count(words, MAX_N);
    List<Map<String, Double>> weights = new ArrayList<>(MAX_N);
    double[] norms = new double[MAX_N];
    int length = 0;
    for (int n = 0; n < MAX_N; n++) {
      Map<String, Double> w = new HashMap<>();
      for (Map.Entry<String, Integer> e : counts.get(n).entrySet()) {
        double idf = refLength - Math.log(Math.max(1.0, df.getOrDefault(e.getKey(), 0)));
        double value = e.getValue() * idf;
        w.put(e.getKey(), value);
        norms[n] += value * value;
        if (n == 1) {
          // The evaluation code's "length" counts bigram occurrences.
          length += e.getValue();
        }
      }
      norms[n] = Math.sqrt(norms[n]);
      weights.add(w);
    }
    return new Vector(weights, norms, length);
  }

  private static double[] similarity(Vector hyp, Vector ref) {
    double delta = hyp.length() - ref.length();
    double penalty = Math.exp(-(delta * delta) / (2 * SIGMA * SIGMA));
    double[] val = new double[MAX_N];
    for (int n = 0; n < MAX_N; n++) {
      Map<String, Double> r = ref.weights().get(n);
      for (Map.Entry<String, Double> e : hyp.weights().get(n).entrySet()) {
        double rv = r.getOrDefault(e.getKey(), 0.0);
        val[n] += Math.min(e.getValue(), rv) * rv;
      }
      if (hyp.norms()[n] != 0 && ref.norms()[n] != 0) {
        val[n] /= hyp.norms()[n] * ref.norms()[n];
      }
      val[n] *= penalty;
    }
    return val;
  }
}
