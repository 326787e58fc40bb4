package ai.glimpse.preprocessing.answers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.glimpse.preprocessing.data.Annotation;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerVocabularyTest {
  private static Annotation ann(long id, String... answers) {
    return new Annotation(id, 1, "what color is the", "other", answers[0], List.of(answers));
  }

  @Test
  void topKCountsNormalizedAnswers() {
    List<Annotation> train = List.of(
        ann(1, "Red", "red", "red.", "blue", "red", "red", "red", "red", "red", "red"),
        ann(2, "two", "2", "2", "Two", "2", "2", "2", "three", "2", "2"),
        ann(3, "blue", "blue", "green", "blue", "blue", "blue", "blue", "blue", "blue", "blue"));
    // normalized counts: 2 x9, red x9, blue x10, 3 x1, green x1
    AnswerVocabulary v = AnswerVocabulary.topK(train, 3);
    assertEquals(List.of("blue", "2", "red"), v.answers());
    assertEquals(-1, v.indexOf("green"));
  }

  @Test
  void softScoresAreMinCountOverThreeCappedAtOne() {
    AnswerVocabulary v = new AnswerVocabulary(List.of("yes", "no", "2"));
    SoftTargets t = v.softTargets(ann(7, "yes", "Yes", "no", "no", "maybe", "two", "2", "2", "2", "yes"));
    // yes x3 -> 1.0, no x2 -> 0.667, "2" x4 (two normalizes to 2) -> 1.0, maybe not in vocab
    assertArrayEquals(new int[] {0, 1, 2}, t.indices());
    assertEquals(1f, t.score(0), 1e-6);
    assertEquals(2f / 3f, t.score(1), 1e-6);
    assertEquals(1f, t.score(2), 1e-6);
    SoftTargets one = v.softTargets(ann(8, "no", "x", "x", "x", "x", "x", "x", "x", "x", "x"));
    assertEquals(1f / 3f, one.score(1), 1e-6);
    assertEquals(0f, one.score(0), 0);
  }
}
