package ai.glimpse.tf.train;

import ai.glimpse.preprocessing.answers.AnswerVocabulary;
import ai.glimpse.preprocessing.io.AtomicFiles;
import ai.glimpse.preprocessing.prepare.PreparedDataset;
import ai.glimpse.preprocessing.text.Vocabulary;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout of a run directory:
 *
 * <pre>
 * RUN/config.json          the {@link RunConfig}
 * RUN/vocab.json, answers.json   copies from the prepared data, so the run exports on its own
 * RUN/metrics.jsonl        one {@link EpochMetrics} per line
 * RUN/checkpoints/last.h5  the latest {@link Checkpoint}, from which a killed run resumes
 * RUN/best/checkpoint.h5   the checkpoint with the best validation accuracy
 * </pre>
 */
public final class RunDirectory {
  /** The JSON mapper of run files. */
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .findAndRegisterModules();
  /** One JSON object per line, for {@code metrics.jsonl}. */
  private static final ObjectMapper JSON_LINES = new ObjectMapper();

  private final Path dir;

  /**
   * Wraps a run directory (which may not exist yet).
   *
   * @param dir the run directory, made absolute; nothing is created or read
   */
  public RunDirectory(Path dir) {
    this.dir = dir.toAbsolutePath();
  }

  /**
   * Returns the directory.
   *
   * @return the absolute path of the run directory
   */
  public Path dir() {
    return dir;
  }

  /**
   * Returns {@code RUN/config.json}.
   *
   * @return the path of the run's {@link RunConfig}; the file may not exist
   */
  public Path configFile() {
    return dir.resolve("config.json");
  }

  /**
   * Returns {@code RUN/metrics.jsonl}.
   *
   * @return the path of the metrics file; the file may not exist
   */
  public Path metricsFile() {
    return dir.resolve("metrics.jsonl");
  }

  /**
   * Returns {@code RUN/checkpoints/last.h5}.
   *
   * @return the path of the latest checkpoint; the file may not exist
   */
  public Path lastCheckpoint() {
    return dir.resolve("checkpoints").resolve("last.h5");
  }

  /**
   * Returns {@code RUN/checkpoints/best-epoch-NNN.h5}, a kept checkpoint of one of the best epochs.
   *
   * @param epoch the epoch number, zero-padded to three digits ({@code best-epoch-007.h5})
   * @return the path; the file exists only while that epoch is among the kept best
   */
  public Path bestCheckpoint(int epoch) {
    return dir.resolve("checkpoints").resolve(String.format(java.util.Locale.ROOT, "best-epoch-%03d.h5", epoch));
  }

  /**
   * Returns {@code RUN/best/checkpoint.h5}, the checkpoint of the best epoch so far.
   *
   * @return the path that {@link TrainedModel#load(Path)} loads; the file may not exist
   */
  public Path bestCheckpoint() {
    return dir.resolve("best").resolve("checkpoint.h5");
  }

  /**
   * Returns {@code RUN/vocab.json}.
   *
   * @return the path of the run's copy of the question vocabulary
   */
  public Path vocabFile() {
    return dir.resolve(PreparedDataset.VOCAB_FILE);
  }

  /**
   * Returns {@code RUN/answers.json}.
   *
   * @return the path of the run's copy of the answer vocabulary
   */
  public Path answersFile() {
    return dir.resolve(PreparedDataset.ANSWERS_FILE);
  }

  /**
   * Writes the config and copies the vocabularies of {@code data} into the run. Each file is
   * written through a temporary file; existing files are replaced.
   *
   * @param config the run's configuration, written to {@code config.json}
   * @param data the prepared data whose question and answer vocabularies are copied
   * @throws IOException if the directory cannot be created or a file cannot be written
   */
  public void initialize(RunConfig config, PreparedDataset data) throws IOException {
    Files.createDirectories(dir);
    AtomicFiles.write(configFile(), out -> JSON.writeValue(out, config));
    AtomicFiles.write(vocabFile(), out -> JSON.writeValue(out,
        new PreparedDataset.VocabFile(data.vocabulary().config(), data.vocabulary().tokens())));
    AtomicFiles.write(answersFile(), out -> JSON.writeValue(out,
        new PreparedDataset.AnswersFile(data.answers().answers())));
  }

