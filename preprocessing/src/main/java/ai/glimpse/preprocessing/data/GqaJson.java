package ai.glimpse.preprocessing.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a GQA questions file (e.g. {@code train_balanced_questions.json}) into the project's
 * {@link Question} and {@link Annotation} records, streaming record by record so that files of
 * hundreds of megabytes never become one in-memory tree.
 *
 * <p>The file is one JSON object keyed by question id:
 * {@code {"02930152": {"imageId": "n161313", "question": "...", "answer": "...", "types":
 * {"structural": "query", "semantic": "attr", "detailed": "..."}, ...}, ...}}; fields other than
 * {@code imageId}, {@code question}, {@code answer} and {@code types} are skipped. String ids
 * become {@code long}s through {@link GqaIds}, and the returned {@link GqaSplit} keeps the tables
 * to map them back.
 *
 * <p>Each annotation has the question type and answer type of {@link GqaTypes}, the answer as
 * {@code multiple_choice_answer}, and that answer {@value #ANSWERS_PER_QUESTION} times as the human
 * answers, so that VQA accuracy (min(matches / 3, 1)) equals exact-match accuracy on GQA.
 *
 * <p>Every problem is an {@link IOException} that names the file and the line (and column, for
 * malformed JSON), and the question id when a record is at fault, e.g. {@code
 * train_balanced_questions.json line 412: question "02930152" has no "answer"}.
 */
public final class GqaJson {
  /** The number of copies of the GQA answer in each annotation, as VQA v2 has ten answers. */
  public static final int ANSWERS_PER_QUESTION = 10;

  private static final Logger LOG = LoggerFactory.getLogger(GqaJson.class);

  /** Immutable once built and safe to share between threads. */
  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** Whether a file's records must carry answers. */
  public enum AnswerMode {
    /** Every record must have an {@code answer}; the split has one annotation per question. */
    REQUIRED,
    /**
     * Answers are not read (GQA's test and submission files have none); the split has questions
     * only and no annotations.
     */
    QUESTIONS_ONLY
  }

  private GqaJson() {}

  /**
   * Reads a GQA questions file whose records all have answers.
   *
   * @param file the JSON file; opened and closed here
   * @return the split, with one annotation per question
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   * @throws IOException if the JSON is malformed or a record lacks {@code imageId},
   *     {@code question} or {@code answer}; the message names the file, the line and the question id
   */
  public static GqaSplit read(Path file) throws IOException {
    return read(file, AnswerMode.REQUIRED);
  }

  /**
   * Reads a GQA questions file.
   *
   * @param file the JSON file; opened and closed here
   * @param mode {@link AnswerMode#QUESTIONS_ONLY} for files without answers
   * @return the split; without annotations for {@link AnswerMode#QUESTIONS_ONLY}
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   * @throws IOException if the JSON is malformed, a record lacks a required field, or two records
   *     have the same question id; the message names the file, the line and the question id
   */
  public static GqaSplit read(Path file, AnswerMode mode) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(mode, "mode");
    Reader reader = new Reader(file, mode);
    try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
      reader.readAll(p);
    } catch (JsonProcessingException e) {
      throw JsonErrors.malformed(file, e);
    }
    GqaSplit split = new GqaSplit(reader.questions, reader.annotations,
        reader.questionIds.names(), reader.imageIds.names(), reader.typesById);
    LOG.info("read {} GQA questions over {} images from {}{}", split.questions().size(),
        split.imageIds().size(), file, split.hasAnswers() ? "" : " (questions only)");
    return split;
  }

  /** Walks the token stream of one file and collects its records. */
  private static final class Reader {
    private final Path file;
    private final AnswerMode mode;
    private final List<Question> questions = new ArrayList<>();
    private final List<Annotation> annotations = new ArrayList<>();
    private final Map<Long, GqaTypes> typesById = new HashMap<>();
    private final GqaIds questionIds = new GqaIds("question id");
    private final GqaIds imageIds = new GqaIds("image id");
    private JsonParser p;

    Reader(Path file, AnswerMode mode) {
      this.file = file;
      this.mode = mode;
    }

    void readAll(JsonParser parser) throws IOException {
      this.p = parser;
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw error("expected a JSON object keyed by question id at the top level, found "
            + JsonErrors.describe(first));
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String gqaQuestionId = p.currentName();
        JsonToken value = p.nextToken();
        if (value != JsonToken.START_OBJECT) {
          throw error("question \"" + gqaQuestionId + "\": expected an object, found "
              + JsonErrors.describe(value));
        }
        readRecord(gqaQuestionId);
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw error("expected a question id, found " + JsonErrors.describe(p.currentToken()));
      }
    }

    private void readRecord(String gqaQuestionId) throws IOException {
      int line = p.currentTokenLocation().getLineNr();
      String imageId = null;
      String question = null;
      String answer = null;
      GqaTypes types = GqaTypes.none();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "imageId" -> imageId = readId(gqaQuestionId, name);
          case "question" -> question = readString(gqaQuestionId, name);
          case "answer" -> answer = mode == AnswerMode.REQUIRED ? readString(gqaQuestionId, name)
              : skip();
          case "types" -> types = readTypes(gqaQuestionId);
          default -> p.skipChildren();
        }
      }
      require(imageId, "imageId", line, gqaQuestionId);
      require(question, "question", line, gqaQuestionId);
      if (mode == AnswerMode.REQUIRED) {
        require(answer, "answer", line, gqaQuestionId);
      }
      long questionId = registerQuestion(gqaQuestionId, line);
      long image = register(imageIds, imageId, line, gqaQuestionId);
      questions.add(new Question(questionId, image, question));
      typesById.put(questionId, types);
      if (mode == AnswerMode.REQUIRED) {
        annotations.add(new Annotation(questionId, image, types.questionType(),
            types.answerType(), answer, Collections.nCopies(ANSWERS_PER_QUESTION, answer)));
      }
    }

    private GqaTypes readTypes(String gqaQuestionId) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NULL) {
        return GqaTypes.none();
      }
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw error("question \"" + gqaQuestionId + "\": expected an object for \"types\", found "
            + JsonErrors.describe(p.currentToken()));
      }
      String structural = null;
      String semantic = null;
      String detailed = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "structural" -> structural = readString(gqaQuestionId, "types." + name);
          case "semantic" -> semantic = readString(gqaQuestionId, "types." + name);
          case "detailed" -> detailed = readString(gqaQuestionId, "types." + name);
          default -> p.skipChildren();
        }
      }
      return new GqaTypes(structural, semantic, detailed);
    }

    private long registerQuestion(String gqaQuestionId, int line) throws IOException {
      long id;
      try {
        id = GqaIds.toLong(gqaQuestionId);
      } catch (IllegalArgumentException e) {
        throw new IOException(file + " line " + line + ": " + e.getMessage(), e);
      }
      if (questionIds.contains(id) && questionIds.name(id).equals(gqaQuestionId)) {
        throw new IOException(file + " line " + line + ": question \"" + gqaQuestionId
            + "\" appears twice");
      }
      return register(questionIds, gqaQuestionId, line, gqaQuestionId);
    }

    private long register(GqaIds table, String gqaId, int line, String gqaQuestionId)
        throws IOException {
      try {
        return table.register(gqaId);
      } catch (IllegalArgumentException e) {
        throw new IOException(file + " line " + line + ": question \"" + gqaQuestionId + "\": "
            + e.getMessage(), e);
      }
    }

    /** Reads an id given as a string or, leniently, as an integer; null counts as missing. */
    private String readId(String gqaQuestionId, String field) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NUMBER_INT) {
        return p.getText();
      }
      return readString(gqaQuestionId, field);
    }

    /** Reads a string; null counts as missing. */
    private String readString(String gqaQuestionId, String field) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NULL) {
        return null;
      }
      if (t != JsonToken.VALUE_STRING) {
        throw error("question \"" + gqaQuestionId + "\": expected a string for \"" + field
            + "\", found " + JsonErrors.describe(t));
      }
      return p.getText();
    }

    private String skip() throws IOException {
      p.skipChildren();
      return null;
    }

    private void require(String value, String field, int line, String gqaQuestionId)
        throws IOException {
      if (value == null) {
        throw new IOException(file + " line " + line + ": question \"" + gqaQuestionId
            + "\" has no \"" + field + "\"");
      }
      if (value.isEmpty() && !field.equals("answer") && !field.equals("question")) {
        throw new IOException(file + " line " + line + ": question \"" + gqaQuestionId
            + "\" has an empty \"" + field + "\"");
      }
    }

    private IOException error(String message) {
      return JsonErrors.at(file, p, message);
    }
  }
}
