package ai.glimpse.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.data.GqaTypes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GQA exact-match accuracy on a hand-built set; percentages are compared exactly. */
class GqaEvaluatorTest {

  private final List<GqaGold> gold = List.of(
      new GqaGold(1, "yes", new GqaTypes("verify", "attr", "colorVerify")),
      new GqaGold(2, "no", new GqaTypes("verify", "rel", "relVerify")),
      new GqaGold(3, "the table", new GqaTypes("query", "rel", "relS")),
      new GqaGold(4, "red", new GqaTypes("query", "attr", "colorQuery")),
      new GqaGold(5, "left", new GqaTypes("choose", "rel", "positionChoose")),
      new GqaGold(6, "two", new GqaTypes(null, null, null)));

  private final List<VqaResult> results = List.of(
      new VqaResult(6, "2"),          // normalized "two" -> "2": correct
      new VqaResult(5, "right"),      // wrong
      new VqaResult(4, "Red."),       // "red": correct
      new VqaResult(3, "table"),      // article dropped on both sides: correct
      new VqaResult(2, "yes"),        // wrong
      new VqaResult(1, "Yes"));       // correct

  @Test
  void exactMatchAfterNormalizationPerType() {
    GqaEvaluation e = new GqaEvaluator().evaluate(results, gold);
    // 4 of 6 -> 66.666... -> 66.67.
    assertEquals(6, e.questions());
    assertEquals(66.67, e.overall(), 0.0);
    // verify 1/2, query 2/2, choose 0/1, unknown (no structural type) 1/1.
    assertEquals(Map.of("verify", 50.0, "query", 100.0, "choose", 0.0, "unknown", 100.0),
        e.perStructuralType());
    // attr: q1, q4 -> 2/2; rel: q2, q3, q5 -> 1/3 = 33.33; unknown: q6 -> 1/1.
    assertEquals(Map.of("attr", 100.0, "rel", 33.33, "unknown", 100.0), e.perSemanticType());
    assertEquals(List.of("attr", "rel", "unknown"), List.copyOf(e.perSemanticType().keySet()));
  }

  @Test
  void missingAndExtraResultsNameIds() {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> new GqaEvaluator().evaluate(results.subList(1, 6), gold));
    assertTrue(missing.getMessage().contains("[6]"), missing.getMessage());
    List<VqaResult> extra = new java.util.ArrayList<>(results);
    extra.add(new VqaResult(77, "x"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GqaEvaluator().evaluate(extra, gold));
    assertTrue(e.getMessage().contains("77"), e.getMessage());
  }
}