  /**
   * Reads {@code config.json}; errors name the file.
   *
   * @return the run's configuration
   * @throws IOException if the file does not exist ({@link NoSuchFileException}; the directory is
   *     probably not a run), cannot be read, or is malformed (the message gives the line)
   */
  public RunConfig readConfig() throws IOException {
    RunConfig config = read(configFile(), RunConfig.class, "run config (is this a glimpse train output directory?)");
    config.formatVersion().requireReadableFile(RunConfig.FORMAT_VERSION, configFile());
    return config;
  }

  /**
   * Reads the run's question vocabulary.
   *
   * @return the vocabulary of {@code vocab.json}, with its tokenizer configuration
   * @throws IOException if the file does not exist, cannot be read, or is malformed; the message
   *     names the file
   */
  public Vocabulary readVocabulary() throws IOException {
    PreparedDataset.VocabFile v = read(vocabFile(), PreparedDataset.VocabFile.class, "vocabulary");
    return new Vocabulary(v.tokens(), v.tokenizer());
  }

  /**
   * Reads the run's answer vocabulary.
   *
   * @return the answers of {@code answers.json}, in index order
   * @throws IOException if the file does not exist, cannot be read, or is malformed; the message
   *     names the file
   */
  public AnswerVocabulary readAnswers() throws IOException {
    return new AnswerVocabulary(read(answersFile(), PreparedDataset.AnswersFile.class, "answers").answers());
  }

  private static <T> T read(Path file, Class<T> type, String what) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, what + " not found");
    }
    try {
      return JSON.readValue(file.toFile(), type);
    } catch (JsonProcessingException e) {
      throw new IOException(file + ": malformed " + what + " at line " + e.getLocation().getLineNr()
          + ": " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Appends one epoch's metrics to {@code metrics.jsonl}.
   *
   * @param m the epoch's metrics, written as one JSON line
   * @throws IOException if the file cannot be created or written; the run directory must exist
   */
  public void appendMetrics(EpochMetrics m) throws IOException {
    String line = JSON_LINES.writeValueAsString(m) + "\n";
    Files.writeString(metricsFile(), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /**
   * Reads {@code metrics.jsonl}, keeping the epochs up to {@code lastEpoch}.
   *
   * @param lastEpoch the last epoch to keep, e.g. the epoch of the checkpoint a run resumes from
   * @return the metrics in file order, without lines of later epochs; empty when the file does not
   *     exist
   * @throws IOException if the file cannot be read or a line is malformed; the message names the
   *     file and the line
   */
  public List<EpochMetrics> readMetrics(int lastEpoch) throws IOException {
    List<EpochMetrics> out = new ArrayList<>();
    if (!Files.exists(metricsFile())) {
      return out;
    }
    int lineNo = 0;
    for (String line : Files.readAllLines(metricsFile())) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      try {
        EpochMetrics m = JSON.readValue(line, EpochMetrics.class);
        if (m.epoch() <= lastEpoch) {
          out.add(m);
        }
      } catch (JsonProcessingException e) {
        throw new IOException(metricsFile() + " line " + lineNo + ": malformed metrics: "
            + e.getOriginalMessage(), e);
      }
    }
    return out;
  }

  /**
   * Rewrites {@code metrics.jsonl} with exactly {@code metrics} (used when resuming).
   *
   * @param metrics the lines to keep, in order; an empty list leaves an empty file
   * @throws IOException if the file cannot be written; it is replaced through a temporary file, so
   *     the old content stays on failure
   */
  public void rewriteMetrics(List<EpochMetrics> metrics) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (EpochMetrics m : metrics) {
      sb.append(JSON_LINES.writeValueAsString(m)).append('\n');
    }
    AtomicFiles.writeString(metricsFile(), sb.toString());
  }
}
