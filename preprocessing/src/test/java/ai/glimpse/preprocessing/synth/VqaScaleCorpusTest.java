package ai.glimpse.preprocessing.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.answers.AnswerProcessor;
import ai.glimpse.preprocessing.answers.AnswerVocabulary;
import ai.glimpse.preprocessing.data.Annotation;
import ai.glimpse.preprocessing.data.Question;
import ai.glimpse.preprocessing.data.VqaJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VqaScaleCorpusTest {
  private static final VqaScaleConfig SMALL = VqaScaleConfig.small(7L);

  @TempDir Path dir;

  @Test
  void smallCorpusReadsBackWithTheOfficialReader() throws IOException {
    VqaScaleOutput out = VqaScaleCorpus.write(SMALL, dir.resolve("corpus"));
    assertEquals(dir.resolve("corpus").resolve("train").resolve("annotations.json"),
        out.train().annotationsFile());

    checkSplit(out.train(), 2_000, 370, 1L);
    checkSplit(out.val(), 1_000, 185, 1_000_001L);
    assertEquals(Files.size(out.train().annotationsFile()), out.train().annotationsBytes());
    assertEquals(Files.size(out.val().questionsFile()), out.val().questionsBytes());
  }

  private static void checkSplit(VqaScaleOutput.Split split, int questions, int images,
      long firstImageId) throws IOException {
    List<Question> qs = VqaJson.readQuestions(split.questionsFile());
    List<Annotation> as = VqaJson.readAnnotations(split.annotationsFile());
    assertEquals(questions, qs.size());
    assertEquals(questions, as.size());
    assertEquals(questions, split.questions());
    assertEquals(images, split.images());

    Set<Long> imageIds = new HashSet<>();
    Set<Long> questionIds = new HashSet<>();
    Map<String, Integer> answerTypes = new HashMap<>();
    for (int i = 0; i < questions; i++) {
      Question q = qs.get(i);
      Annotation a = as.get(i);
      assertEquals(q.questionId(), a.questionId());
      assertEquals(q.imageId(), a.imageId());
      assertTrue(q.imageId() >= firstImageId && q.imageId() < firstImageId + images,
          "image id " + q.imageId());
      // question_id = image_id * 1000 + k, with 5 or 6 questions per image here (2000 / 370).
      assertEquals(q.imageId(), q.questionId() / 1000);
      assertTrue(q.questionId() % 1000 < 6, "question id " + q.questionId());
      imageIds.add(q.imageId());
      questionIds.add(q.questionId());
      assertEquals(10, a.answers().size());
      assertTrue(q.question().endsWith("?"), q.question());
      if (!a.questionType().equals("none of the above")) {
        assertTrue(q.question().toLowerCase(Locale.ROOT).startsWith(a.questionType()),
            q.question() + " / " + a.questionType());
      }
      assertMultipleChoiceIsTheNormalizedMajority(a);
      answerTypes.merge(a.answerType(), 1, Integer::sum);
    }
    assertEquals(images, imageIds.size(), "every image has a question");
    assertEquals(questions, questionIds.size(), "question ids are unique");
    assertEquals(Set.of("yes/no", "number", "other"), answerTypes.keySet());
    // Shares 0.38 / 0.12 / 0.50, within a few standard errors for 1,000 to 2,000 draws.
    assertEquals(0.38, answerTypes.get("yes/no") / (double) questions, 0.05);
    assertEquals(0.12, answerTypes.get("number") / (double) questions, 0.04);
    assertEquals(0.50, answerTypes.get("other") / (double) questions, 0.05);
  }

  private static void assertMultipleChoiceIsTheNormalizedMajority(Annotation a) {
    Map<String, Integer> counts = new HashMap<>();
    for (String raw : a.answers()) {
      counts.merge(AnswerProcessor.normalize(raw), 1, Integer::sum);
    }
    int best = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    assertEquals(best, counts.getOrDefault(a.multipleChoiceAnswer(), 0).intValue(), a.toString());
  }

  @Test
  void sameSeedGivesByteIdenticalFilesWhateverTheThreadsAndAnotherSeedDoesNot() throws IOException {
    VqaScaleOutput a = VqaScaleCorpus.write(SMALL, dir.resolve("a"), 1);
    VqaScaleOutput b = VqaScaleCorpus.write(SMALL, dir.resolve("b"), 4);
    VqaScaleOutput c = VqaScaleCorpus.write(SMALL.withSeed(8L), dir.resolve("c"), 2);
    for (String file : List.of("train/questions.json", "train/annotations.json",
        "val/questions.json", "val/annotations.json")) {
      byte[] bytesA = Files.readAllBytes(a.root().resolve(file));
      assertArrayEquals(bytesA, Files.readAllBytes(b.root().resolve(file)), file);
      assertFalse(java.util.Arrays.equals(bytesA, Files.readAllBytes(c.root().resolve(file))), file);
    }
  }

  @Test
  void answersFollowAZipfLikeLongTailThatNeedsNormalization() throws IOException {
    VqaScaleOutput out = VqaScaleCorpus.write(
        new VqaScaleConfig(12_000, 2_200, 185, 185, 7L), dir.resolve("tail"), 2);
    List<Annotation> as = VqaJson.readAnnotations(out.train().annotationsFile());
    // Normalizing is the slow part; do it once per raw answer.
    int raw = 0;
    int changed = 0;
    List<String> normalizedChoices = new java.util.ArrayList<>();
    for (Annotation a : as) {
      for (String answer : a.answers()) {
        raw++;
        if (!AnswerProcessor.normalize(answer).equals(answer)) {
          changed++;
        }
      }
      normalizedChoices.add(AnswerProcessor.normalize(a.multipleChoiceAnswer()));
    }
    double share = changed / (double) raw;
    assertTrue(share > 0.08 && share < 0.16, "share of answers changed by normalization " + share);

    AnswerVocabulary all = AnswerVocabulary.topK(as, Integer.MAX_VALUE);
    assertEquals("yes", all.answer(0));
    assertEquals("no", all.answer(1));
    assertEquals("2", all.answer(2));
    assertTrue(all.size() > 1_500, "distinct normalized answers: " + all.size());
    double coverage100 = coverage(normalizedChoices, all, 100);
    double coverage1000 = coverage(normalizedChoices, all, 1_000);
    assertTrue(coverage100 > 0.7 && coverage100 < 0.85, "top-100 coverage " + coverage100);
    assertTrue(coverage1000 > 0.9 && coverage1000 < 0.99, "top-1000 coverage " + coverage1000);
  }

  /** The share of questions whose multiple-choice answer is among the top {@code k} answers. */
  private static double coverage(List<String> choices, AnswerVocabulary ranked, int k) {
    int covered = 0;
    for (String choice : choices) {
      int index = ranked.indexOf(choice);
      if (index >= 0 && index < k) {
        covered++;
      }
    }
    return covered / (double) choices.size();
  }

  @Test
  void everyAnswerIsInNormalFormAndEveryVariantNormalizesBackToIt() {
    CorpusLexicon lexicon = CorpusLexicon.standard();
    int answers = 0;
    for (AnswerPool pool : lexicon.pools()) {
      Set<String> seen = new HashSet<>();
      for (int r = 0; r < pool.size(); r++) {
        String answer = pool.answer(r);
        assertTrue(seen.add(answer), pool.name() + " repeats " + answer);
        assertEquals(answer, AnswerProcessor.normalize(answer), pool.name());
        for (String variant : pool.variants(r)) {
          assertEquals(answer, AnswerProcessor.normalize(variant), pool.name() + ": " + variant);
        }
        String synonym = pool.synonym(r);
        if (synonym != null) {
          assertEquals(synonym, AnswerProcessor.normalize(synonym));
          assertFalse(synonym.equals(answer));
        }
      }
      answers += pool.size();
    }
    assertTrue(answers > 4_000, "answers over all pools: " + answers);
    assertEquals(3_000 + 1_000 + 240, CorpusLexicon.MADE_UP_NOUNS + CorpusLexicon.MADE_UP_NAMES
        + CorpusLexicon.MADE_UP_ADJECTIVES);
  }

  @Test
  void pluralsAndZipfSamplerBehave() {
    assertEquals("hot dogs", CorpusLexicon.plural("hot dog"));
    assertEquals("buses", CorpusLexicon.plural("bus"));
    assertEquals("people", CorpusLexicon.plural("person"));
    assertEquals("skies", CorpusLexicon.plural("sky"));
    assertEquals("toys", CorpusLexicon.plural("toy"));

    // n = 3, s = 1: weights 1, 1/2, 1/3 over 11/6.
    ZipfSampler zipf = new ZipfSampler(3, 1.0, 0.0);
    assertEquals(6.0 / 11.0, zipf.probability(0), 1e-12);
    assertEquals(3.0 / 11.0, zipf.probability(1), 1e-12);
    assertEquals(2.0 / 11.0, zipf.probability(2), 1e-12);
    java.util.SplittableRandom rng = new java.util.SplittableRandom(1L);
    int[] counts = new int[3];
    for (int i = 0; i < 110_000; i++) {
      counts[zipf.draw(rng)]++;
    }
    // Binomial standard error is about 160 draws; allow 5 of them.
    assertEquals(60_000, counts[0], 800);
    assertEquals(30_000, counts[1], 800);
    assertEquals(20_000, counts[2], 800);
  }

  @Test
  void configRejectsImpossibleSizes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new VqaScaleConfig(100, 200, 10, 10, 1L));
    assertEquals("train questions must be in [200, 200000] for 200 images (at least one and at "
        + "most 1000 per image), got 100", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new VqaScaleConfig(10, 10, 10, 0, 1L));
    assertEquals("val images must be in [1, 1000000], got 0", e.getMessage());
    VqaScaleConfig full = VqaScaleConfig.fullScale(3L);
    assertEquals(443_757, full.trainQuestions());
    assertEquals(82_783, full.trainImages());
    assertEquals(214_354, full.valQuestions());
    assertEquals(40_504, full.valImages());
    assertThrows(IllegalArgumentException.class, () -> VqaScaleCorpus.write(SMALL, dir, 0));
  }
}
