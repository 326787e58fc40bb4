package ai.glimpse.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.glimpse.evaluation.report.EvalResultsJson;
import ai.glimpse.preprocessing.data.Annotation;
import ai.glimpse.preprocessing.data.VqaJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The held-out tricky cases of {@code tricky/} (case, punctuation, articles, number words,
 * contractions, unanimous and split annotators), in the official file formats; the expected
 * numbers in {@code expected.json} were derived by hand from the official rules, each question's
 * value with its reason. Percentages are compared to two decimals (delta 0.005), per-question
 * accuracies within 1e-12 (means of thirds).
 */
class TrickyCasesTest {

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(TrickyCasesTest.class.getResource("tricky/" + name).toURI());
  }

  @Test
  void officialAccuracyMatchesTheHandDerivedNumbers() throws Exception {
    List<Annotation> gold = VqaJson.readAnnotations(resource("annotations.json"));
    List<VqaResult> results = EvalResultsJson.read(resource("results.json"));
    JsonNode expected = new ObjectMapper().readTree(resource("expected.json").toFile());
    assertEquals(12, gold.size());

    VqaEvaluation eval = new VqaEvaluator().evaluate(results, gold);

    for (JsonNode c : expected.get("cases")) {
      long id = c.get("question_id").asLong();
      assertEquals(c.get("expectedAccuracy").asDouble(), eval.accuracyByQuestionId().get(id), 1e-12,
          "question_id " + id + ": " + c.get("why").asText());
    }
    assertEquals(expected.get("overall").asDouble(), eval.accuracy().overall(), 0.005);
    assertEquals(61.67, eval.accuracy().overall(), 0.005);
    assertSameNumbers(expected.get("perAnswerType"), eval.accuracy().perAnswerType());
    assertSameNumbers(expected.get("perQuestionType"), eval.accuracy().perQuestionType());
  }

  private static void assertSameNumbers(JsonNode expected, Map<String, Double> actual) {
    assertEquals(expected.size(), actual.size(), "keys " + actual.keySet());
    expected.fields().forEachRemaining(e ->
        assertEquals(e.getValue().asDouble(), actual.get(e.getKey()), 0.005, e.getKey()));
  }
}
