package ai.glimpse.preprocessing.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GqaJsonTest {
  /** A GQA balanced-questions excerpt: ids with leading zeros, a non-numeric image id, extra fields. */
  private static final String BALANCED = """
      {"02930152": {"semantic": [{"operation": "select", "dependencies": [], "argument": "sky (2486325)"}],
        "entailed": ["02930160"], "equivalent": ["02930152"], "question": "Is the sky dark?",
        "imageId": "n161313", "isBalanced": true, "groups": {"global": null, "local": "06-sky_dark"},
        "answer": "yes", "semanticStr": "select: sky (2486325)->verify color: dark [0]",
        "annotations": {"answer": {}, "question": {"2": "2486325"}, "fullAnswer": {"2": "2486325"}},
        "types": {"detailed": "verifyAttr", "semantic": "attr", "structural": "verify"},
        "fullAnswer": "Yes, the sky is dark."},
       "07333408": {"question": "What is on the white wall?", "imageId": "2354786", "answer": "pipe",
        "types": {"detailed": "relS", "semantic": "rel", "structural": "query"}, "fullAnswer": "The pipe is on the wall."},
       "15736264": {"question": "Is it an indoors or outdoors scene?", "imageId": "2354786",
        "answer": "outdoors", "types": {"semantic": "global", "structural": "choose"}},
       "201640614": {"question": "Are there both cars and trucks?", "imageId": "2375429", "answer": "no",
        "types": {"detailed": "twoCommon", "semantic": "obj", "structural": "logical"}}}
      """;

  @TempDir Path dir;

  @Test
  void readsBalancedQuestionsIntoTheProjectRecords() throws IOException {
    Path file = dir.resolve("val_balanced_questions.json");
    Files.writeString(file, BALANCED);
    GqaSplit split = GqaJson.read(file);

    long n161313 = 7353419131020300359L; // 2^62 + the 62-bit FNV-1a/SplitMix64 hash, from Python
    assertEquals(List.of(
        new Question(2930152L, n161313, "Is the sky dark?"),
        new Question(7333408L, 2354786L, "What is on the white wall?"),
        new Question(15736264L, 2354786L, "Is it an indoors or outdoors scene?"),
        new Question(201640614L, 2375429L, "Are there both cars and trucks?")), split.questions());
    assertEquals(List.of(
        new Annotation(2930152L, n161313, "verifyAttr", "yes/no", "yes", Collections.nCopies(10, "yes")),
        new Annotation(7333408L, 2354786L, "relS", "other", "pipe", Collections.nCopies(10, "pipe")),
        new Annotation(15736264L, 2354786L, "global", "other", "outdoors",
            Collections.nCopies(10, "outdoors")),
        new Annotation(201640614L, 2375429L, "twoCommon", "yes/no", "no", Collections.nCopies(10, "no"))),
        split.annotations());

    assertEquals(4, split.questionIds().size());
    assertEquals("02930152", split.gqaQuestionId(2930152L));
    assertEquals("201640614", split.gqaQuestionId(201640614L));
    assertEquals(3, split.imageIds().size());
    assertEquals("n161313", split.gqaImageId(n161313));
    assertEquals("2354786", split.gqaImageId(2354786L));
    assertTrue(split.hasAnswers());
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> split.gqaImageId(42L));
    assertEquals("unknown image id 42", unknown.getMessage());
  }

  @Test
  void malformedJsonNamesFileLineAndColumn() throws IOException {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\"1\": {\"imageId\": \"2354786\", \"question\": \"a?\", \"answer\": \"b\"},\n"
        + "\"2\": {\"imageId\": \"2354786\", \"question\": \"c?\", \"answer\": \"d\"},\n"
        + "\"3\": {\"imageId\": \"2354786\" \"question\": \"e?\", \"answer\": \"f\"}}\n");
    IOException e = assertThrows(IOException.class, () -> GqaJson.read(file));
    assertTrue(e.getMessage().contains("broken.json line 3, column 28: malformed JSON"), e.getMessage());
    assertTrue(e.getMessage().contains("expecting comma"), e.getMessage());
  }

  @Test
  void missingAnswerNamesFileLineAndQuestionId() throws IOException {
    Path file = dir.resolve("train_balanced_questions.json");
    Files.writeString(file, "{\"02930152\": {\"imageId\": \"n161313\", \"question\": \"a?\", \"answer\": \"b\"},\n"
        + "\"07333408\": {\"imageId\": \"2354786\",\n \"question\": \"What is on the wall?\"}}\n");
    IOException e = assertThrows(IOException.class, () -> GqaJson.read(file));
    assertTrue(e.getMessage().endsWith(
        "train_balanced_questions.json line 2: question \"07333408\" has no \"answer\""), e.getMessage());
  }

  @Test
  void missingImageIdAndQuestionAreReportedToo() throws IOException {
    Path noImage = dir.resolve("a.json");
    Files.writeString(noImage, "{\"5\": {\"question\": \"a?\", \"answer\": \"b\"}}");
    IOException e = assertThrows(IOException.class, () -> GqaJson.read(noImage));
    assertTrue(e.getMessage().endsWith("a.json line 1: question \"5\" has no \"imageId\""), e.getMessage());

    Path noQuestion = dir.resolve("b.json");
    Files.writeString(noQuestion, "{\"6\": {\"imageId\": \"n1\", \"answer\": \"b\"}}");
    e = assertThrows(IOException.class, () -> GqaJson.read(noQuestion));
    assertTrue(e.getMessage().endsWith("b.json line 1: question \"6\" has no \"question\""), e.getMessage());
  }

  @Test
  void testFilesWithoutAnswersAreReadAsQuestionsOnly() throws IOException {
    Path file = dir.resolve("test_balanced_questions.json");
    Files.writeString(file, """
        {"201307251": {"imageId": "n15740", "question": "Is the table made of wood?",
          "isBalanced": true, "types": {}},
         "201307252": {"imageId": "n15740", "question": "What color is the cup?"}}
        """);
    GqaSplit split = GqaJson.read(file, GqaJson.AnswerMode.QUESTIONS_ONLY);
    long n15740 = 6067345630308873261L; // from the Python reference of GqaIds.toLong
    assertEquals(List.of(new Question(201307251L, n15740, "Is the table made of wood?"),
        new Question(201307252L, n15740, "What color is the cup?")), split.questions());
    assertTrue(split.annotations().isEmpty());
    assertFalse(split.hasAnswers());

    IOException e = assertThrows(IOException.class, () -> GqaJson.read(file));
    assertTrue(e.getMessage().endsWith("line 1: question \"201307251\" has no \"answer\""), e.getMessage());
  }

  @Test
  void questionsOnlyModeIgnoresAnswersThatArePresent() throws IOException {
    Path file = dir.resolve("testdev_balanced_questions.json");
    Files.writeString(file, BALANCED);
    GqaSplit split = GqaJson.read(file, GqaJson.AnswerMode.QUESTIONS_ONLY);
    assertEquals(4, split.questions().size());
    assertTrue(split.annotations().isEmpty());
  }

  @Test
  void duplicateAndCollidingQuestionIdsAreRejected() throws IOException {
    Path dup = dir.resolve("dup.json");
    Files.writeString(dup, "{\"7\": {\"imageId\": \"1\", \"question\": \"a?\", \"answer\": \"b\"},\n"
        + "\"7\": {\"imageId\": \"1\", \"question\": \"c?\", \"answer\": \"d\"}}");
    IOException e = assertThrows(IOException.class, () -> GqaJson.read(dup));
    assertTrue(e.getMessage().endsWith("dup.json line 2: question \"7\" appears twice"), e.getMessage());

    Path collide = dir.resolve("collide.json");
    Files.writeString(collide, "{\"7\": {\"imageId\": \"1\", \"question\": \"a?\", \"answer\": \"b\"},\n"
        + "\"007\": {\"imageId\": \"1\", \"question\": \"c?\", \"answer\": \"d\"}}");
    e = assertThrows(IOException.class, () -> GqaJson.read(collide));
    assertTrue(e.getMessage().endsWith(
        "collide.json line 2: question \"007\": question ids \"7\" and \"007\" both map to 7"),
        e.getMessage());
  }

  @Test
  void wrongTypesSayWhatWasExpected() throws IOException {
    Path file = dir.resolve("types.json");
    Files.writeString(file, "{\"9\": {\"imageId\": \"1\", \"question\": [\"a?\"], \"answer\": \"b\"}}");
    IOException e = assertThrows(IOException.class, () -> GqaJson.read(file));
    assertTrue(e.getMessage().contains("types.json line 1, column 36: question \"9\": expected a string "
        + "for \"question\", found a list"), e.getMessage());

    Path list = dir.resolve("list.json");
    Files.writeString(list, "[{\"imageId\": \"1\"}]");
    e = assertThrows(IOException.class, () -> GqaJson.read(list));
    assertTrue(e.getMessage().contains("list.json line 1, column 1: expected a JSON object keyed by "
        + "question id"), e.getMessage());
  }

  @Test
  void structuralTypesMapToVqaAnswerTypes() {
    assertEquals("yes/no", GqaTypes.answerType("verify"));
    assertEquals("yes/no", GqaTypes.answerType("logical"));
    assertEquals("other", GqaTypes.answerType("query"));
    assertEquals("other", GqaTypes.answerType("choose"));
    assertEquals("other", GqaTypes.answerType("compare"));
    assertEquals("other", GqaTypes.answerType(null));
    assertEquals("other", GqaTypes.answerType("somethingNew"));
    assertEquals("relS", new GqaTypes("query", "rel", "relS").questionType());
    assertEquals("rel", new GqaTypes("query", "rel", null).questionType());
    assertEquals("unknown", GqaTypes.none().questionType());
  }

  @Test
  void idsAreNumericWhenTheyCanBeAndHashedAboveTwoToTheSixtyTwoOtherwise() {
    assertEquals(0L, GqaIds.toLong("0"));
    assertEquals(2930152L, GqaIds.toLong("02930152"));
    assertEquals(999_999_999_999_999_999L, GqaIds.toLong("999999999999999999"));
    long long19 = GqaIds.toLong("1000000000000000000");
    assertTrue(long19 >= GqaIds.HASHED_BASE, Long.toString(long19));
    assertEquals(7353419131020300359L, GqaIds.toLong("n161313"));
    assertThrows(IllegalArgumentException.class, () -> GqaIds.toLong(""));

    GqaIds ids = new GqaIds("image id");
    assertEquals(7353419131020300359L, ids.register("n161313"));
    assertEquals(7353419131020300359L, ids.register("n161313"));
    assertEquals(1, ids.size());
    assertEquals("n161313", ids.name(7353419131020300359L));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ids.name(5L));
    assertEquals("unknown image id 5", e.getMessage());
  }
}
