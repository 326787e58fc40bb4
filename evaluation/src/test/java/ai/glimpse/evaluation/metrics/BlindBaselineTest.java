package ai.glimpse.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.data.Annotation;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The question-type prior baseline on a hand-built training set. */
class BlindBaselineTest {

  private static Annotation ann(long id, String questionType, String mc) {
    return new Annotation(id, 1, questionType, "other", mc, Collections.nCopies(10, mc));
  }

  private final List<Annotation> train = List.of(
      ann(1, "is the", "yes"),
      ann(2, "is the", "Yes"),
      ann(3, "is the", "no"),
      ann(4, "how many", "2"),
      ann(5, "how many", "two"),
      ann(6, "how many", "3"),
      ann(7, "how many", "three."),
      ann(8, "what color", "Red"),
      ann(9, "what color", "blue"));

  @Test
  void picksTheMostFrequentNormalizedAnswerPerType() {
    BlindBaseline baseline = BlindBaseline.fit(train);
    // "is the": yes x2 ("Yes" normalizes to "yes"), no x1.
    // "how many": "2" x2 and "3" x2 after normalization -> tie -> "2" < "3".
    // "what color": "red" x1, "blue" x1 -> tie -> "blue" < "red".
    assertEquals(Map.of("is the", "yes", "how many", "2", "what color", "blue"),
        baseline.answerByQuestionType());
    // Overall: yes 2, 2 2, 3 2, no 1, red 1, blue 1 -> tie of three -> "2" < "3" < "yes".
    assertEquals("2", baseline.fallbackAnswer());
  }

  @Test
  void predictsPerQuestionTypeWithFallback() {
    BlindBaseline baseline = BlindBaseline.fit(train);
    List<Annotation> val = List.of(ann(100, "what color", "green"), ann(101, "why", "because"),
        ann(102, "is the", "no"));
    assertEquals(List.of(new VqaResult(100, "blue"), new VqaResult(101, "2"),
        new VqaResult(102, "yes")), baseline.predict(val));
  }

  @Test
  void fitIsIndependentOfOrder() {
    List<Annotation> reversed = new java.util.ArrayList<>(train);
    Collections.reverse(reversed);
    assertEquals(BlindBaseline.fit(train), BlindBaseline.fit(reversed));
  }

  @Test
  void scoresWithTheOfficialMetric() {
    BlindBaseline baseline = BlindBaseline.fit(train);
    List<Annotation> val = List.of(ann(100, "is the", "yes"), ann(101, "is the", "no"),
        ann(102, "how many", "2"), ann(103, "what color", "red"));
    VqaEvaluation eval = new VqaEvaluator().evaluate(baseline.predict(val), val);
    // Unanimous answers: "yes"=="yes" 1, "yes"!="no" 0, "2"=="2" 1, "blue"!="red" 0 -> 50.
    assertEquals(50.0, eval.accuracy().overall(), 0.0);
    assertEquals(Map.of("is the", 50.0, "how many", 100.0, "what color", 0.0),
        eval.accuracy().perQuestionType());
  }

  @Test
  void needsTrainingData() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BlindBaseline.fit(List.of()));
    assertTrue(e.getMessage().contains("no training annotations"), e.getMessage());
  }
}
