package ai.glimpse.preprocessing.captions;

import ai.glimpse.preprocessing.data.JsonErrors;
import ai.glimpse.preprocessing.data.RecordPerLineJson;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes COCO captions files (the layout of {@code captions_train2014.json}):
 * {@code {"info": ..., "images": [{"id", "file_name", "width", "height", ...}], "annotations":
 * [{"image_id", "id", "caption"}], ...}}, streaming record by record.
 *
 * <p>The reader skips unknown fields (licenses, urls, dates) and reports every problem as an
 * {@link IOException} naming the file, the line and the offending id, e.g. {@code
 * captions_val2014.json line 9: annotation id 48 is about image_id 7, which is not in the images
 * list}. The writer puts one record per line and writes through {@link AtomicFiles}.
 */
public final class CocoCaptionsJson {
  private static final Logger LOG = LoggerFactory.getLogger(CocoCaptionsJson.class);

  /** Immutable once built and safe to share between threads. */
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private CocoCaptionsJson() {}

  /**
   * Reads the images and captions of a COCO captions file; the two lists may come in either order.
   *
   * @param file a COCO captions JSON file, e.g. {@code captions_train2014.json}
   * @return the images and captions, each in file order
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   * @throws IOException if the JSON is malformed, a record lacks a required field, an image or
   *     annotation id appears twice, or a caption is about an image not in the images list; the
   *     message names the file, the line and the id
   */
  public static CaptionDataset read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    Reader reader = new Reader(file);
    try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
      reader.readTopLevel(p);
    } catch (JsonProcessingException e) {
      throw JsonErrors.malformed(file, e);
    }
    CaptionDataset dataset = reader.finish();
    LOG.info("read {} images and {} captions from {}", dataset.images().size(),
        dataset.captions().size(), file);
    return dataset;
  }

  /**
   * Writes a COCO captions file atomically, one image or caption per line.
   *
   * @param file the file to create or replace; missing parent directories are created
   * @param dataset the images and captions, written in their list order
   * @param description the {@code info.description} field, e.g. {@code "synthetic shapes captions"}
   * @throws IOException if the file cannot be written; an existing file is then left as it was
   */
  public static void write(Path file, CaptionDataset dataset, String description)
      throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(description, "description");
    AtomicFiles.write(file, out -> {
      try (JsonGenerator g = JSON.createGenerator(out)) {
        g.setPrettyPrinter(new RecordPerLineJson());
        g.writeStartObject();
        g.writeObjectFieldStart("info");
        g.writeStringField("description", description);
        g.writeStringField("version", "1.0");
        g.writeEndObject();
        g.writeArrayFieldStart("images");
        for (CaptionImage image : dataset.images()) {
          g.writeStartObject();
          g.writeNumberField("id", image.id());
          g.writeStringField("file_name", image.fileName());
          g.writeNumberField("width", image.width());
          g.writeNumberField("height", image.height());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("annotations");
        for (Caption c : dataset.captions()) {
          g.writeStartObject();
          g.writeNumberField("image_id", c.imageId());
          g.writeNumberField("id", c.id());
          g.writeStringField("caption", c.caption());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
      }
    });
    LOG.info("wrote {} images and {} captions to {}", dataset.images().size(),
        dataset.captions().size(), file);
  }

  /** Walks the token stream of one file and collects its images and captions with their lines. */
  private static final class Reader {
    private final Path file;
    private JsonParser p;
    private final List<CaptionImage> images = new ArrayList<>();
    private final List<Caption> captions = new ArrayList<>();
    private final Map<Long, Integer> imageLines = new HashMap<>();
    private final Map<Long, Integer> captionLines = new HashMap<>();
    private boolean sawImages;
    private boolean sawAnnotations;

    Reader(Path file) {
      this.file = file;
    }

    void readTopLevel(JsonParser parser) throws IOException {
      this.p = parser;
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw error("expected a JSON object at the top level, found " + JsonErrors.describe(first));
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("images") || name.equals("annotations")) {
          if (value != JsonToken.START_ARRAY) {
            throw error("expected a list as the value of \"" + name + "\", found "
                + JsonErrors.describe(value));
          }
          boolean isImages = name.equals("images");
          while (p.nextToken() != JsonToken.END_ARRAY) {
            if (isImages) {
              readImage();
            } else {
              readCaption();
            }
          }
          sawImages |= isImages;
          sawAnnotations |= !isImages;
        } else {
          p.skipChildren();
        }
      }
    }

    CaptionDataset finish() throws IOException {
      if (!sawImages) {
        throw new IOException(file + ": no \"images\" list in the top-level object");
      }
      if (!sawAnnotations) {
        throw new IOException(file + ": no \"annotations\" list in the top-level object");
      }
      for (Caption c : captions) {
        if (!imageLines.containsKey(c.imageId())) {
          throw new IOException(file + " line " + captionLines.get(c.id()) + ": annotation id "
              + c.id() + " is about image_id " + c.imageId() + ", which is not in the images list");
        }
      }
      return new CaptionDataset(images, captions);
    }

    private void readImage() throws IOException {
      int line = JsonErrors.recordStart(file, p, "image");
      Long id = null;
      String fileName = null;
      Long width = null;
      Long height = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "id" -> id = JsonErrors.longValue(file, p, name);
          case "file_name" -> fileName = JsonErrors.stringValue(file, p, name);
          case "width" -> width = JsonErrors.longValue(file, p, name);
          case "height" -> height = JsonErrors.longValue(file, p, name);
          default -> p.skipChildren();
        }
      }
      String subject = id == null ? "image record" : "image id " + id;
      require(id, "id", line, subject);
      require(fileName, "file_name", line, subject);
      require(width, "width", line, subject);
      require(height, "height", line, subject);
      if (width < 1 || height < 1 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
        throw new IOException(file + " line " + line + ": image id " + id
            + " has an invalid size " + width + "x" + height);
      }
      Integer previous = imageLines.putIfAbsent(id, line);
      if (previous != null) {
        throw new IOException(file + " line " + line + ": image id " + id
            + " duplicates the image on line " + previous);
      }
      images.add(new CaptionImage(id, fileName, width.intValue(), height.intValue()));
    }

    private void readCaption() throws IOException {
      int line = JsonErrors.recordStart(file, p, "annotation");
      Long id = null;
      Long imageId = null;
      String text = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "id" -> id = JsonErrors.longValue(file, p, name);
          case "image_id" -> imageId = JsonErrors.longValue(file, p, name);
          case "caption" -> text = JsonErrors.stringValue(file, p, name);
          default -> p.skipChildren();
        }
      }
      String subject = id == null ? "annotation record" : "annotation id " + id;
      require(id, "id", line, subject);
      require(imageId, "image_id", line, subject);
      require(text, "caption", line, subject);
      Integer previous = captionLines.putIfAbsent(id, line);
      if (previous != null) {
        throw new IOException(file + " line " + line + ": annotation id " + id
            + " duplicates the annotation on line " + previous);
      }
      captions.add(new Caption(id, imageId, text));
    }

    private void require(Object value, String field, int line, String subject) throws IOException {
      if (value == null) {
        throw new IOException(file + " line " + line + ": " + subject + " has no " + field);
      }
    }

    private IOException error(String message) {
      return JsonErrors.at(file, p, message);
    }
  }
}
