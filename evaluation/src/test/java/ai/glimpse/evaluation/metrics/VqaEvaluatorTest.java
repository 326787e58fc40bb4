package ai.glimpse.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.data.Annotation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Official VQA accuracy on hand-built sets.
 *
 * <p>With 10 annotator answers of which k equal the prediction, each of the k matching answers
 * sees k-1 matches among the other 9 and each of the 10-k others sees k, so the accuracy is
 * {@code (k*min(1,(k-1)/3) + (10-k)*min(1,k/3)) / 10}: k=0 -> 0, k=1 -> (0 + 9/3)/10 = 0.3,
 * k=2 -> (2/3 + 16/3)/10 = 0.6, k=3 -> (3*2/3 + 7)/10 = 0.9, k>=4 -> 1.
 *
 * <p>Tolerances: per-question accuracies are means of thirds, so 1e-12 absorbs the binary
 * rounding of 1/3; percentages are already rounded to two decimals by the same double
 * operations as Python, so they are compared exactly (delta 0).
 */
class VqaEvaluatorTest {

  private static final double EPS = 1e-12;

  private final VqaEvaluator evaluator = new VqaEvaluator();

  static Annotation ann(long id, String questionType, String answerType, List<String> answers) {
    return new Annotation(id, 1, questionType, answerType, answers.get(0), answers);
  }

  /** {@code k} copies of {@code a} followed by {@code 10 - k} copies of {@code b}. */
  static List<String> split(String a, int k, String b) {
    List<String> answers = new ArrayList<>(Collections.nCopies(k, a));
    answers.addAll(Collections.nCopies(10 - k, b));
    return answers;
  }

  @Test
  void accuracyFollowsTheLeaveOneOutFormula() {
    double[] expected = {0.0, 0.3, 0.6, 0.9, 1, 1, 1, 1, 1, 1, 1};
    for (int k = 0; k <= 10; k++) {
      assertEquals(expected[k], VqaEvaluator.questionAccuracy("red", split("red", k, "blue")), EPS,
          "k=" + k);
    }
  }

  @Test
  void unanimousAnswersAreNotProcessed() {
    List<String> two = Collections.nCopies(10, "two");
    assertEquals(0.0, VqaEvaluator.questionAccuracy("2", two), EPS);
    assertEquals(0.0, VqaEvaluator.questionAccuracy("Two", two), EPS);
    assertEquals(0.0, VqaEvaluator.questionAccuracy("two.", two), EPS);
    assertEquals(1.0, VqaEvaluator.questionAccuracy("two", two), EPS);
    // Cleaning (newline, tab, strip) is always applied.
    assertEquals(1.0, VqaEvaluator.questionAccuracy(" two\n", two), EPS);
    assertEquals(1.0, VqaEvaluator.questionAccuracy("\ttwo", two), EPS);
    // Nine "yes" and one "yes\n" are unanimous after cleaning, so "Yes" is not lowercased.
    List<String> yes = split("yes", 9, "yes\n");
    assertEquals(0.0, VqaEvaluator.questionAccuracy("Yes", yes), EPS);
    assertEquals(1.0, VqaEvaluator.questionAccuracy("yes", yes), EPS);
  }

  @Test
  void splitAnswersAreProcessed() {
    // Nine "two" and one "2" differ, so all become "2" and "Two." becomes "2": k = 10.
    assertEquals(1.0, VqaEvaluator.questionAccuracy("Two.", split("two", 9, "2")), EPS);
    // Three "red", seven "blue"; "Red!" -> "Red " -> "red": k = 3.
    assertEquals(0.9, VqaEvaluator.questionAccuracy("Red!", split("red", 3, "blue")), EPS);
    // One "t-shirt" (-> "t shirt") and nine "shirt"; "T-shirt" -> "t shirt": k = 1.
    assertEquals(0.3, VqaEvaluator.questionAccuracy("T-shirt", split("t-shirt", 1, "shirt")), EPS);
    // "the dog" and "a dog" both lose their article: k = 2 + 2 = 4.
    List<String> dogs = new ArrayList<>(split("the dog", 2, "cat"));
    dogs.set(9, "a dog");
    dogs.set(8, "A dog!");
    assertEquals(1.0, VqaEvaluator.questionAccuracy("dog", dogs), EPS);
  }

