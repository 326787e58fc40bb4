package ai.glimpse.evaluation.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The epochs of a training run, as read from {@code RUN/metrics.jsonl} (one JSON object per line
 * with {@code epoch}, {@code loss}, {@code trainAccuracy}, {@code valAccuracy} and, optionally,
 * {@code valLoss}; other fields are ignored).
 *
 * @param epochs the epochs in file order
 */
public record TrainingHistory(List<EpochPoint> epochs) {

  /** The metrics file inside a run directory. */
  public static final String METRICS_FILE = "metrics.jsonl";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Copies the list into an unmodifiable one.
   *
   * @param epochs the epochs in file order
   * @throws NullPointerException if {@code epochs} or one of its elements is null
   */
  public TrainingHistory {
    epochs = List.copyOf(epochs);
  }

  /**
   * Reads {@code metrics.jsonl} from a run directory (or the file itself); blank lines are skipped.
   *
   * @param runOrFile a run directory holding {@value #METRICS_FILE}, or the metrics file itself
   * @return the epochs in file order; empty if the file holds only blank lines
   * @throws IOException naming the file and line when a line is not valid JSON or lacks a field;
   *     {@link NoSuchFileException} when there is no metrics file
   */
  public static TrainingHistory read(Path runOrFile) throws IOException {
    Path file = Files.isDirectory(runOrFile) ? runOrFile.resolve(METRICS_FILE) : runOrFile;
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no training metrics file");
    }
    List<EpochPoint> epochs = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        JsonNode n = MAPPER.readTree(line);
        JsonNode valLoss = n.get("valLoss");
        epochs.add(new EpochPoint(require(n, "epoch").asInt(), require(n, "loss").asDouble(),
            valLoss == null || valLoss.isNull() ? null : valLoss.asDouble(),
            require(n, "trainAccuracy").asDouble(), require(n, "valAccuracy").asDouble()));
      } catch (IOException | IllegalArgumentException e) {
        throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return new TrainingHistory(epochs);
  }

  private static JsonNode require(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException("expected a number \"" + field + "\", found "
          + (v == null ? "none" : v.toString()));
    }
    return v;
  }
}
