package ai.glimpse.evaluation.metrics;

import static ai.glimpse.evaluation.metrics.MultipleChoiceAccuracy.UnkPolicy.COUNT_AS_WRONG;
import static ai.glimpse.evaluation.metrics.MultipleChoiceAccuracy.UnkPolicy.EXCLUDE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.data.Annotation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Multiple-choice accuracy on a hand-built set; percentages are compared exactly (delta 0). */
class MultipleChoiceAccuracyTest {

  private final MultipleChoiceAccuracy metric = new MultipleChoiceAccuracy();

  private static Annotation ann(long id, String... answers) {
    return new Annotation(id, 1, "what", "other", answers[0], List.of(answers));
  }

  private final List<Annotation> gold = List.of(
      ann(1, "Yes", "yes", "no"),         // "yes" -> normalized "yes" is among them: correct
      ann(2, "two", "three"),             // "Two." -> "2", annotators -> {"2", "3"}: correct
      ann(3, "dog", "cat"),               // "<unk>": wrong, or excluded
      ann(4, "red"),                      // "blue": wrong
      ann(5, "the t-shirt", "shirt"));    // "T shirt" -> "t shirt", "the t-shirt" -> "t shirt": correct

  private final List<VqaResult> results = List.of(
      new VqaResult(1, "yes"),
      new VqaResult(2, "Two."),
      new VqaResult(3, "<unk>"),
      new VqaResult(4, "blue"),
      new VqaResult(5, "T shirt"));

  @Test
  void countsUnkAsWrong() {
    // 3 correct of 5 -> 60.00.
    assertEquals(60.0, metric.evaluate(results, gold, COUNT_AS_WRONG), 0.0);
  }

  @Test
  void excludesUnk() {
    // 3 correct of the 4 non-<unk> predictions -> 75.00.
    assertEquals(75.0, metric.evaluate(results, gold, EXCLUDE), 0.0);
  }

  @Test
  void roundsToTwoDecimals() {
    List<Annotation> g = List.of(ann(1, "a b"), ann(2, "x"), ann(3, "y"));
    List<VqaResult> r = List.of(new VqaResult(1, "b"), new VqaResult(2, "no"), new VqaResult(3, "no"));
    // "a b" -> "b" (article dropped): 1 of 3 -> 33.333... -> 33.33.
    assertEquals(33.33, metric.evaluate(r, g, COUNT_AS_WRONG), 0.0);
  }

  @Test
  void unkIsRecognizedBeforeNormalization() {
    // normalize("<unk>") is "unk"; an annotator answer "unk" must not make <unk> correct.
    List<Annotation> g = List.of(ann(1, "unk"));
    assertEquals(0.0, metric.evaluate(List.of(new VqaResult(1, " <unk>\n")), g, COUNT_AS_WRONG), 0.0);
    assertEquals(0.0, metric.evaluate(List.of(new VqaResult(1, "<unk>")), g, EXCLUDE), 0.0);
    assertTrue(MultipleChoiceAccuracy.isUnk("<unk>"));
    assertFalse(MultipleChoiceAccuracy.isUnk("unk"));
    assertTrue(MultipleChoiceAccuracy.isCorrect("unk", g.get(0)));
  }

  @Test
  void resultIdsMustMatch() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> metric.evaluate(results.subList(0, 4), gold, EXCLUDE));
    assertTrue(e.getMessage().contains("(e.g. 5)"), e.getMessage());
  }
}
