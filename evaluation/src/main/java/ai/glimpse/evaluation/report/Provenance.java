package ai.glimpse.evaluation.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an evaluation's numbers come from: the model file and its hash, the hash of the data, the
 * configuration and the time of the evaluation.
 *
 * @param modelFile the evaluated model file, as given by the caller (e.g. {@code model.onnx})
 * @param modelSha256 SHA-256 of the model file, 64 lowercase hex digits
 * @param dataSha256 SHA-256 of the evaluation data, 64 lowercase hex digits
 * @param config the run's configuration, a JSON object
 * @param createdAt when the report was made, ISO-8601 with offset (e.g.
 *     {@code 2024-05-01T12:00:00Z})
 */
@JsonPropertyOrder({"modelFile", "modelSha256", "dataSha256", "config", "createdAt"})
public record Provenance(
    String modelFile, String modelSha256, String dataSha256, JsonNode config, String createdAt) {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /**
   * Validates the fields; the hashes are lowercased.
   *
   * @param modelFile the evaluated model file, as given by the caller (e.g. {@code model.onnx})
   * @param modelSha256 SHA-256 of the model file, 64 lowercase hex digits
   * @param dataSha256 SHA-256 of the evaluation data, 64 lowercase hex digits
   * @param config the run's configuration, a JSON object
   * @param createdAt when the report was made, ISO-8601 with offset (e.g. {@code 2024-05-01T12:00:00Z})
   * @throws IllegalArgumentException if a hash is not 64 hex digits, {@code config} is not a JSON object,
   *     or {@code createdAt} is not ISO-8601 with an offset
   * @throws NullPointerException if any field is null
   */
  public Provenance {
    Objects.requireNonNull(modelFile, "modelFile");
    modelSha256 = checkSha256("modelSha256", modelSha256);
    dataSha256 = checkSha256("dataSha256", dataSha256);
    Objects.requireNonNull(config, "config");
    if (!config.isObject()) {
      throw new IllegalArgumentException("config must be a JSON object, got " + config.getNodeType());
    }
    Objects.requireNonNull(createdAt, "createdAt");
    try {
      DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(createdAt);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "createdAt must be ISO-8601 with an offset (e.g. 2024-05-01T12:00:00Z), got '"
              + createdAt + "'", e);
    }
  }

  /**
   * Creates a provenance stamped with {@code createdAt} (pass the clock's instant in).
   *
   * @param modelFile the evaluated model file, as given by the caller; not null
   * @param modelSha256 SHA-256 of the model file, 64 hex digits in either case (stored lowercased)
   * @param dataSha256 SHA-256 of the evaluation data, 64 hex digits in either case (stored lowercased)
   * @param config the run's configuration; must be a JSON object
   * @param createdAt when the report was made; written as UTC ISO-8601 (e.g. {@code 2024-05-01T12:00:00Z})
   * @return the validated provenance
   * @throws IllegalArgumentException if a hash is not 64 hex digits or {@code config} is not an object
   */
  public static Provenance of(
      String modelFile, String modelSha256, String dataSha256, JsonNode config, Instant createdAt) {
    return new Provenance(modelFile, modelSha256, dataSha256, config, createdAt.toString());
  }

  /**
   * Returns the SHA-256 of a file's bytes as 64 lowercase hex digits. The file is streamed, not
   * loaded into memory.
   *
   * @param file the file to hash
   * @return the digest, 64 lowercase hex digits
   * @throws IOException if the file cannot be opened or read
   */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String checkSha256(String name, String value) {
    Objects.requireNonNull(value, name);
    String lower = value.toLowerCase(Locale.ROOT);
    if (!SHA256.matcher(lower).matches()) {
      throw new IllegalArgumentException(name + " must be 64 hex digits, got '" + value + "'");
    }
    return lower;
  }
}
