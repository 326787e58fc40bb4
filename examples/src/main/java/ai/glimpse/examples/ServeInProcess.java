package ai.glimpse.examples;

import ai.glimpse.onnx.predict.Predictor;
import ai.glimpse.onnx.predict.PredictorOptions;
import ai.glimpse.onnx.serve.InferenceServer;
import ai.glimpse.onnx.serve.ServerOptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * Starts the HTTP inference server inside this JVM on a free port, asks it one question about an
 * image over HTTP, and shuts it down (draining requests in flight). Only the {@code onnx-runtime}
 * module is needed: no TensorFlow.
 */
public final class ServeInProcess {
  private ServeInProcess() {}

  /**
   * Runs the example.
   *
   * @param model an exported {@code model.onnx}
   * @param image a PNG or JPEG image
   * @param question the question
   * @return the server's JSON answer, {@code {"answers": [...], "model": ..., "latency_ms": ...}}
   * @throws IOException when the model or image cannot be read or the port cannot be bound
   * @throws InterruptedException when interrupted while waiting for the answer
   */
  public static String run(Path model, Path image, String question) throws IOException, InterruptedException {
    // snippet-start serve
    try (Predictor predictor = Predictor.load(model, PredictorOptions.defaults().withSpinning(false));
         InferenceServer server = InferenceServer.builder(predictor)
             .options(ServerOptions.defaults().withPort(0).withBatching(32, 5))
             .start()) {
      String body = new ObjectMapper().writeValueAsString(Map.of("question", question, "top_k", 3,
          "image", Base64.getEncoder().encodeToString(Files.readAllBytes(image))));
      HttpRequest request = HttpRequest.newBuilder(server.url().resolve("/v1/answer"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build();
      HttpResponse<String> response = HttpClient.newHttpClient()
          .send(request, HttpResponse.BodyHandlers.ofString());
      System.out.println(response.statusCode() + " " + response.body());
      return response.body();
    }
    // snippet-end
  }

  /**
   * Serves the model {@link ExportAndPredict#main} wrote and asks it one question.
   *
   * @param args the directory {@link TrainOnSyntheticData} wrote into (default
   *     {@code glimpse-example})
   * @throws Exception when the example fails
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "glimpse-example");
    run(dir.resolve("model.onnx"), Examples.firstImage(dir.resolve("data/val/images")),
        "what color is the large shape?");
  }
}
