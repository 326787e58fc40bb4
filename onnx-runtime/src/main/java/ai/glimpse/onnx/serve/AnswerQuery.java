package ai.glimpse.onnx.serve;

import ai.glimpse.preprocessing.text.Vocabulary;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * One validated question of a {@code /v1/answer} request: JSON
 * {@code {"question": "...", "image": "<base64 PNG or JPEG>"}} or
 * {@code {"question": "...", "image_id": 42}}, with optional {@code "top_k"} (1 .. the answer
 * count) and {@code "attention"} (boolean).
 *
 * @param question the question text
 * @param image the decoded image bytes, or null when {@code imageId} is given
 * @param imageId the image's id in the feature store, or null when {@code image} is given
 * @param topK the number of answers to return
 * @param attention whether to return the attention maps
 */
public record AnswerQuery(String question, byte[] image, Long imageId, int topK, boolean attention) {
  /** The fields a query may have. */
  public static final List<String> FIELDS = List.of("question", "image", "image_id", "top_k", "attention");
  /** The number of answers returned when {@code top_k} is absent (fewer if the model has fewer). */
  public static final int DEFAULT_TOP_K = 3;

  /**
   * Validates that exactly one image source is present and {@code topK} is positive.
   *
   * @param question the question text
   * @param image the decoded image bytes, or null when {@code imageId} is given
   * @param imageId the image's id in the feature store, or null when {@code image} is given
   * @param topK the number of answers to return
   * @param attention whether to return the attention maps
   * @throws IllegalArgumentException if both or neither of {@code image} and {@code imageId} are given, or
   *     {@code topK} is below 1
   * @throws NullPointerException if {@code question} is null
   */
  public AnswerQuery {
    Objects.requireNonNull(question, "question");
    if ((image == null) == (imageId == null)) {
      throw new IllegalArgumentException("exactly one of image and imageId must be given");
    }
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be >= 1, got " + topK);
    }
  }

  /** The limits and model facts a query is checked against. */
  record Limits(int maxQuestionChars, Vocabulary vocabulary, int answers, boolean hasAttention) {}

  /**
   * Validates one JSON query; {@code prefix} (e.g. {@code "queries[2]."}) goes before field names
   * in errors.
   *
   * @throws RequestException 400 naming the field and value when the query is malformed
   */
  static AnswerQuery parse(JsonNode node, String prefix, Limits limits) {
    if (node == null || !node.isObject()) {
      String where = prefix.isEmpty() ? "the request body" : prefix.substring(0, prefix.length() - 1);
      throw bad(where + " must be a JSON object, got " + describe(node));
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw bad("unknown field '" + prefix + name + "'; a query has the fields " + FIELDS);
      }
    }
    String question = question(node.get("question"), prefix + "question", limits);
    JsonNode image = node.get("image");
    JsonNode imageId = node.get("image_id");
    if (image != null && imageId != null) {
      throw bad("give either '" + prefix + "image' or '" + prefix + "image_id', not both");
    }
    if (image == null && imageId == null) {
      throw bad("missing field '" + prefix + "image' (base64 PNG or JPEG) or '" + prefix
          + "image_id' (an id in the server's feature store)");
    }
    byte[] bytes = image == null ? null : base64(image, prefix + "image");
    Long id = imageId == null ? null : imageId(imageId, prefix + "image_id");
    int topK = topK(node.get("top_k"), prefix + "top_k", limits.answers());
    boolean attention = false;
    JsonNode att = node.get("attention");
    if (att != null) {
      if (!att.isBoolean()) {
        throw bad("field '" + prefix + "attention' must be true or false, got " + describe(att));
      }
      attention = att.booleanValue();
      if (attention && !limits.hasAttention()) {
        throw bad("field '" + prefix + "attention' is true but the model has no attention output");
      }
    }
    return new AnswerQuery(question, bytes, id, topK, attention);
  }

  private static String question(JsonNode q, String field, Limits limits) {
    if (q == null) {
      throw bad("missing field '" + field + "' (a string)");
    }
    if (!q.isTextual()) {
      throw bad("field '" + field + "' must be a string, got " + describe(q));
    }
    String text = q.textValue();
    if (text.isBlank()) {
      throw bad("field '" + field + "' is empty");
    }
    if (text.length() > limits.maxQuestionChars()) {
      throw bad("field '" + field + "' has " + text.length() + " characters; the limit is "
          + limits.maxQuestionChars());
    }
    int words = limits.vocabulary().length(text);
    int max = limits.vocabulary().config().maxLength();
    if (words == 0) {
      throw bad("field '" + field + "' has no words: \"" + text + "\"");
    }
    if (words > max) {
      throw bad("field '" + field + "' has " + words + " words; the model takes at most " + max);
    }
    return text;
  }

  private static byte[] base64(JsonNode image, String field) {
    if (!image.isTextual()) {
      throw bad("field '" + field + "' must be a base64 string, got " + describe(image));
    }
    String text = image.textValue().strip();
    if (text.isEmpty()) {
      throw bad("field '" + field + "' is empty; expected a base64 PNG or JPEG");
    }
    int comma = text.startsWith("data:") ? text.indexOf(',') : -1;
    if (comma >= 0) {
      text = text.substring(comma + 1);
    }
    try {
      return Base64.getMimeDecoder().decode(checkAlphabet(text, field));
    } catch (IllegalArgumentException e) {
      throw bad("field '" + field + "' is not valid base64: " + e.getMessage());
    }
  }

  // The MIME decoder skips characters outside the alphabet; refuse them instead of guessing.
  private static String checkAlphabet(String text, String field) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/' || c == '=' || c == '-' || c == '_' || c == '\r' || c == '\n';
      if (!ok) {
        throw bad("field '" + field + "' is not valid base64: illegal character '" + c + "' at index " + i);
      }
    }
    return text.replace('-', '+').replace('_', '/');
  }

  private static Long imageId(JsonNode id, String field) {
    if (!id.isIntegralNumber() || !id.canConvertToLong()) {
      throw bad("field '" + field + "' must be an integer, got " + describe(id));
    }
    long value = id.longValue();
    if (value < 0) {
      throw bad("field '" + field + "' must be >= 0, got " + value);
    }
    return value;
  }

  private static int topK(JsonNode k, String field, int answers) {
    int dflt = Math.min(DEFAULT_TOP_K, answers);
    if (k == null) {
      return dflt;
    }
    if (!k.isIntegralNumber()) {
      throw bad("field '" + field + "' must be an integer between 1 and " + answers + ", got " + describe(k));
    }
    if (!k.canConvertToInt() || k.intValue() < 1 || k.intValue() > answers) {
      throw bad("field '" + field + "' must be between 1 and " + answers + " (the model's answer count), got "
          + k.asText());
    }
    return k.intValue();
  }

  /** Describes a JSON value for an error message: its type and a short rendering. */
  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    String type = switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
    if (node.isNull() || node.isContainerNode()) {
      return type;
    }
    String text = node.toString();
    return type + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
  }

  private static RequestException bad(String message) {
    return new RequestException(400, message);
  }
}
