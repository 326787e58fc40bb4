package ai.glimpse.evaluation.report;

import ai.glimpse.evaluation.metrics.VqaResult;
import ai.glimpse.preprocessing.data.GqaSplit;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads predictions in GQA's official format, {@code [{"questionId": "02930152", "prediction":
 * "yes"}, ...]}, streaming, and maps GQA's string question ids to the split's {@code long} ids.
 */
public final class GqaPredictionsJson {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private GqaPredictionsJson() {}

  /**
   * Reads {@code file} against the questions of {@code split}.
   *
   * @param file the predictions JSON array; numeric question ids are accepted as their text
   * @param split the GQA split whose question ids the predictions must name
   * @return one result per prediction, in file order, keyed by the split's {@code long} question ids
   * @throws IOException naming the file, the line and the question id for malformed JSON, a record
   *     without {@code questionId} or {@code prediction}, or a question id the split does not have
   */
  public static List<VqaResult> read(Path file, GqaSplit split) throws IOException {
    Map<String, Long> ids = new HashMap<>(split.questionIds().size() * 2);
    split.questionIds().forEach((id, gqa) -> ids.put(gqa, id));
    List<VqaResult> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException(file + ": expected a JSON array of {\"questionId\", \"prediction\"}");
      }
      while (p.nextToken() == JsonToken.START_OBJECT) {
        int line = p.currentTokenLocation().getLineNr();
        String questionId = null;
        String prediction = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken value = p.nextToken();
          switch (name) {
            case "questionId" -> questionId = value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT
                ? p.getText() : null;
            case "prediction" -> prediction = value == JsonToken.VALUE_STRING ? p.getText() : null;
            default -> p.skipChildren();
          }
        }
        if (questionId == null || prediction == null) {
          throw new IOException(file + ":" + line + ": a record needs a string \"questionId\" and \"prediction\""
              + (questionId == null ? "" : " (questionId " + questionId + ")"));
        }
        Long id = ids.get(questionId);
        if (id == null) {
          throw new IOException(file + ":" + line + ": questionId \"" + questionId
              + "\" is not a question of the GQA file");
        }
        out.add(new VqaResult(id, prediction));
      }
      if (p.currentToken() != JsonToken.END_ARRAY) {
        throw new IOException(file + ": expected a prediction object or the end of the array at line "
            + p.currentTokenLocation().getLineNr());
      }
    } catch (JsonProcessingException e) {
      throw new IOException(file + ": malformed JSON at line " + e.getLocation().getLineNr() + ": "
          + e.getOriginalMessage(), e);
    }
    return out;
  }
}
