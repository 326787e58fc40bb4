package ai.glimpse.preprocessing.data;

import ai.glimpse.preprocessing.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the official VQA v2 questions and annotations files, streaming record by
 * record so that files of hundreds of megabytes never become one in-memory tree.
 *
 * <p>Readers skip unknown fields and report every problem as an {@link IOException} that names
 * the file and the line (and column, for malformed JSON), e.g. {@code questions.json line 412:
 * question_id 262148000 has no image_id}. Writers write one record per line through
 * {@link AtomicFiles}, so a failed write leaves no partial file.
 */
public final class VqaJson {
  private static final Logger LOG = LoggerFactory.getLogger(VqaJson.class);

  /** Immutable once built and safe to share between threads. */
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private VqaJson() {}

  /**
   * Reads the {@code "questions"} list of an official VQA v2 questions file.
   *
   * @param file the JSON file; opened and closed here
   * @return the questions in file order, a new mutable list
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   * @throws IOException if the JSON is malformed or a question lacks a required field; the message
   *     names the file and the line
   */
  public static List<Question> readQuestions(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    List<Question> questions = new ArrayList<>();
    read(file, "questions", reader -> questions.add(reader.readQuestion()));
    LOG.info("read {} questions from {}", questions.size(), file);
    return questions;
  }

  /**
   * Reads the {@code "annotations"} list of an official VQA v2 annotations file; the raw answers
   * keep their file order and {@code answer_confidence} and {@code answer_id} are ignored.
   *
   * @param file the JSON file; opened and closed here
   * @return the annotations in file order, a new mutable list
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   * @throws IOException if the JSON is malformed or an annotation lacks a required field; the
   *     message names the file and the line
   */
  public static List<Annotation> readAnnotations(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    List<Annotation> annotations = new ArrayList<>();
    read(file, "annotations", reader -> annotations.add(reader.readAnnotation()));
    LOG.info("read {} annotations from {}", annotations.size(), file);
    return annotations;
  }

  /**
   * Writes an official VQA v2 questions file (task type {@code Open-Ended}), atomically.
   *
   * @param file the target; replaced if it exists
   * @param questions the questions, written in list order
   * @param dataSubtype the {@code data_subtype} field, e.g. {@code "train2014"} or {@code "synth-train"}
   * @throws IOException if the file cannot be written; the target is then left as it was
   */
  public static void writeQuestions(Path file, List<Question> questions, String dataSubtype)
      throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(questions, "questions");
    Objects.requireNonNull(dataSubtype, "dataSubtype");
    AtomicFiles.write(file, out -> {
      try (JsonGenerator g = JSON.createGenerator(out)) {
        g.setPrettyPrinter(new RecordPerLineJson());
        g.writeStartObject();
        writeHeader(g, dataSubtype);
        g.writeStringField("task_type", "Open-Ended");
        g.writeArrayFieldStart("questions");
        for (Question q : questions) {
          g.writeStartObject();
          g.writeNumberField("image_id", q.imageId());
          g.writeStringField("question", q.question());
          g.writeNumberField("question_id", q.questionId());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
    });
    LOG.info("wrote {} questions to {}", questions.size(), file);
  }

  /**
   * Writes an official VQA v2 annotations file, atomically; the answers get ids 1..n and the
   * confidence {@code "yes"}.
   *
   * @param file the target; replaced if it exists
   * @param annotations the annotations, written in list order
   * @param dataSubtype the {@code data_subtype} field, e.g. {@code "train2014"} or {@code "synth-train"}
   * @throws IOException if the file cannot be written; the target is then left as it was
   */
  public static void writeAnnotations(Path file, List<Annotation> annotations, String dataSubtype)
      throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(annotations, "annotations");
    Objects.requireNonNull(dataSubtype, "dataSubtype");
    AtomicFiles.write(file, out -> {
      try (JsonGenerator g = JSON.createGenerator(out)) {
        g.setPrettyPrinter(new RecordPerLineJson());
        g.writeStartObject();
        writeHeader(g, dataSubtype);
        g.writeArrayFieldStart("annotations");
        for (Annotation a : annotations) {
          g.writeStartObject();
          g.writeStringField("question_type", a.questionType());
          g.writeStringField("multiple_choice_answer", a.multipleChoiceAnswer());
          g.writeArrayFieldStart("answers");
          int id = 1;
          for (String answer : a.answers()) {
            g.writeStartObject();
            g.writeStringField("answer", answer);
            g.writeStringField("answer_confidence", "yes");
            g.writeNumberField("answer_id", id++);
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeNumberField("image_id", a.imageId());
          g.writeStringField("answer_type", a.answerType());
          g.writeNumberField("question_id", a.questionId());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
    });
    LOG.info("wrote {} annotations to {}", annotations.size(), file);
  }

  private static void writeHeader(JsonGenerator g, String dataSubtype) throws IOException {
    g.writeObjectFieldStart("info");
    g.writeStringField("description", "VQA v2 format, written by Glimpse");
    g.writeStringField("version", "2.0");
    g.writeEndObject();
    g.writeObjectFieldStart("license");
    g.writeStringField("name", "unspecified");
    g.writeStringField("url", "");
    g.writeEndObject();
    g.writeStringField("data_type", "glimpse");
    g.writeStringField("data_subtype", dataSubtype);
  }

  /** Reads one record of a top-level list; the parser stands on the record's first token. */
  @FunctionalInterface
  private interface RecordHandler {
    void accept(RecordReader reader) throws IOException;
  }

  private static void read(Path file, String listField, RecordHandler handler) throws IOException {
    try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
      new RecordReader(file, p).readTopLevel(listField, handler);
    } catch (JsonProcessingException e) {
      throw JsonErrors.malformed(file, e);
    }
  }

  /** Walks the token stream of one file and turns its records into questions or annotations. */
  private static final class RecordReader {
    private final Path file;
    private final JsonParser p;

    RecordReader(Path file, JsonParser p) {
      this.file = file;
      this.p = p;
    }

    void readTopLevel(String listField, RecordHandler handler) throws IOException {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw error("expected a JSON object at the top level, found " + JsonErrors.describe(first));
      }
      boolean found = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals(listField)) {
          if (value != JsonToken.START_ARRAY) {
            throw error("expected a list as the value of \"" + listField + "\", found "
                + JsonErrors.describe(value));
          }
          while (p.nextToken() != JsonToken.END_ARRAY) {
            handler.accept(this);
          }
          found = true;
        } else {
          p.skipChildren();
        }
      }
      if (!found) {
        throw new IOException(file + ": no \"" + listField + "\" list in the top-level object");
      }
    }

