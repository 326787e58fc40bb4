package ai.glimpse.evaluation.captions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** N-gram counting shared by the metrics; an n-gram is its words joined by single spaces. */
final class NGrams {
  private NGrams() {}

  /**
   * Returns the counts of the n-grams of {@code words} for n = 1..maxN, one map per n
   * ({@code counts.get(n - 1)}).
   */
  static List<Map<String, Integer>> count(List<String> words, int maxN) {
    @SuppressWarnings("unchecked")
    Map<String, Integer>[] counts = new Map[maxN];
    for (int k = 1; k <= maxN; k++) {
      Map<String, Integer> m = new HashMap<>();
      for (int i = 0; i + k <= words.size(); i++) {
        m.merge(String.join(" ", words.subList(i, i + k)), 1, Integer::sum);
      }
      counts[k - 1] = m;
    }
    return List.of(counts);
  }
}
