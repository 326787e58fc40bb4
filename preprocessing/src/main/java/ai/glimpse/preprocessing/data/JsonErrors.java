package ai.glimpse.preprocessing.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;

/** Error messages of the streaming JSON readers: where in the file, and what was found. */
public final class JsonErrors {
  private JsonErrors() {}

  /** An error at the parser's current token: {@code FILE line L, column C: message}. */
  public static IOException at(Path file, JsonParser p, String message) {
    JsonLocation at = p.currentTokenLocation();
    return new IOException(
        file + " line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + message);
  }

  /**
   * A Jackson syntax error as {@code FILE line L, column C: malformed JSON: ...}; Jackson's own
   * message embeds a source description, so only what was expected and found is kept.
   */
  public static IOException malformed(Path file, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? file.toString()
        : file + " line " + at.getLineNr() + ", column " + at.getColumnNr();
    return new IOException(where + ": malformed JSON: " + e.getOriginalMessage(), e);
  }

  /** Names a token in words ("a list", "an integer", "the end of the input"). */
  public static String describe(JsonToken t) {
    if (t == null) {
      return "the end of the input";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "a list";
      case END_OBJECT -> "the end of an object";
      case END_ARRAY -> "the end of a list";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a decimal number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.toString();
    };
  }
}
