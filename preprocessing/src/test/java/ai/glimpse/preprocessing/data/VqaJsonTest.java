package ai.glimpse.preprocessing.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VqaJsonTest {
  @TempDir Path dir;

  @Test
  void questionsSurviveARoundTrip() throws IOException {
    List<Question> questions = List.of(
        new Question(262148000L, 262148L, "Where is he looking?"),
        new Question(262148001L, 262148L, "What is he \"doing\"?\nReally, ünïcode."),
        new Question(5L, 0L, ""));
    Path file = dir.resolve("questions.json");
    VqaJson.writeQuestions(file, questions, "val2014");
    assertEquals(questions, VqaJson.readQuestions(file));
    String text = Files.readString(file);
    assertTrue(text.contains("\"data_subtype\":\"val2014\""), text);
    assertTrue(text.contains("\"task_type\":\"Open-Ended\""), text);
  }

  @Test
  void annotationsSurviveARoundTrip() throws IOException {
    List<Annotation> annotations = List.of(
        new Annotation(1000L, 1L, "how many", "number", "2",
            List.of("2", "two", "2", "3", "2", "2", "2", "2", "2", "2")),
        new Annotation(1001L, 1L, "is the", "yes/no", "yes", List.of("yes")));
    Path file = dir.resolve("annotations.json");
    VqaJson.writeAnnotations(file, annotations, "synth-train");
    assertEquals(annotations, VqaJson.readAnnotations(file));
    String text = Files.readString(file);
    assertTrue(text.contains("{\"answer\":\"two\",\"answer_confidence\":\"yes\",\"answer_id\":2}"),
        text);
  }

  @Test
  void writesOneRecordPerLine() throws IOException {
    Path file = dir.resolve("questions.json");
    VqaJson.writeQuestions(file, List.of(new Question(1, 1, "a?"), new Question(2, 1, "b?")), "x");
    List<String> lines = Files.readAllLines(file);
    assertTrue(lines.contains("{\"image_id\":1,\"question\":\"a?\",\"question_id\":1},"), lines.toString());
    assertTrue(lines.contains("{\"image_id\":1,\"question\":\"b?\",\"question_id\":2}"), lines.toString());
  }

  @Test
  void readsTheOfficialLayoutAndSkipsUnknownFields() throws IOException {
    Path file = dir.resolve("official.json");
    Files.writeString(file, """
        {"info": {"description": "This is v2.0 of the VQA dataset.", "year": 2017},
         "task_type": "Open-Ended", "data_type": "mscoco",
         "license": {"url": "http://creativecommons.org/licenses/by/4.0/", "name": "CC BY 4.0"},
         "data_subtype": "val2014",
         "questions": [{"image_id": 262148, "question": "Where is he looking?",
                        "question_id": 262148000, "extra": [1, {"nested": true}]}],
         "trailer": null}
        """);
    assertEquals(List.of(new Question(262148000L, 262148L, "Where is he looking?")),
        VqaJson.readQuestions(file));

    Path ann = dir.resolve("official_annotations.json");
    Files.writeString(ann, """
        {"info": {}, "license": {}, "data_subtype": "val2014", "annotations": [
         {"question_type": "none of the above", "multiple_choice_answer": "down",
          "answers": [{"answer": "down", "answer_confidence": "yes", "answer_id": 1},
                      {"answer": "at table", "answer_confidence": "maybe", "answer_id": 2}],
          "image_id": 262148, "answer_type": "other", "question_id": 262148000}]}
        """);
    assertEquals(List.of(new Annotation(262148000L, 262148L, "none of the above", "other", "down",
        List.of("down", "at table"))), VqaJson.readAnnotations(ann));
  }

  @Test
  void malformedJsonNamesFileLineAndColumn() throws IOException {
    Path file = dir.resolve("broken_questions.json");
    Files.writeString(file, "{\"questions\": [\n"
        + "{\"image_id\": 1, \"question\": \"a?\", \"question_id\": 1000},\n"
        + "{\"image_id\": 2 \"question\": \"b?\", \"question_id\": 2000}\n"
        + "]}\n");
    IOException e = assertThrows(IOException.class, () -> VqaJson.readQuestions(file));
    assertTrue(e.getMessage().contains("broken_questions.json line 3, column"), e.getMessage());
    assertTrue(e.getMessage().contains("expecting comma"), e.getMessage());
  }

  @Test
  void truncatedJsonSaysWhatWasExpected() throws IOException {
    Path file = dir.resolve("truncated.json");
    Files.writeString(file, "{\"annotations\": [\n{\"question_id\": 1,\n");
    IOException e = assertThrows(IOException.class, () -> VqaJson.readAnnotations(file));
    assertTrue(e.getMessage().contains("truncated.json line "), e.getMessage());
    assertTrue(e.getMessage().contains("end-of-input"), e.getMessage());
  }

  @Test
  void missingFieldNamesFileLineAndQuestionId() throws IOException {
    Path file = dir.resolve("questions.json");
    Files.writeString(file, "{\"questions\": [\n"
        + "{\"image_id\": 1, \"question\": \"a?\", \"question_id\": 1000},\n"
        + "{\"question\": \"b?\", \"question_id\": 262148000}\n"
        + "]}\n");
    IOException e = assertThrows(IOException.class, () -> VqaJson.readQuestions(file));
    assertTrue(e.getMessage().endsWith("questions.json line 3: question_id 262148000 has no image_id"),
        e.getMessage());
  }

  @Test
  void missingAnswerTextIsReported() throws IOException {
    Path file = dir.resolve("annotations.json");
    Files.writeString(file, "{\"annotations\": [{\"question_id\": 7, \"image_id\": 1,\n"
        + "\"question_type\": \"what\", \"answer_type\": \"other\", \"multiple_choice_answer\": \"x\",\n"
        + "\"answers\": [{\"answer\": \"x\"}, {\"answer_id\": 2}]}]}");
    IOException e = assertThrows(IOException.class, () -> VqaJson.readAnnotations(file));
    assertTrue(e.getMessage().contains("annotations.json line 3: answer 2 has no \"answer\""),
        e.getMessage());
  }

  @Test
  void wrongTypeSaysWhatWasExpectedAndFound() throws IOException {
    Path file = dir.resolve("questions.json");
    Files.writeString(file, "{\"questions\": [{\"image_id\": \"one\", \"question\": \"a?\"}]}");
    IOException e = assertThrows(IOException.class, () -> VqaJson.readQuestions(file));
    assertTrue(e.getMessage().contains("questions.json line 1, column"), e.getMessage());
    assertTrue(e.getMessage().contains("expected an integer for \"image_id\", found a string"),
        e.getMessage());
  }

  @Test
  void missingListIsReported() throws IOException {
    Path file = dir.resolve("annotations.json");
    Files.writeString(file, "{\"info\": {}}");
    IOException e = assertThrows(IOException.class, () -> VqaJson.readAnnotations(file));
    assertTrue(e.getMessage().contains("annotations.json: no \"annotations\" list"), e.getMessage());
  }

  @Test
  void missingFileNamesThePath() {
    Path file = dir.resolve("nowhere.json");
    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> VqaJson.readQuestions(file));
    assertTrue(e.getMessage().contains("nowhere.json"), e.getMessage());
  }

  @Test
  void failedWriteLeavesNoFile() {
    Path file = dir.resolve("questions.json");
    List<Question> poisoned = new java.util.AbstractList<>() {
      @Override
      public Question get(int index) {
        if (index == 1) {
          throw new IllegalStateException("boom");
        }
        return new Question(1, 1, "a?");
      }

      @Override
      public int size() {
        return 2;
      }
    };
    assertThrows(IllegalStateException.class, () -> VqaJson.writeQuestions(file, poisoned, "x"));
    assertFalse(Files.exists(file));
  }
}