  @Test
  void handBuiltSetPerAnswerAndQuestionType() {
    List<Annotation> gold = List.of(
        ann(1, "is the", "yes/no", Collections.nCopies(10, "yes")),      // "yes": k=10 -> 1.0
        ann(2, "is the", "yes/no", split("yes", 7, "no")),               // "no": k=3 -> 0.9
        ann(3, "how many", "number", Collections.nCopies(10, "two")),    // "2": unanimous -> 0.0
        ann(4, "how many", "number", split("2", 5, "two")),              // "Two.": all "2" -> 1.0
        ann(5, "what color is the", "other", split("red", 2, "blue")),   // "Red!": k=2 -> 0.6
        ann(6, "what is the", "other", split("t-shirt", 1, "shirt")));   // "T-shirt": k=1 -> 0.3
    List<VqaResult> results = List.of(
        new VqaResult(6, "T-shirt"),
        new VqaResult(5, "Red!"),
        new VqaResult(4, "Two."),
        new VqaResult(3, "2"),
        new VqaResult(2, "no"),
        new VqaResult(1, "yes"));

    VqaEvaluation eval = evaluator.evaluate(results, gold);

    // Overall: 100 * (1 + 0.9 + 0 + 1 + 0.6 + 0.3) / 6 = 100 * 3.8 / 6 = 63.333... -> 63.33.
    assertEquals(63.33, eval.accuracy().overall(), 0.0);
    // yes/no: (1 + 0.9) / 2 = 95; number: (0 + 1) / 2 = 50; other: (0.6 + 0.3) / 2 = 45.
    assertEquals(Map.of("yes/no", 95.0, "number", 50.0, "other", 45.0),
        eval.accuracy().perAnswerType());
    assertEquals(List.of("number", "other", "yes/no"),
        List.copyOf(eval.accuracy().perAnswerType().keySet()), "sorted by key");
    assertEquals(Map.of("is the", 95.0, "how many", 50.0, "what color is the", 60.0,
        "what is the", 30.0), eval.accuracy().perQuestionType());

    // Per-question accuracies in annotation order, not rounded.
    assertArrayEquals(new double[] {1.0, 0.9, 0.0, 1.0, 0.6, 0.3}, eval.accuracies(), EPS);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L),
        List.copyOf(eval.accuracyByQuestionId().keySet()));
    QuestionAccuracy q5 = eval.perQuestion().get(4);
    assertEquals(5, q5.questionId());
    assertEquals("Red!", q5.prediction());
    assertEquals("what color is the", q5.questionType());
    assertEquals("other", q5.answerType());
  }

  @Test
  void roundsLikePythonRound() {
    // 100 * 1 / 800 = 0.125 exactly: a true tie, Python rounds half to even -> 0.12.
    assertEquals(0.12, overallWithCorrect(1, 800), 0.0);
    // 0.375 exactly -> 0.38 (even), 0.625 exactly -> 0.62 (even).
    assertEquals(0.38, overallWithCorrect(3, 800), 0.0);
    assertEquals(0.62, overallWithCorrect(5, 800), 0.0);
    // 100/3 = 33.333... and 200/3 = 66.666...
    assertEquals(33.33, overallWithCorrect(1, 3), 0.0);
    assertEquals(66.67, overallWithCorrect(2, 3), 0.0);
    // The double nearest 2.675 is below it and the one nearest 33.335 above it; 1.005 is below.
    assertEquals(2.67, VqaAccuracy.round2(2.675), 0.0);
    assertEquals(33.34, VqaAccuracy.round2(33.335), 0.0);
    assertEquals(1.0, VqaAccuracy.round2(1.005), 0.0);
    assertEquals(0.12, VqaAccuracy.round2(0.125), 0.0);
    assertEquals(100.0, VqaAccuracy.round2(99.999), 0.0);
  }

  private double overallWithCorrect(int correct, int total) {
    List<Annotation> gold = new ArrayList<>();
    List<VqaResult> results = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      gold.add(ann(i, "what", "other", Collections.nCopies(10, "x")));
      results.add(new VqaResult(i, i < correct ? "x" : "y"));
    }
    return evaluator.evaluate(results, gold).accuracy().overall();
  }

  @Test
  void matchesTheReferenceImplementationOnRandomQuestions() throws IOException {
    // Expected numbers from a Python re-implementation of vqaEval.py evaluate(); see the file.
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("crosscheck.json")) {
      root = new ObjectMapper().readTree(in);
    }
    List<Annotation> gold = new ArrayList<>();
    for (JsonNode a : root.get("annotations")) {
      List<String> answers = new ArrayList<>();
      a.get("answers").forEach(x -> answers.add(x.asText()));
      gold.add(new Annotation(a.get("question_id").asLong(), 0, a.get("question_type").asText(),
          a.get("answer_type").asText(), a.get("multiple_choice_answer").asText(), answers));
    }
    List<VqaResult> results = new ArrayList<>();
    Map<Long, Double> expectedPerQuestion = new LinkedHashMap<>();
    for (JsonNode r : root.get("results")) {
      results.add(new VqaResult(r.get("question_id").asLong(), r.get("answer").asText()));
      expectedPerQuestion.put(r.get("question_id").asLong(), r.get("expectedAccuracy").asDouble());
    }
    assertEquals(300, gold.size());

    VqaEvaluation eval = evaluator.evaluate(results, gold);

    JsonNode expected = root.get("expected");
    assertEquals(expected.get("overall").asDouble(), eval.accuracy().overall(), 0.0);
    Map<String, Double> perAnswerType = new ObjectMapper().convertValue(
        expected.get("perAnswerType"), new com.fasterxml.jackson.core.type.TypeReference<>() {});
    Map<String, Double> perQuestionType = new ObjectMapper().convertValue(
        expected.get("perQuestionType"), new com.fasterxml.jackson.core.type.TypeReference<>() {});
    assertEquals(perAnswerType, eval.accuracy().perAnswerType());
    assertEquals(perQuestionType, eval.accuracy().perQuestionType());
    // Same double operations in the same order as Python: exact.
    eval.accuracyByQuestionId().forEach((id, acc) ->
        assertEquals(expectedPerQuestion.get(id), acc, 0.0, "question_id " + id));
  }

  @Test
  void missingAndExtraResultsAreErrors() {
    List<Annotation> gold = List.of(
        ann(11, "t", "other", List.of("a")),
        ann(12, "t", "other", List.of("a")),
        ann(13, "t", "other", List.of("a")));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> evaluator.evaluate(List.of(new VqaResult(11, "a")), gold));
    assertTrue(missing.getMessage().contains("2 question ids missing"), missing.getMessage());
    assertTrue(missing.getMessage().contains("12, 13"), missing.getMessage());

    IllegalArgumentException extra = assertThrows(IllegalArgumentException.class,
        () -> evaluator.evaluate(List.of(new VqaResult(11, "a"), new VqaResult(12, "a"),
            new VqaResult(13, "a"), new VqaResult(99, "a")), gold));
    assertTrue(extra.getMessage().contains("1 result question id not in the annotations"),
        extra.getMessage());
    assertTrue(extra.getMessage().contains("99"), extra.getMessage());

    IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
        () -> evaluator.evaluate(List.of(new VqaResult(11, "a"), new VqaResult(12, "a"),
            new VqaResult(77, "a")), gold));
    assertTrue(both.getMessage().contains("1 question id missing from the results (e.g. 13)"),
        both.getMessage());
    assertTrue(both.getMessage().contains("(e.g. 77)"), both.getMessage());
  }

  @Test
  void exampleIdsAreLimited() {
    List<Annotation> gold = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      gold.add(ann(i, "t", "other", List.of("a")));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> evaluator.evaluate(List.of(), gold));
    assertTrue(e.getMessage().contains("20 question ids missing from the results (e.g. 0, 1, 2, 3, 4, ...)"),
        e.getMessage());
  }

  @Test
  void duplicateIdsAreErrors() {
    List<Annotation> gold = List.of(ann(11, "t", "other", List.of("a")),
        ann(12, "t", "other", List.of("a")));
    IllegalArgumentException dupResult = assertThrows(IllegalArgumentException.class,
        () -> evaluator.evaluate(List.of(new VqaResult(11, "a"), new VqaResult(12, "a"),
            new VqaResult(12, "b")), gold));
    assertTrue(dupResult.getMessage().contains("question_id 12 more than once"),
        dupResult.getMessage());

    List<Annotation> dupGold = List.of(ann(11, "t", "other", List.of("a")),
        ann(11, "t", "other", List.of("b")));
    IllegalArgumentException dupAnn = assertThrows(IllegalArgumentException.class,
        () -> evaluator.evaluate(List.of(new VqaResult(11, "a")), dupGold));
    assertTrue(dupAnn.getMessage().contains("annotations contain question_id 11"),
        dupAnn.getMessage());

    assertThrows(IllegalArgumentException.class, () -> evaluator.evaluate(List.of(), List.of()));
  }

  @Test
  void accuracyRecordValidatesAndSorts() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new VqaAccuracy(50, Map.of("number", 101.0), Map.of()));
    assertTrue(e.getMessage().contains("perAnswerType 'number'"), e.getMessage());
    assertTrue(e.getMessage().contains("101.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new VqaAccuracy(Double.NaN, Map.of(), Map.of()));
    VqaAccuracy acc = new VqaAccuracy(1, Map.of("yes/no", 1.0, "number", 2.0, "other", 3.0), Map.of());
    assertEquals(List.of("number", "other", "yes/no"), List.copyOf(acc.perAnswerType().keySet()));
  }
}
