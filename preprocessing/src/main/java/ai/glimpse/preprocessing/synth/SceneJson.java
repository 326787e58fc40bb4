package ai.glimpse.preprocessing.synth;

import ai.glimpse.preprocessing.data.RecordPerLineJson;
import ai.glimpse.preprocessing.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code scenes.json}: a JSON list with one scene per line,
 * {@code {"image_id", "file_name", "width", "height", "background": [r, g, b], "objects": [{"color",
 * "rgb": [r, g, b], "shape", "size", "x", "y", "radius"}, ...]}}, coordinates in pixels from the
 * top-left corner and {@code radius} the radius of a circle or half the side of a square or
 * triangle.
 */
final class SceneJson {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private SceneJson() {}

  /** Writes the scenes to {@code file} atomically. */
  static void write(Path file, List<Scene> scenes) throws IOException {
    AtomicFiles.write(file, out -> {
      try (JsonGenerator g = JSON.createGenerator(out)) {
        g.setPrettyPrinter(new RecordPerLineJson());
        g.writeStartArray();
        for (Scene s : scenes) {
          g.writeStartObject();
          g.writeNumberField("image_id", s.imageId());
          g.writeStringField("file_name", s.fileName());
          g.writeNumberField("width", s.width());
          g.writeNumberField("height", s.height());
          g.writeFieldName("background");
          writeRgb(g, s.background());
          g.writeArrayFieldStart("objects");
          for (SceneObject o : s.objects()) {
            g.writeStartObject();
            g.writeStringField("color", o.color().word());
            g.writeFieldName("rgb");
            writeRgb(g, o.color().rgb());
            g.writeStringField("shape", o.shape().word());
            g.writeStringField("size", o.size().word());
            g.writeNumberField("x", o.x());
            g.writeNumberField("y", o.y());
            g.writeNumberField("radius", o.radius());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeRaw('\n');
      }
    });
  }

  private static void writeRgb(JsonGenerator g, int rgb) throws IOException {
    g.writeStartArray();
    g.writeNumber((rgb >> 16) & 0xFF);
    g.writeNumber((rgb >> 8) & 0xFF);
    g.writeNumber(rgb & 0xFF);
    g.writeEndArray();
  }
}
