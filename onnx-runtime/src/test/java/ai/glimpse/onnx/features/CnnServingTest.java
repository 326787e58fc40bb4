package ai.glimpse.onnx.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.onnx.predict.Prediction;
import ai.glimpse.onnx.predict.Predictor;
import ai.glimpse.onnx.predict.VqaQuery;
import ai.glimpse.onnx.serve.InferenceServer;
import ai.glimpse.onnx.serve.ServerOptions;
import ai.glimpse.onnx.serve.TinyVqa;
import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.preprocessing.features.ImageLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In-memory feature extraction ({@link GridFeatureExtractor#features}) against {@link TinyCnn}'s
 * plain-Java reference (1e-5: float32 convolution vs double), and a grid model served with the
 * CNN turning uploaded images into features.
 */
class CnnServingTest {
  private static final int SIZE = 16;

  @TempDir Path dir;

  @Test
  void uploadedImagesGoThroughTheCnnLikeThePredictorWould() throws Exception {
    TinyCnn cnn = new TinyCnn(3);
    Path cnnFile = cnn.write(dir.resolve("cnn.onnx"), 0, 0, false);
    FeatureExtractionOptions options = FeatureExtractionOptions.defaults().withImageSize(SIZE)
        .withNormalization(new float[] {0, 0, 0}, new float[] {1, 1, 1});
    int g = TinyCnn.gridSize(SIZE);
    BufferedImage img = new BufferedImage(20, 12, BufferedImage.TYPE_INT_RGB);
    Random rnd = new Random(1);
    for (int y = 0; y < 12; y++) {
      for (int x = 0; x < 20; x++) {
        img.setRGB(x, y, rnd.nextInt(0x1000000));
      }
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(img, "png", png);
    float[] pixels = new ImageLoader(SIZE).decode(png.toByteArray(), "test");
    try (GridFeatureExtractor x = GridFeatureExtractor.load(cnnFile, options);
         Predictor grid = Predictor.load(TinyVqa.write(dir.resolve("grid.onnx"), FeatureShape.grid(4, g, g), 5));
         Predictor wrong = Predictor.load(TinyVqa.write(dir.resolve("g3.onnx"), FeatureShape.grid(4, 3, 3), 5))) {
      assertArrayEquals(new int[] {4, g, g}, x.gridShape());
      float[] features = x.features(pixels);
      assertArrayEquals(cnn.reference(pixels, SIZE), features, 1e-5f);
      IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> x.features(new float[5]));
      assertTrue(size.getMessage().contains("has 5 values"), size.getMessage());

      Prediction expected = grid.predict(List.of(new VqaQuery("what shape is there", features)), 2).get(0);
      try (InferenceServer server = InferenceServer.builder(grid).cnn(x).options(ServerOptions.defaults()).start()) {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(server.url().resolve("/v1/answer")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"what shape is there\", \"top_k\": 2, "
                    + "\"image\": \"" + Base64.getEncoder().encodeToString(png.toByteArray()) + "\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode answers = new ObjectMapper().readTree(r.body()).get("answers");
        for (int i = 0; i < 2; i++) {
          assertEquals(expected.answers().get(i).answer(), answers.get(i).get("answer").asText());
          assertEquals(expected.answers().get(i).probability(), answers.get(i).get("probability").asDouble(), 1e-6);
        }
      }
      IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
          () -> InferenceServer.builder(wrong).cnn(x).start());
      assertTrue(mismatch.getMessage().contains("produces grid features [4, " + g + ", " + g + "]")
          && mismatch.getMessage().contains("grid [4, 3, 3]"), mismatch.getMessage());
    }
  }
}
