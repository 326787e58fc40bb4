package ai.glimpse.evaluation.report;

import ai.glimpse.evaluation.metrics.VqaResult;
import ai.glimpse.preprocessing.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes the official VQA results format, a JSON array
 * {@code [{"question_id": int, "answer": str}, ...]}; other fields of an element are ignored.
 */
public final class EvalResultsJson {

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();

  private EvalResultsJson() {}

  /**
   * Reads a results file; if a field repeats inside an element the last value wins, as with
   * Python's {@code json.load}.
   *
   * @param file the results JSON file
   * @return the results in file order; duplicates are kept
   * @throws IOException if the file cannot be read, is not valid JSON, or an element is not an
   *     object with an integer {@code question_id} and a string {@code answer}; the message names
   *     the file, the element index and the line and column
   */
  public static List<VqaResult> read(Path file) throws IOException {
    List<VqaResult> results = new ArrayList<>();
    try (JsonParser p = FACTORY.createParser(file.toFile())) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_ARRAY) {
        throw error(file, p.currentTokenLocation(),
            "expected a JSON array of {\"question_id\", \"answer\"} objects, found " + describe(t));
      }
      int index = 0;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        JsonLocation start = p.currentTokenLocation();
        String element = "element " + index;
        if (t != JsonToken.START_OBJECT) {
          throw error(file, start, element + ": expected an object, found " + describe(t));
        }
        Long questionId = null;
        String answer = null;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          t = p.nextToken();
          if ("question_id".equals(name)) {
            if (t != JsonToken.VALUE_NUMBER_INT
                || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
              throw error(file, p.currentTokenLocation(),
                  element + ": \"question_id\" must be an integer, found " + describe(t, p));
            }
            questionId = p.getLongValue();
          } else if ("answer".equals(name)) {
            if (t != JsonToken.VALUE_STRING) {
              throw error(file, p.currentTokenLocation(),
                  element + ": \"answer\" must be a string, found " + describe(t, p));
            }
            answer = p.getText();
          } else {
            p.skipChildren();
          }
        }
        if (questionId == null) {
          throw error(file, start, element + ": missing \"question_id\"");
        }
        if (answer == null) {
          throw error(file, start, element + " (question_id " + questionId + "): missing \"answer\"");
        }
        results.add(new VqaResult(questionId, answer));
        index++;
      }
      if ((t = p.nextToken()) != null) {
        throw error(file, p.currentTokenLocation(),
            "unexpected " + describe(t) + " after the results array");
      }
    } catch (JsonProcessingException e) {
      throw error(file, e.getLocation(), "malformed JSON: " + e.getOriginalMessage(), e);
    }
    return results;
  }

  /**
   * Writes results in the official format, atomically; answers are written as given.
   *
   * @param results the results to write, in order; not null
   * @param file the JSON file to create or replace; unchanged if writing fails
   * @throws IOException if the file cannot be written
   */
  public static void write(List<VqaResult> results, Path file) throws IOException {
    Objects.requireNonNull(results, "results");
    AtomicFiles.write(file, out -> {
      try (JsonGenerator g = FACTORY.createGenerator(out)) {
        g.writeStartArray();
        for (VqaResult r : results) {
          g.writeStartObject();
          g.writeNumberField("question_id", r.questionId());
          g.writeStringField("answer", r.answer());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
    });
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "end of input";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a float";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.toString();
    };
  }

  private static String describe(JsonToken t, JsonParser p) throws IOException {
    if (t == null || !t.isScalarValue() || t == JsonToken.VALUE_NULL) {
      return describe(t);
    }
    String text = p.getText();
    return describe(t) + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
  }

  private static IOException error(Path file, JsonLocation loc, String message) {
    return error(file, loc, message, null);
  }

  private static IOException error(Path file, JsonLocation loc, String message, Throwable cause) {
    String where = loc == null || loc.getLineNr() < 0 ? ""
        : " line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    return new IOException(file + where + ": " + message, cause);
  }
}
