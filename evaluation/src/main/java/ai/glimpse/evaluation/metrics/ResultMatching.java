package ai.glimpse.evaluation.metrics;

import ai.glimpse.preprocessing.data.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Pairs results with annotations by question id, enforcing what the official {@code loadRes}
 * asserts: the results cover exactly the annotated questions.
 */
final class ResultMatching {

  /** How many example ids an error message lists. */
  private static final int EXAMPLES = 5;

  private ResultMatching() {}

  /**
   * Indexes results by question id after checking that there are annotations, that no question
   * id repeats and that result and annotation ids are the same set.
   */
  static Map<Long, VqaResult> index(List<VqaResult> results, List<Annotation> gold) {
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(gold, "gold");
    if (gold.isEmpty()) {
      throw new IllegalArgumentException("no annotations to evaluate against");
    }
    Set<Long> goldIds = new HashSet<>();
    for (int i = 0; i < gold.size(); i++) {
      int index = i;
      Annotation a = Objects.requireNonNull(gold.get(i), () -> "annotation " + index + " is null");
      if (!goldIds.add(a.questionId())) {
        throw new IllegalArgumentException(
            "annotations contain question_id " + a.questionId() + " more than once");
      }
    }
    Map<Long, VqaResult> byId = new HashMap<>();
    List<Long> extra = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      int index = i;
      VqaResult r = Objects.requireNonNull(results.get(i), () -> "result " + index + " is null");
      if (byId.putIfAbsent(r.questionId(), r) != null) {
        throw new IllegalArgumentException(
            "results contain question_id " + r.questionId() + " more than once");
      }
      if (!goldIds.contains(r.questionId())) {
        extra.add(r.questionId());
      }
    }
    List<Long> missing = new ArrayList<>();
    for (Annotation a : gold) {
      if (!byId.containsKey(a.questionId())) {
        missing.add(a.questionId());
      }
    }
    if (!missing.isEmpty() || !extra.isEmpty()) {
      StringBuilder msg = new StringBuilder("results do not correspond to the ")
          .append(gold.size()).append(" annotated questions:");
      if (!missing.isEmpty()) {
        msg.append(' ').append(count(missing.size(), "question id"))
            .append(" missing from the results (e.g. ")
            .append(examples(missing)).append(')');
      }
      if (!extra.isEmpty()) {
        msg.append(missing.isEmpty() ? " " : "; ").append(count(extra.size(), "result question id"))
            .append(" not in the annotations (e.g. ")
            .append(examples(extra)).append(')');
      }
      throw new IllegalArgumentException(msg.toString());
    }
    return byId;
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String examples(List<Long> ids) {
    List<Long> head = ids.subList(0, Math.min(EXAMPLES, ids.size()));
    String joined = head.toString();
    joined = joined.substring(1, joined.length() - 1);
    return ids.size() > EXAMPLES ? joined + ", ..." : joined;
  }
}
