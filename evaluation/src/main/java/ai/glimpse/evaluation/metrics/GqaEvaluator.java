package ai.glimpse.evaluation.metrics;

import ai.glimpse.preprocessing.answers.AnswerProcessor;
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
 * GQA accuracy: a prediction is correct when it equals the single gold answer after
 * {@link AnswerProcessor#normalize} (case, punctuation, articles, number words); accuracy is
 * reported overall and per structural and semantic type ({@link GqaEvaluation}).
 *
 * <p>Stateless and thread-safe.
 */
public final class GqaEvaluator {

  private static final Logger LOG = LoggerFactory.getLogger(GqaEvaluator.class);

  /** Creates an evaluator. */
  public GqaEvaluator() {}

  /**
   * Scores {@code results} against {@code gold}.
   *
   * @param results one prediction per gold question, in any order
   * @param gold the questions with their answers and types
   * @throws IllegalArgumentException if there is no gold question, an id repeats, or the result
   *     ids are not exactly the gold ids (the message gives example ids)
   * @return the accuracies overall and per structural and semantic type, percent with two decimals
   */
  public GqaEvaluation evaluate(List<VqaResult> results, List<GqaGold> gold) {
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(gold, "gold");
    if (gold.isEmpty()) {
      throw new IllegalArgumentException("no GQA questions to evaluate against");
    }
    Map<Long, String> byId = new HashMap<>();
    for (VqaResult r : results) {
      if (byId.putIfAbsent(r.questionId(), r.answer()) != null) {
        throw new IllegalArgumentException(
            "results contain question_id " + r.questionId() + " more than once");
      }
    }
    Set<Long> seen = new HashSet<>();
    List<Long> missing = new ArrayList<>();
    int correct = 0;
    Map<String, int[]> structural = new LinkedHashMap<>();
    Map<String, int[]> semantic = new LinkedHashMap<>();
    for (GqaGold g : gold) {
      if (!seen.add(g.questionId())) {
        throw new IllegalArgumentException(
            "GQA gold contains question_id " + g.questionId() + " more than once");
      }
      String prediction = byId.get(g.questionId());
      if (prediction == null) {
        missing.add(g.questionId());
        continue;
      }
      boolean ok = AnswerProcessor.normalizeCached(prediction)
          .equals(AnswerProcessor.normalizeCached(g.answer()));
      if (ok) {
        correct++;
      }
      count(structural, type(g.types().structural()), ok);
      count(semantic, type(g.types().semantic()), ok);
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(missing.size() + " of " + gold.size()
          + " GQA question ids are missing from the results (e.g. "
          + missing.subList(0, Math.min(5, missing.size())) + ")");
    }
    if (byId.size() != gold.size()) {
      List<Long> extra = new ArrayList<>();
      for (Long id : byId.keySet()) {
        if (!seen.contains(id) && extra.size() < 5) {
          extra.add(id);
        }
      }
      throw new IllegalArgumentException((byId.size() - gold.size())
          + " result question ids are not GQA gold questions (e.g. " + extra + ")");
    }
    GqaEvaluation e = new GqaEvaluation(gold.size(), percent(correct, gold.size()),
        percents(structural), percents(semantic));
    LOG.info("GQA accuracy {} over {} questions, per structural type {}", e.overall(),
        e.questions(), e.perStructuralType());
    return e;
  }

  private static String type(String t) {
    return t == null || t.isEmpty() ? GqaEvaluation.UNKNOWN_TYPE : t;
  }

  private static void count(Map<String, int[]> counts, String key, boolean ok) {
    int[] c = counts.computeIfAbsent(key, k -> new int[2]);
    c[0] += ok ? 1 : 0;
    c[1]++;
  }

  private static Map<String, Double> percents(Map<String, int[]> counts) {
    Map<String, Double> out = new LinkedHashMap<>();
    counts.forEach((k, c) -> out.put(k, percent(c[0], c[1])));
    return out;
  }

  private static double percent(int correct, int total) {
    return VqaAccuracy.round2(100.0 * correct / total);
  }
}
