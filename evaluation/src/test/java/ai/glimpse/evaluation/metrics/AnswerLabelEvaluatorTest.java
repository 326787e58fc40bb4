package ai.glimpse.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.evaluation.report.Provenance;
import ai.glimpse.preprocessing.data.Annotation;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tribuo.classification.evaluation.LabelEvaluation;

/**
 * Tribuo label evaluation on a hand-built set. Tolerance 1e-12: the figures are ratios of small
 * counts computed in double.
 */
class AnswerLabelEvaluatorTest {

  static final Provenance PROVENANCE = Provenance.of("m.onnx", "a".repeat(64), "b".repeat(64),
      new ObjectMapper().createObjectNode().put("epochs", 2), Instant.parse("2024-05-01T12:00:00Z"));

  private static Annotation ann(long id, String mc) {
    return new Annotation(id, 1, "what", "other", mc, List.of(mc));
  }

  // Gold:      yes yes yes no  no  red
  // Predicted: yes yes no  no  red <unk>
  private final List<Annotation> gold = List.of(ann(1, "yes"), ann(2, "Yes"), ann(3, "yes"),
      ann(4, "no"), ann(5, "no"), ann(6, "red"));
  private final List<VqaResult> results = List.of(new VqaResult(1, "yes"), new VqaResult(2, "yes."),
      new VqaResult(3, "no"), new VqaResult(4, "no"), new VqaResult(5, "Red"),
      new VqaResult(6, "<unk>"));

  @Test
  void accuracyF1PerAnswerAndConfusion() {
    AnswerClassification c = new AnswerLabelEvaluator().evaluate(results, gold, PROVENANCE);
    // 3 correct of 6.
    assertEquals(50.0, c.accuracy(), 0.0);
    assertEquals(0.5, c.microF1(), 1e-12);
    // Labels yes, no, red, <unk>. yes: P 2/2, R 2/3, F1 0.8; no: P 1/2, R 1/2, F1 0.5;
    // red: P 0/1, R 0/1, F1 0; <unk>: never gold, P 0/1, F1 0. Macro F1 = 1.3 / 4 = 0.325.
    assertEquals(4, c.labels());
    assertEquals(0.325, c.macroF1(), 1e-12);
    AnswerClassification.AnswerScores yes = c.perAnswer().get("yes");
    assertEquals(1.0, yes.precision(), 1e-12);
    assertEquals(2.0 / 3, yes.recall(), 1e-12);
    assertEquals(3, yes.support());
    assertEquals(2, yes.predicted());
    assertEquals(0.5, c.perAnswer().get("no").precision(), 1e-12);
    assertEquals(0.5, c.perAnswer().get("no").recall(), 1e-12);
    assertEquals(List.of("yes", "no", "red", "<unk>"), List.copyOf(c.perAnswer().keySet()));
    // Rows gold, columns predicted, most frequent gold first (red after no: support 1 < 2).
    assertEquals(List.of("yes", "no", "red"), c.confusion().answers());
    assertEquals(new AnswerClassification.Confusion(List.of("yes", "no", "red"),
        new long[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 0}}), c.confusion());
    assertEquals(PROVENANCE, c.provenance());
    assertEquals(0, c.pooledQuestions());
  }

  @Test
  void tribuoProvenanceCarriesTheModelAndDataHashes() {
    LabelEvaluation e = new AnswerLabelEvaluator().tribuoEvaluation(results, gold, PROVENANCE);
    String text = e.getProvenance().toString();
    assertTrue(text.contains("a".repeat(64)), text);
    assertTrue(text.contains("b".repeat(64)), text);
    assertTrue(text.contains("2024-05-01T12:00:00Z"), text);
    assertTrue(text.contains("m.onnx"), text);
  }

  @Test
  void neverPredictedGoldAnswersArePooledBeyondTheLimit() {
    List<Annotation> g = new ArrayList<>();
    List<VqaResult> r = new ArrayList<>();
    int n = AnswerLabelEvaluator.MAX_LABELS + 10;
    for (int i = 0; i < n; i++) {
      g.add(ann(i, "answer" + i));
      // Two predicted answers: "answer0" (right for question 0) and "x".
      r.add(new VqaResult(i, i == 0 ? "answer0" : "x"));
    }
    AnswerClassification c = new AnswerLabelEvaluator().evaluate(r, g, PROVENANCE);
    assertEquals(3, c.labels());
    assertEquals(n - 1, c.pooledQuestions());
    assertEquals(VqaAccuracy.round2(100.0 / n), c.accuracy(), 0.0);
    assertEquals(1.0, c.perAnswer().get("answer0").recall(), 1e-12);
  }
}