    Question readQuestion() throws IOException {
      int line = JsonErrors.recordStart(file, p, "question");
      Long questionId = null;
      Long imageId = null;
      String text = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "question_id" -> questionId = JsonErrors.longValue(file, p, name);
          case "image_id" -> imageId = JsonErrors.longValue(file, p, name);
          case "question" -> text = JsonErrors.stringValue(file, p, name);
          default -> p.skipChildren();
        }
      }
      requireField(questionId, "question_id", line, null);
      requireField(imageId, "image_id", line, questionId);
      requireField(text, "question", line, questionId);
      return new Question(questionId, imageId, text);
    }

    Annotation readAnnotation() throws IOException {
      int line = JsonErrors.recordStart(file, p, "annotation");
      Long questionId = null;
      Long imageId = null;
      String questionType = null;
      String answerType = null;
      String multipleChoice = null;
      List<String> answers = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "question_id" -> questionId = JsonErrors.longValue(file, p, name);
          case "image_id" -> imageId = JsonErrors.longValue(file, p, name);
          case "question_type" -> questionType = JsonErrors.stringValue(file, p, name);
          case "answer_type" -> answerType = JsonErrors.stringValue(file, p, name);
          case "multiple_choice_answer" -> multipleChoice = JsonErrors.stringValue(file, p, name);
          case "answers" -> answers = readAnswers();
          default -> p.skipChildren();
        }
      }
      requireField(questionId, "question_id", line, null);
      requireField(imageId, "image_id", line, questionId);
      requireField(questionType, "question_type", line, questionId);
      requireField(answerType, "answer_type", line, questionId);
      requireField(multipleChoice, "multiple_choice_answer", line, questionId);
      requireField(answers, "answers", line, questionId);
      if (answers.isEmpty()) {
        throw new IOException(file + " line " + line + ": question_id " + questionId
            + " has an empty answers list");
      }
      return new Annotation(questionId, imageId, questionType, answerType, multipleChoice, answers);
    }

    private List<String> readAnswers() throws IOException {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw error("expected a list of answers, found " + JsonErrors.describe(p.currentToken()));
      }
      List<String> answers = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        int line = JsonErrors.recordStart(file, p, "answer");
        String answer = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          if (name.equals("answer")) {
            answer = JsonErrors.stringValue(file, p, name);
          } else {
            p.skipChildren();
          }
        }
        if (answer == null) {
          throw new IOException(file + " line " + line + ": answer " + (answers.size() + 1)
              + " has no \"answer\"");
        }
        answers.add(answer);
      }
      return answers;
    }

    private void requireField(Object value, String field, int line, Long questionId)
        throws IOException {
      if (value == null) {
        String subject = questionId == null ? "record" : "question_id " + questionId;
        throw new IOException(file + " line " + line + ": " + subject + " has no " + field);
      }
    }

    private IOException error(String message) {
      return JsonErrors.at(file, p, message);
    }
  }
}
