package ai.glimpse.preprocessing.synth;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws ranks 0..n-1 with Zipf-like probabilities, P(r) proportional to
 * 1 / (r + 1 + shift)<sup>exponent</sup>, by binary search in the cumulative weights. Immutable
 * and safe to share between threads; the randomness comes from the caller's generator.
 */
final class ZipfSampler {
  private final double[] cumulative;

  /**
   * Creates a sampler over {@code n} ranks.
   *
   * @param exponent the Zipf exponent s (0 gives a uniform distribution)
   * @param shift how much to flatten the head (0 for pure Zipf)
   */
  ZipfSampler(int n, double exponent, double shift) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    if (!(exponent >= 0) || !(shift >= 0)) {
      throw new IllegalArgumentException(
          "exponent and shift must be >= 0, got " + exponent + " and " + shift);
    }
    cumulative = new double[n];
    double sum = 0;
    for (int r = 0; r < n; r++) {
      sum += 1.0 / Math.pow(r + 1 + shift, exponent);
      cumulative[r] = sum;
    }
  }

  /** Returns the number of ranks. */
  int size() {
    return cumulative.length;
  }

  /** Returns the probability of rank {@code r}. */
  double probability(int r) {
    double total = cumulative[cumulative.length - 1];
    return (cumulative[r] - (r == 0 ? 0 : cumulative[r - 1])) / total;
  }

  /** Draws one rank. */
  int draw(SplittableRandom rng) {
    double u = rng.nextDouble() * cumulative[cumulative.length - 1];
    int i = Arrays.binarySearch(cumulative, u);
    // binarySearch gives -(insertion point) - 1 when u is not an exact weight boundary.
    int r = i >= 0 ? i + 1 : -i - 1;
    return Math.min(r, cumulative.length - 1);
  }
}
