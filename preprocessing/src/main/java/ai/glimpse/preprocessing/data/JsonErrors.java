package ai.glimpse.preprocessing.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;

/** Checks and error messages of the streaming JSON readers: where in the file, and what was found. */
public final class JsonErrors {
  private JsonErrors() {}

  /**
   * An error at the parser's current token: {@code FILE line L, column C: message}.
   *
   * @param file the file being read, named in the message
   * @param p the parser, standing on the offending token
   * @param message what is wrong, without the location
   * @return the exception, for the caller to throw
   */
  public static IOException at(Path file, JsonParser p, String message) {
    JsonLocation at = p.currentTokenLocation();
    return new IOException(
        file + " line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + message);
  }

  /**
   * A Jackson syntax error as {@code FILE line L, column C: malformed JSON: ...}; Jackson's own
   * message embeds a source description, so only what was expected and found is kept.
   *
   * @param file the file being read, named in the message
   * @param e Jackson's exception; it becomes the cause, and its location (if any) is reported
   * @return the exception, for the caller to throw
   */
  public static IOException malformed(Path file, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? file.toString()
        : file + " line " + at.getLineNr() + ", column " + at.getColumnNr();
    return new IOException(where + ": malformed JSON: " + e.getOriginalMessage(), e);
  }

  /**
   * Names a token in words ("a list", "an integer", "the end of the input").
   *
   * @param t the token, or {@code null} at the end of the input
   * @return the phrase, with its article, for an error message
   */
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

  /**
   * Checks that the parser stands on the start of a record object and returns its line.
   *
   * @param file the file being read, named in the message
   * @param p the parser, expected on a {@code START_OBJECT} token
   * @param what the record's name for the message, e.g. {@code annotation}; not empty
   * @return the 1-based line of the record's opening brace
   * @throws IOException if the current token is not the start of an object; the message names the
   *     file, line and column and what was found
   */
  public static int recordStart(Path file, JsonParser p, String what) throws IOException {
    JsonToken t = p.currentToken();
    if (t != JsonToken.START_OBJECT) {
      String article = "aeiou".indexOf(Character.toLowerCase(what.charAt(0))) >= 0 ? "an " : "a ";
      throw at(file, p, "expected " + article + what + " object, found " + describe(t));
    }
    return p.currentTokenLocation().getLineNr();
  }

  /**
   * Returns the integer the parser stands on, or fails naming {@code field} and what was found.
   *
   * @param file the file being read, named in the message
   * @param p the parser, standing on the field's value
   * @param field the JSON field name, for the message
   * @return the value as a {@code long}
   * @throws IOException if the value is not a JSON integer (a decimal number, string or null is
   *     rejected); the message names the file, line, column and the field
   */
  public static long longValue(Path file, JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw at(file, p, "expected an integer for \"" + field + "\", found " + describe(p.currentToken()));
    }
    return p.getLongValue();
  }

  /**
   * Returns the string the parser stands on, or fails naming {@code field} and what was found.
   *
   * @param file the file being read, named in the message
   * @param p the parser, standing on the field's value
   * @param field the JSON field name, for the message
   * @return the string value (may be empty)
   * @throws IOException if the value is not a JSON string (null is rejected); the message names the
   *     file, line, column and the field
   */
  public static String stringValue(Path file, JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw at(file, p, "expected a string for \"" + field + "\", found " + describe(p.currentToken()));
    }
    return p.getText();
  }
}
