package ai.glimpse.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RelationalAccuracyTest {
  @Test
  void splitsByFamilyPrefix() {
    List<QuestionAccuracy> scored = List.of(
        new QuestionAccuracy(1, "relational: closest shape", "other", "circle", 1.0),
        new QuestionAccuracy(2, "relational: count", "number", "3", 0.0),
        new QuestionAccuracy(3, "relational: furthest shape", "other", "square", 1.0),
        new QuestionAccuracy(4, "non-relational: shape", "other", "square", 1.0),
        new QuestionAccuracy(5, "non-relational: left or right", "other", "left", 0.3),
        new QuestionAccuracy(6, "what color is the", "other", "red", 0.0));
    RelationalAccuracy r = RelationalAccuracy.of(scored).orElseThrow();
    // (1 + 0 + 1) / 3 = 66.666..% -> 66.67; (1 + 0.3) / 2 = 65%.
    assertEquals(66.67, r.relational(), 1e-9);
    assertEquals(65.0, r.nonRelational(), 1e-9);
    assertEquals(3, r.relationalQuestions());
    assertEquals(2, r.nonRelationalQuestions());
  }

  @Test
  void absentForDatasetsWithoutFamilies() {
    assertTrue(RelationalAccuracy.of(List.of(
        new QuestionAccuracy(1, "what color is the", "other", "red", 1.0))).isEmpty());
  }
}
