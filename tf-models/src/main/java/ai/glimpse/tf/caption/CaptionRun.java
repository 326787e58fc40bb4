package ai.glimpse.tf.caption;

import ai.glimpse.preprocessing.captions.CaptionVocabulary;
import ai.glimpse.preprocessing.io.AtomicFiles;
import ai.glimpse.tf.train.Checkpoint;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The run directory of a captioner: {@code config.json} ({@code {"model": ShowAttendTellConfig,
 * "train": CaptionTrainConfig}}), {@code vocab.json} (the {@link CaptionVocabulary}),
 * {@code metrics.jsonl} (one {@link CaptionEpochMetrics} per line) and
 * {@code checkpoints/last.h5} and {@code checkpoints/best.h5} ({@link Checkpoint}s).
 */
public final class CaptionRun {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private final Path dir;

  /**
   * A run directory at {@code dir}, which need not exist yet. Nothing is read or written here.
   *
   * @param dir the run directory
   * @throws NullPointerException if {@code dir} is null
   */
  public CaptionRun(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  /**
   * Whether {@code dir} looks like a caption run directory (it has a config with a caption model).
   *
   * @param dir the directory to inspect
   * @return true if {@code dir} holds {@code vocab.json} and a readable {@code config.json} with a
   *     {@code "train"} object and a {@code "model"} object that has {@code attentionDim}; false
   *     otherwise, also when the config cannot be read (no exception is thrown)
   */
  public static boolean isCaptionRun(Path dir) {
    Path config = dir.resolve("config.json");
    if (!Files.isRegularFile(config) || !Files.isRegularFile(dir.resolve("vocab.json"))) {
      return false;
    }
    try {
      JsonNode root = MAPPER.readTree(config.toFile());
      return root.has("model") && root.get("model").has("attentionDim") && root.has("train");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Returns the directory.
   *
   * @return the run directory given to the constructor
   */
  public Path dir() {
    return dir;
  }

  /**
   * Returns {@code config.json}.
   *
   * @return {@code dir/config.json}, which may not exist yet
   */
  public Path configFile() {
    return dir.resolve("config.json");
  }

  /**
   * Returns {@code vocab.json}.
   *
   * @return {@code dir/vocab.json}, which may not exist yet
   */
  public Path vocabFile() {
    return dir.resolve("vocab.json");
  }

  /**
   * Returns {@code metrics.jsonl}.
   *
   * @return {@code dir/metrics.jsonl}, which may not exist yet
   */
  public Path metricsFile() {
    return dir.resolve("metrics.jsonl");
  }

  /**
   * Returns {@code checkpoints/last.h5}, the checkpoint of the last completed epoch.
   *
   * @return {@code dir/checkpoints/last.h5}, which may not exist yet
   */
  public Path lastCheckpoint() {
    return dir.resolve("checkpoints").resolve("last.h5");
  }

  /**
   * Returns {@code checkpoints/best.h5}, the checkpoint of the best validation epoch.
   *
   * @return {@code dir/checkpoints/best.h5}, which may not exist yet
   */
  public Path bestCheckpoint() {
    return dir.resolve("checkpoints").resolve("best.h5");
  }

  /**
   * Writes the model and training configurations to {@code config.json}, replacing it atomically
   * (the run directory is created if absent).
   *
   * @param model the captioner's configuration, stored under {@code "model"}
   * @param train the training configuration, stored under {@code "train"}
   * @throws IOException if the directory or the file cannot be written
   */
  public void writeConfig(ShowAttendTellConfig model, CaptionTrainConfig train) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.set("model", MAPPER.valueToTree(model));
    root.set("train", MAPPER.valueToTree(train));
    AtomicFiles.writeString(configFile(), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
  }

  /**
   * Reads the model configuration; errors name the file.
   *
   * @return the validated {@code "model"} part of {@code config.json}
   * @throws IOException if the file is missing ({@link java.nio.file.NoSuchFileException}),
   *     cannot be read, has no {@code "model"} object or an invalid one
   */
  public ShowAttendTellConfig readModelConfig() throws IOException {
    return readPart("model", ShowAttendTellConfig.class);
  }

  /**
   * Reads the training configuration; errors name the file.
   *
   * @return the validated {@code "train"} part of {@code config.json}
   * @throws IOException if the file is missing ({@link java.nio.file.NoSuchFileException}),
   *     cannot be read, has no {@code "train"} object or an invalid one
   */
  public CaptionTrainConfig readTrainConfig() throws IOException {
    return readPart("train", CaptionTrainConfig.class);
  }

  private <T> T readPart(String field, Class<T> type) throws IOException {
    Path file = configFile();
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no caption run config");
    }
    try {
      JsonNode root = MAPPER.readTree(file.toFile());
      JsonNode part = root == null ? null : root.get(field);
      if (part == null) {
        throw new IOException(file + ": no \"" + field + "\" object");
      }
      return MAPPER.treeToValue(part, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IOException(file + ": invalid \"" + field + "\": " + e.getMessage(), e);
    }
  }

  /**
   * Reads {@code vocab.json}.
   *
   * @return the run's vocabulary
   * @throws IOException naming the file if it is missing, cannot be read or is not a valid vocabulary
   */
  public CaptionVocabulary readVocabulary() throws IOException {
    return CaptionVocabulary.read(vocabFile());
  }

  /**
   * Appends one epoch's metrics as a JSON line, creating the directory and the file if needed.
   *
   * @param m the metrics to append
   * @throws IOException if the directory or the file cannot be written
   */
  public void appendMetrics(CaptionEpochMetrics m) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(metricsFile(), MAPPER.writeValueAsString(m) + "\n", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
  }

  /**
   * Reads the metrics of epochs up to {@code lastEpoch}; none if the file is absent.
   *
   * @param lastEpoch the last epoch to keep, inclusive; later lines are skipped
   * @return a new mutable list of the kept metrics in file order; blank lines are skipped
   * @throws IOException if the file cannot be read or a line is not valid metrics (naming the line)
   */
  public List<CaptionEpochMetrics> readMetrics(int lastEpoch) throws IOException {
    List<CaptionEpochMetrics> out = new ArrayList<>();
    if (!Files.exists(metricsFile())) {
      return out;
    }
    List<String> lines = Files.readAllLines(metricsFile(), StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        CaptionEpochMetrics m = MAPPER.readValue(lines.get(i), CaptionEpochMetrics.class);
        if (m.epoch() <= lastEpoch) {
          out.add(m);
        }
      } catch (JsonProcessingException e) {
        throw new IOException(metricsFile() + " line " + (i + 1) + ": " + e.getOriginalMessage(), e);
      }
    }
    return out;
  }

  /**
   * Replaces {@code metrics.jsonl} by {@code metrics}, atomically (used on resume).
   *
   * @param metrics the lines to write, in order; an empty list leaves an empty file
   * @throws IOException if the file cannot be written
   */
  public void rewriteMetrics(List<CaptionEpochMetrics> metrics) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (CaptionEpochMetrics m : metrics) {
      sb.append(MAPPER.writeValueAsString(m)).append('\n');
    }
    AtomicFiles.writeString(metricsFile(), sb.toString());
  }

  /**
   * Opens a {@link CaptionDecoder} on the best checkpoint (or the last, if there is no best); the
   * caller closes it.
   *
   * @return a new open decoder with the checkpoint's weights; the caller closes it
   * @throws IOException if the config, the vocabulary or the checkpoint is missing or unreadable, or
   *     if the checkpoint lacks a parameter of the model or has one of the wrong size (the message
   *     names the checkpoint)
   */
  public CaptionDecoder openDecoder() throws IOException {
    ShowAttendTellConfig config = readModelConfig();
    CaptionVocabulary vocab = readVocabulary();
    Path ckpt = Files.exists(bestCheckpoint()) ? bestCheckpoint() : lastCheckpoint();
    Map<String, float[]> values = Checkpoint.read(ckpt).values();
    try {
      return new CaptionDecoder(new ShowAttendTell(config, vocab.size()), values);
    } catch (IllegalArgumentException e) {
      throw new IOException(ckpt + ": " + e.getMessage(), e);
    }
  }
}
