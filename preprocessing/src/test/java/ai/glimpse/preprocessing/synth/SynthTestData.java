package ai.glimpse.preprocessing.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads scenes.json in the tests with a plain ObjectMapper, independently of the generator. */
final class SynthTestData {
  private SynthTestData() {}

  /** One object as written to scenes.json. */
  record Obj(String color, int rgb, String shape, String size, int x, int y, int radius) {}

  /** One scene as written to scenes.json. */
  record SceneData(long imageId, String fileName, int width, int height, int background,
      List<Obj> objects) {}

  static Map<Long, SceneData> readScenes(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    Map<Long, SceneData> scenes = new LinkedHashMap<>();
    for (JsonNode s : root) {
      List<Obj> objects = new ArrayList<>();
      for (JsonNode o : s.get("objects")) {
        objects.add(new Obj(o.get("color").asText(), rgb(o.get("rgb")), o.get("shape").asText(),
            o.get("size").asText(), o.get("x").asInt(), o.get("y").asInt(),
            o.get("radius").asInt()));
      }
      SceneData scene = new SceneData(s.get("image_id").asLong(), s.get("file_name").asText(),
          s.get("width").asInt(), s.get("height").asInt(), rgb(s.get("background")), objects);
      scenes.put(scene.imageId(), scene);
    }
    return scenes;
  }

  private static int rgb(JsonNode triple) {
    return (triple.get(0).asInt() << 16) | (triple.get(1).asInt() << 8) | triple.get(2).asInt();
  }
}
