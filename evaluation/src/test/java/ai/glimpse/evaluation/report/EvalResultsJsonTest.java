package ai.glimpse.evaluation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.evaluation.metrics.VqaResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and writing the official results format, and its error messages. */
class EvalResultsJsonTest {

  @TempDir Path dir;

  private Path file(String content) throws IOException {
    Path f = dir.resolve("results.json");
    Files.writeString(f, content);
    return f;
  }

  private IOException readError(String content) throws IOException {
    Path f = file(content);
    IOException e = assertThrows(IOException.class, () -> EvalResultsJson.read(f));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    return e;
  }

  @Test
  void readsTheOfficialFormat() throws IOException {
    Path f = file("[{\"question_id\": 1, \"answer\": \"yes\"},\n"
        + " {\"answer\": \"two\", \"question_id\": 262148000, \"score\": [0.9, {\"x\": 1}]},\n"
        + " {\"question_id\": 3, \"answer\": \"caf\u00e9 \\n\"}]");
    assertEquals(List.of(new VqaResult(1, "yes"), new VqaResult(262148000, "two"),
        new VqaResult(3, "caf\u00e9 \n")), EvalResultsJson.read(f));
    assertEquals(List.of(), EvalResultsJson.read(file("[]")));
  }

  @Test
  void writeThenReadRoundTrip() throws IOException {
    List<VqaResult> results = List.of(new VqaResult(1, "yes"), new VqaResult(2, "\"quoted\" \u00e9"),
        new VqaResult(Long.MAX_VALUE, ""));
    Path f = dir.resolve("sub").resolve("out.json");
    EvalResultsJson.write(results, f);
    assertEquals(results, EvalResultsJson.read(f));
    assertTrue(Files.readString(f).startsWith("[{\"question_id\":1,\"answer\":\"yes\"}"));
  }

  @Test
  void malformedJsonNamesLineAndColumn() throws IOException {
    IOException e = readError("[{\"question_id\": 1, \"answer\": \"yes\"},\n {\"question_id\": 2 \"answer\": \"no\"}]");
    assertTrue(e.getMessage().contains("line 2, column"), e.getMessage());
    assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());

    IOException truncated = readError("[{\"question_id\": 1, \"answer\": \"yes\"},\n");
    assertTrue(truncated.getMessage().contains("malformed JSON"), truncated.getMessage());
  }

  @Test
  void missingFieldsNameTheElement() throws IOException {
    IOException noAnswer = readError("[{\"question_id\": 1, \"answer\": \"yes\"},\n {\"question_id\": 7}]");
    assertTrue(noAnswer.getMessage().contains("element 1"), noAnswer.getMessage());
    assertTrue(noAnswer.getMessage().contains("question_id 7"), noAnswer.getMessage());
    assertTrue(noAnswer.getMessage().contains("missing \"answer\""), noAnswer.getMessage());
    assertTrue(noAnswer.getMessage().contains("line 2, column 2"), noAnswer.getMessage());

    IOException noId = readError("[{\"answer\": \"yes\"}]");
    assertTrue(noId.getMessage().contains("element 0: missing \"question_id\""), noId.getMessage());
  }

  @Test
  void wrongTypesAreErrors() throws IOException {
    IOException idString = readError("[{\"question_id\": \"12\", \"answer\": \"yes\"}]");
    assertTrue(idString.getMessage().contains("element 0: \"question_id\" must be an integer, found a string 12"),
        idString.getMessage());
    IOException idFloat = readError("[{\"question_id\": 1.5, \"answer\": \"yes\"}]");
    assertTrue(idFloat.getMessage().contains("found a float 1.5"), idFloat.getMessage());
    IOException answerNumber = readError("[{\"question_id\": 1, \"answer\": 2}]");
    assertTrue(answerNumber.getMessage().contains("\"answer\" must be a string, found an integer 2"),
        answerNumber.getMessage());
    IOException answerNull = readError("[{\"question_id\": 1, \"answer\": null}]");
    assertTrue(answerNull.getMessage().contains("found null"), answerNull.getMessage());
    IOException notArray = readError("{\"question_id\": 1, \"answer\": \"yes\"}");
    assertTrue(notArray.getMessage().contains("expected a JSON array"), notArray.getMessage());
    IOException notObject = readError("[1]");
    assertTrue(notObject.getMessage().contains("element 0: expected an object, found an integer"),
        notObject.getMessage());
    IOException trailing = readError("[] []");
    assertTrue(trailing.getMessage().contains("after the results array"), trailing.getMessage());
  }
}
