package ai.glimpse.evaluation.captions;

import ai.glimpse.preprocessing.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
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
import java.util.Objects;

/**
 * Reads and writes COCO caption results files, {@code [{"image_id": int, "caption": str}, ...]},
 * streaming; unknown fields (such as {@code "id"}) are skipped.
 */
public final class CaptionResultsJson {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private CaptionResultsJson() {}

  /**
   * Reads a results file, in file order.
   *
   * @param file the COCO results JSON array; fields other than {@code image_id} and {@code caption} are
   *     ignored
   * @return one result per element, in file order, image ids distinct
   * @throws IOException naming the file and line when the JSON is malformed, a record lacks
   *     {@code image_id} or {@code caption}, or an image id appears twice (both lines)
   */
  public static List<CaptionResult> read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    List<CaptionResult> results = new ArrayList<>();
    Map<Long, Integer> lines = new HashMap<>();
    try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_ARRAY) {
        throw at(file, p, "expected a list of {\"image_id\", \"caption\"} objects at the top level");
      }
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
          throw at(file, p, "expected a result object");
        }
        int line = p.currentTokenLocation().getLineNr();
        Long imageId = null;
        String caption = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken value = p.nextToken();
          switch (name) {
            case "image_id" -> {
              if (value != JsonToken.VALUE_NUMBER_INT) {
                throw at(file, p, "expected an integer for \"image_id\"");
              }
              imageId = p.getLongValue();
            }
            case "caption" -> {
              if (value != JsonToken.VALUE_STRING) {
                throw at(file, p, "expected a string for \"caption\"");
              }
              caption = p.getText();
            }
            default -> p.skipChildren();
          }
        }
        if (imageId == null) {
          throw new IOException(file + " line " + line + ": result " + (results.size() + 1)
              + " has no image_id");
        }
        if (caption == null) {
          throw new IOException(file + " line " + line + ": image_id " + imageId
              + " has no caption");
        }
        Integer previous = lines.putIfAbsent(imageId, line);
        if (previous != null) {
          throw new IOException(file + " line " + line + ": image_id " + imageId
              + " has a second caption (the first is on line " + previous + ")");
        }
        results.add(new CaptionResult(imageId, caption));
      }
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String where = loc == null ? file.toString()
          : file + " line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw new IOException(where + ": malformed JSON: " + e.getOriginalMessage(), e);
    }
    return results;
  }

  /**
   * Writes a results file atomically, one result per line.
   *
   * @param file the JSON file to create or replace; unchanged if writing fails
   * @param results the captions to write, in order; not null
   * @throws IOException if the file cannot be written
   */
  public static void write(Path file, List<CaptionResult> results) throws IOException {
    Objects.requireNonNull(results, "results");
    AtomicFiles.write(file, out -> {
      try (JsonGenerator g = JSON.createGenerator(out)) {
        g.setRootValueSeparator(null);
        g.writeRaw('[');
        for (int i = 0; i < results.size(); i++) {
          g.writeRaw(i == 0 ? "\n" : ",\n");
          g.writeStartObject();
          g.writeNumberField("image_id", results.get(i).imageId());
          g.writeStringField("caption", results.get(i).caption());
          g.writeEndObject();
        }
        g.writeRaw("\n]\n");
      }
    });
  }

  private static IOException at(Path file, JsonParser p, String message) {
    JsonLocation loc = p.currentTokenLocation();
    return new IOException(file + " line " + loc.getLineNr() + ", column " + loc.getColumnNr()
        + ": " + message);
  }
}
