package ai.glimpse.onnx.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.onnx.loadtest.LoadTest;
import ai.glimpse.onnx.loadtest.LoadTestOptions;
import ai.glimpse.onnx.loadtest.LoadTestReport;
import ai.glimpse.onnx.predict.Prediction;
import ai.glimpse.onnx.predict.Predictor;
import ai.glimpse.onnx.predict.VqaQuery;
import ai.glimpse.preprocessing.features.FeatureFiles;
import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.preprocessing.features.FeatureSource;
import ai.glimpse.preprocessing.io.Hdf5StreamWriter;
import ai.glimpse.preprocessing.io.Hdf5Type;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inference server over real HTTP (port 0) and a real ONNX Runtime session of {@link TinyVqa}:
 * validation, parity with {@link Predictor#predict}, dynamic batching, metrics, graceful
 * shutdown and the load test. Probabilities are compared within 1e-6 (float32; batched and
 * single runs may round differently).
 */
class InferenceServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SIZE = 16;
  private static final double TOL = 1e-6;

  @TempDir static Path dir;
  static Predictor pixels;
  static Predictor grid;
  static Path gridFeatures;
  static HttpClient http;

  @BeforeAll
  static void models() throws IOException {
    pixels = Predictor.load(TinyVqa.write(dir.resolve("pixels.onnx"), FeatureShape.pixels(SIZE), 7));
    grid = Predictor.load(TinyVqa.write(dir.resolve("grid.onnx"), FeatureShape.grid(4, 3, 3), 11));
    gridFeatures = dir.resolve("grid.h5");
    long[] ids = {3, 42, 100};
    float[] values = new float[ids.length * 36];
    Random rnd = new Random(5);
    for (int i = 0; i < values.length; i++) {
      values[i] = rnd.nextFloat() * 2;
    }
    try (Hdf5StreamWriter w = Hdf5StreamWriter.builder(gridFeatures)
        .dataset("image_ids", Hdf5Type.INT64, ids.length)
        .dataset("features", Hdf5Type.FLOAT32, ids.length, 4, 3, 3).open()) {
      w.writeLongs("image_ids", ids, 0, ids.length);
      w.writeFloats("features", values, 0, values.length);
    }
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void close() {
    pixels.close();
    grid.close();
  }

  private static ServerOptions options() {
    return ServerOptions.defaults().withThreads(4).withBatching(8, 2)
        .withLimits(64 * 1024, 200, 4, 10_000).withDrainTimeout(Duration.ofSeconds(10));
  }

  static byte[] png(long seed, int w, int h, String format) throws IOException {
    Random rnd = new Random(seed);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, rnd.nextInt(0x1000000));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(img, format, out), format);
    return out.toByteArray();
  }

  static byte[] solid(int w, int h) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", out));
    return out.toByteArray();
  }

  record Reply(int status, JsonNode json, String text, HttpResponse<String> raw) {}

  static Reply send(URI base, String method, String path, String contentType, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = null;
    if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
      json = JSON.readTree(r.body());
    }
    return new Reply(r.statusCode(), json, r.body(), r);
  }

  static Reply post(URI base, String path, String body) throws Exception {
    return send(base, "POST", path, "application/json", body);
  }

  static String query(String question, byte[] image) {
    ObjectNode n = JSON.createObjectNode();
    n.put("question", question);
    n.put("image", Base64.getEncoder().encodeToString(image));
    return n.toString();
  }

  static void assertSameAnswers(Prediction expected, JsonNode actual, boolean attention) {
    JsonNode answers = actual.get("answers");
    assertEquals(expected.answers().size(), answers.size(), actual.toString());
    for (int i = 0; i < answers.size(); i++) {
      assertEquals(expected.answers().get(i).answer(), answers.get(i).get("answer").asText(), actual.toString());
      assertEquals(expected.answers().get(i).probability(), answers.get(i).get("probability").asDouble(), TOL);
    }
    if (attention) {
      JsonNode att = actual.get("attention");
      assertEquals(expected.attention().length, att.size());
      for (int g = 0; g < att.size(); g++) {
        assertEquals(expected.attention()[g].length, att.get(g).size());
        for (int l = 0; l < att.get(g).size(); l++) {
          assertEquals(expected.attention()[g][l], att.get(g).get(l).asDouble(), TOL);
        }
      }
    } else {
      assertNull(actual.get("attention"), actual.toString());
    }
  }

  record Case(String method, String path, String contentType, String body, int status, String message) {}

  @Test
  void malformedRequestsGetClear4xxAndTheServerStillAnswers() throws Exception {
    byte[] good = png(1, SIZE, SIZE, "png");
    String img = Base64.getEncoder().encodeToString(good);
    String json = "application/json";
    ByteArrayOutputStream truncated = new ByteArrayOutputStream();
    truncated.write(good, 0, 40);
    List<Case> cases = List.of(
        new Case("GET", "/nope", null, null, 404, "no endpoint GET /nope"),
        new Case("POST", "/v1/answers", json, "{}", 404, "no endpoint POST /v1/answers"),
        new Case("GET", "/v1/answer", null, null, 405, "method GET is not allowed on /v1/answer"),
        new Case("PUT", "/v1/answer", json, "{}", 405, "use POST"),
        new Case("DELETE", "/v1/model", null, null, 405, "use GET"),
        new Case("POST", "/health", json, "{}", 405, "not allowed on /health"),
        new Case("POST", "/v1/answer", null, "{}", 415, "missing Content-Type"),
        new Case("POST", "/v1/answer", "text/plain", "{}", 415, "'text/plain' is not supported"),
        new Case("POST", "/v1/answer", "application/json; charset=iso-8859-1", "{}", 415, "charset"),
        new Case("POST", "/v1/answer", json, "", 400, "request body is empty"),
        new Case("POST", "/v1/answer", json, "{\"question\": ", 400, "not valid JSON"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\"} x", 400, "not valid JSON"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"a\", \"question\": \"b\"}", 400, "Duplicate field"),
        new Case("POST", "/v1/answer", json, "[1, 2]", 400, "must be a JSON object, got an array"),
        new Case("POST", "/v1/answer", json, "{\"image\": \"" + img + "\"}", 400, "missing field 'question'"),
        new Case("POST", "/v1/answer", json, "{\"question\": 7, \"image\": \"" + img + "\"}", 400,
            "'question' must be a string, got a number 7"),
        new Case("POST", "/v1/answer", json, "{\"question\": null, \"image\": \"" + img + "\"}", 400,
            "'question' must be a string, got null"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"  \", \"image\": \"" + img + "\"}", 400,
            "'question' is empty"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"" + "x".repeat(201) + "\", \"image\": \"" + img
            + "\"}", 400, "has 201 characters; the limit is 200"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what is the color of the big shape\", \"image\": \""
            + img + "\"}", 400, "has 8 words; the model takes at most 6"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\", \"image\": \"" + img
            + "\", \"image_id\": 3}", 400, "not both"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\"}", 400, "missing field 'image'"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\", \"image\": 12}", 400,
            "'image' must be a base64 string, got a number 12"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\", \"image\": \"@@@\"}", 400,
            "'image' is not valid base64: illegal character '@'"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\", \"image\": \"abcde\"}", 400,
            "'image' is not valid base64"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\", \"image\": \""
            + Base64.getEncoder().encodeToString("hello, not an image".getBytes(StandardCharsets.UTF_8))
            + "\"}", 422, "'image' is not a PNG or JPEG image"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\", \"image\": \""
            + Base64.getEncoder().encodeToString(png(2, 8, 8, "gif")) + "\"}", 422, "is a gif image"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\", \"image\": \""
            + Base64.getEncoder().encodeToString(truncated.toByteArray()) + "\"}", 422,
            "'image' is not a decodable PNG or JPEG image"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\", \"image\": \""
            + Base64.getEncoder().encodeToString(solid(200, 100)) + "\"}", 413,
            "200 x 100 image (20000 pixels); the limit is 10000"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\", \"image_id\": 3}", 422, "no feature store"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\", \"image_id\": \"3\"}", 400,
            "'image_id' must be an integer, got a string \"3\""),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\", \"image_id\": -4}", 400,
            "'image_id' must be >= 0, got -4"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\", \"image_id\": 1.5}", 400,
            "'image_id' must be an integer, got a number 1.5"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\", \"image\": \"" + img + "\", \"top_k\": 0}",
            400, "'top_k' must be between 1 and 5 (the model's answer count), got 0"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\", \"image\": \"" + img + "\", \"top_k\": -1}",
            400, "got -1"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\", \"image\": \"" + img + "\", \"top_k\": 6}",
            400, "between 1 and 5 (the model's answer count), got 6"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\", \"image\": \"" + img
            + "\", \"top_k\": \"3\"}", 400, "'top_k' must be an integer between 1 and 5, got a string"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\", \"image\": \"" + img
            + "\", \"top_k\": 2.5}", 400, "'top_k' must be an integer"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\", \"image\": \"" + img
            + "\", \"attention\": \"yes\"}", 400, "'attention' must be true or false, got a string \"yes\""),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\", \"image\": \"" + img + "\", \"foo\": 1}",
            400, "unknown field 'foo'"),
        new Case("POST", "/v1/answer", json, "{\"question\": \"what\", \"image\": \"" + "A".repeat(70_000)
            + "\"}", 413, "larger than the limit of 65536 bytes"),
        new Case("POST", "/v1/answer:batch", json, "{}", 400, "missing field 'queries'"),
        new Case("POST", "/v1/answer:batch", json, "{\"queries\": {}}", 400, "'queries' must be an array"),
        new Case("POST", "/v1/answer:batch", json, "{\"queries\": []}", 400, "'queries' is empty"),
        new Case("POST", "/v1/answer:batch", json, "{\"queries\": [1, 2, 3, 4, 5]}", 413,
            "has 5 queries; the limit is 4"),
        new Case("POST", "/v1/answer:batch", json, "{\"queries\": [], \"x\": 1}", 400, "unknown field 'x'"),
        new Case("POST", "/v1/answer:batch", json, "[]", 400, "must be a JSON object {\"queries\": [...]}"),
        new Case("GET", "/v1/answer:batch", null, null, 405, "use POST"));
    assertTrue(cases.size() >= 30);
    try (InferenceServer server = InferenceServer.builder(pixels).options(options()).start()) {
      for (Case c : cases) {
        Reply r = send(server.url(), c.method(), c.path(), c.contentType(), c.body());
        String what = c.method() + " " + c.path() + " " + (c.body() == null ? "" : c.body().substring(0,
            Math.min(80, c.body().length())));
        assertEquals(c.status(), r.status(), what + " -> " + r.text());
        assertNotNull(r.json(), what + " -> not JSON: " + r.text());
        String error = r.json().path("error").asText();
        assertTrue(error.contains(c.message()), what + " -> " + error);
        assertFalse(error.contains("at ai.glimpse") || error.contains("Exception"), error);
        if (c.status() == 405) {
          assertTrue(r.raw().headers().firstValue("Allow").isPresent());
        }
      }
      // A chunked body over the limit (no Content-Length) is cut off while reading.
      HttpRequest chunked = HttpRequest.newBuilder(server.url().resolve("/v1/answer"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofInputStream(
              () -> new ByteArrayInputStream(("{\"question\": \"" + "a".repeat(100_000) + "\"}").getBytes())))
          .build();
      try {
        HttpResponse<String> r = http.send(chunked, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().contains("larger than the limit"), r.body());
      } catch (IOException e) {
        // The server may close the connection before the client finishes sending; that is a refusal too.
      }
      // The server still answers correctly, singly and in a batch with per-item errors.
      Reply ok = post(server.url(), "/v1/answer", query("what color is it", good));
      assertEquals(200, ok.status(), ok.text());
      assertSameAnswers(pixels.predict(List.of(new VqaQuery("what color is it",
          pixels.imageLoader().decode(good, "test"))), 3).get(0), ok.json(), false);
      Reply batch = post(server.url(), "/v1/answer:batch", "{\"queries\": [" + query("what shape", good)
          + ", {\"question\": \"what\", \"image_id\": 3}, 17, {\"question\": \"what\", \"image\": \"" + img
          + "\", \"top_k\": 9}]}");
      assertEquals(200, batch.status(), batch.text());
      JsonNode results = batch.json().get("results");
      assertEquals(4, results.size());
      assertSameAnswers(pixels.predict(List.of(new VqaQuery("what shape",
          pixels.imageLoader().decode(good, "test"))), 3).get(0), results.get(0), false);
      assertEquals(422, results.get(1).get("status").asInt());
      assertTrue(results.get(1).get("error").asText().contains("queries[1].image_id"), results.toString());
      assertEquals(400, results.get(2).get("status").asInt());
      assertTrue(results.get(2).get("error").asText().contains("queries[2] must be a JSON object"));
      assertTrue(results.get(3).get("error").asText().contains("'queries[3].top_k'"), results.toString());
      // Every refusal was counted under its status.
      String metrics = send(server.url(), "GET", "/metrics", null, null).text();
      assertTrue(metrics.contains("glimpse_requests_total{endpoint=\"/v1/answer\",status=\"400\"}"), metrics);
      assertTrue(metrics.contains("glimpse_requests_total{endpoint=\"other\",status=\"404\"}"), metrics);
    }
  }

  @Test
  void pixelAnswersEqualThePredictors() throws Exception {
    try (InferenceServer server = InferenceServer.builder(pixels).options(options()).start()) {
      String[] questions = {"what color is the shape", "how many", "is there a circle left"};
      int[][] sizes = {{SIZE, SIZE}, {24, 10}, {7, 31}};
      for (int i = 0; i < questions.length; i++) {
        String format = i == 1 ? "jpeg" : "png";
        byte[] image = png(10 + i, sizes[i][0], sizes[i][1], format);
        ObjectNode body = (ObjectNode) JSON.readTree(query(questions[i], image));
        body.put("top_k", i + 1);
        body.put("attention", true);
        Reply r = post(server.url(), "/v1/answer", body.toString());
        assertEquals(200, r.status(), r.text());
        Prediction expected = pixels.predict(List.of(new VqaQuery(questions[i],
            pixels.imageLoader().decode(image, "test"))), i + 1).get(0);
        assertSameAnswers(expected, r.json(), true);
        assertEquals(SIZE * SIZE, r.json().get("attention").get(0).size());
        assertEquals("tiny-pixels", r.json().get("model").asText());
        assertTrue(r.json().get("latency_ms").asDouble() >= 0);
      }
      Reply model = send(server.url(), "GET", "/v1/model", null, null);
      assertEquals(200, model.status());
      assertEquals("tiny-pixels", model.json().get("name").asText());
      assertEquals(5, model.json().get("answers").asInt());
      assertEquals(7, model.json().get("config").get("seed").asInt());
      assertEquals("feedbeef", model.json().get("provenance").get("dataSha256").asText());
      assertEquals(List.of(3, SIZE, SIZE), JSON.convertValue(model.json().get("image_input").get("shape"),
          List.class));
      Reply health = send(server.url(), "GET", "/health", null, null);
      assertEquals("ok", health.json().get("status").asText());
    }
  }

  @Test
  void imageIdAnswersEqualThePredictorsOnTheFeatureStore() throws Exception {
    try (FeatureSource store = FeatureFiles.open(gridFeatures);
         InferenceServer server = InferenceServer.builder(grid).features(store).options(options()).start()) {
      for (long id : new long[] {3, 42, 100}) {
        Reply r = post(server.url(), "/v1/answer",
            "{\"question\": \"what shape is there\", \"image_id\": " + id + ", \"attention\": true, \"top_k\": 5}");
        assertEquals(200, r.status(), r.text());
        float[] x = new float[36];
        store.readRow(store.row(id), x, 0);
        Prediction expected = grid.predict(List.of(new VqaQuery("what shape is there", x)), 5).get(0);
        assertSameAnswers(expected, r.json(), true);
      }
      Reply unknown = post(server.url(), "/v1/answer", "{\"question\": \"what\", \"image_id\": 99}");
      assertEquals(422, unknown.status());
      assertTrue(unknown.json().get("error").asText().contains("unknown image id 99"), unknown.text());
      Reply image = post(server.url(), "/v1/answer", query("what", png(1, 8, 8, "png")));
      assertEquals(422, image.status());
      assertTrue(image.json().get("error").asText().contains("start it with --cnn"), image.text());
    }
    // A store of the wrong shape is refused at start, naming both shapes.
    try (FeatureSource store = FeatureFiles.open(gridFeatures)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> InferenceServer.builder(pixels).features(store).options(options()).start());
      assertTrue(e.getMessage().contains("grid [4, 3, 3]") && e.getMessage().contains("pixels [3, 16, 16]"),
          e.getMessage());
    }
  }

  @Test
  void concurrentRequestsAreBatchedAndEachCallerGetsItsOwnAnswer() throws Exception {
    ServerOptions opts = options().withBatching(16, 300);
    try (InferenceServer server = InferenceServer.builder(pixels).options(opts).start()) {
      int n = 12;
      List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
      List<Prediction> expected = new ArrayList<>();
      String[] words = {"what", "color", "is", "the", "shape", "how", "many", "there", "left"};
      for (int i = 0; i < n; i++) {
        byte[] image = png(100 + i, SIZE, SIZE, "png");
        String q = words[i % words.length] + " " + words[(i * 5 + 1) % words.length];
        expected.add(pixels.predict(List.of(new VqaQuery(q, pixels.imageLoader().decode(image, "t"))), 2).get(0));
        replies.add(http.sendAsync(HttpRequest.newBuilder(server.url().resolve("/v1/answer"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"question\": \"" + q + "\", \"top_k\": 2, \"image\": \""
                    + Base64.getEncoder().encodeToString(image) + "\"}")).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      for (int i = 0; i < n; i++) {
        HttpResponse<String> r = replies.get(i).join();
        assertEquals(200, r.statusCode(), r.body());
        assertSameAnswers(expected.get(i), JSON.readTree(r.body()), false);
      }
      assertTrue(server.metrics().batchesLargerThanOne() > 0, server.metrics().render());
      Map<String, Double> samples = parsePrometheus(send(server.url(), "GET", "/metrics", null, null).text());
      double count = samples.get("glimpse_batch_size_count");
      double ones = samples.get("glimpse_batch_size_bucket{le=\"1\"}");
      assertTrue(count < n && ones < count, "batches " + count + ", of one query " + ones);
      assertEquals(n, samples.get("glimpse_batch_size_sum"), 0);
    }
  }

  private static final Pattern SAMPLE = Pattern.compile(
      "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\""
          + "(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\")*\\})? (\\S+)");
  private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");

  /** Parses Prometheus text exposition strictly; returns every sample by name and labels. */
  static Map<String, Double> parsePrometheus(String text) {
    Map<String, String> types = new HashMap<>();
    Map<String, Double> samples = new HashMap<>();
    assertTrue(text.endsWith("\n"), "exposition must end with a newline");
    for (String line : text.split("\n")) {
      if (line.startsWith("# HELP ")) {
        continue;
      }
      Matcher t = TYPE.matcher(line);
      if (t.matches()) {
        assertNull(types.put(t.group(1), t.group(2)), "TYPE declared twice: " + line);
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertTrue(m.matches(), "not a Prometheus sample line: '" + line + "'");
      String name = m.group(1);
      String family = name.replaceAll("_(bucket|sum|count)$", "");
      assertTrue(types.containsKey(name) || "histogram".equals(types.get(family)),
          "sample before its TYPE: " + line);
      double value = m.group(3).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(3));
      assertNull(samples.put(name + (m.group(2) == null ? "" : m.group(2)), value), "duplicate sample " + line);
    }
    return samples;
  }

  @Test
  void metricsParseAsPrometheusText() throws Exception {
    try (InferenceServer server = InferenceServer.builder(pixels).options(options()).start()) {
      post(server.url(), "/v1/answer", query("what color", png(4, SIZE, SIZE, "png")));
      post(server.url(), "/v1/answer", "{}");
      send(server.url(), "GET", "/health", null, null);
      Reply r = send(server.url(), "GET", "/metrics", null, null);
      assertEquals(200, r.status());
      assertTrue(r.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
      Map<String, Double> s = parsePrometheus(r.text());
      assertEquals(1.0, s.get("glimpse_requests_total{endpoint=\"/v1/answer\",status=\"200\"}"));
      assertEquals(1.0, s.get("glimpse_requests_total{endpoint=\"/v1/answer\",status=\"400\"}"));
      assertEquals(1.0, s.get("glimpse_requests_total{endpoint=\"/health\",status=\"200\"}"));
      assertEquals(2.0, s.get("glimpse_request_duration_seconds_count{endpoint=\"/v1/answer\"}"));
      assertEquals(2.0, s.get("glimpse_request_duration_seconds_bucket{endpoint=\"/v1/answer\",le=\"+Inf\"}"));
      assertEquals(1.0, s.get("glimpse_batch_size_count"));
      assertEquals(0.0, s.get("glimpse_queue_depth"));
      assertEquals(1.0, s.get("glimpse_requests_in_flight")); // the /metrics request itself
      // Buckets are cumulative.
      double previous = 0;
      for (String le : List.of("1", "2", "4", "8", "16", "32", "64", "128", "256", "+Inf")) {
        double v = s.get("glimpse_batch_size_bucket{le=\"" + le + "\"}");
        assertTrue(v >= previous, le);
        previous = v;
      }
    }
  }

  @Test
  void closeDrainsRequestsInFlight() throws Exception {
    ServerOptions opts = options().withBatching(64, 700);
    InferenceServer server = InferenceServer.builder(pixels).options(opts).start();
    URI url = server.url();
    byte[] image = png(9, SIZE, SIZE, "png");
    List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      replies.add(http.sendAsync(HttpRequest.newBuilder(url.resolve("/v1/answer"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(query("what color", image))).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (server.metrics().inFlight() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(3, server.metrics().inFlight(), "requests did not arrive");
    long t0 = System.nanoTime();
    server.close(); // the batch waits up to 700 ms; close must wait for it
    for (CompletableFuture<HttpResponse<String>> f : replies) {
      assertTrue(f.isDone(), "close returned before a request in flight was answered");
      assertEquals(200, f.join().statusCode(), f.join().body());
      assertSameAnswers(pixels.predict(List.of(new VqaQuery("what color",
          pixels.imageLoader().decode(image, "t"))), 3).get(0), JSON.readTree(f.join().body()), false);
    }
    assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
    Exception refused = assertThrows(Exception.class, () -> send(url, "GET", "/health", null, null));
    assertTrue(refused instanceof ConnectException || refused.getCause() instanceof ConnectException
        || refused instanceof IOException, refused.toString());
    // The predictor is still open for its owner to close.
    assertEquals(1, pixels.predict(List.of(new VqaQuery("what", new float[3 * SIZE * SIZE])), 1).size());
  }

  @Test
  void loadTestReportsNoErrorsAndRefusesRemoteHosts() throws Exception {
    try (InferenceServer server = InferenceServer.builder(pixels).options(options()).start()) {
      LoadTestReport report = LoadTest.run(new LoadTestOptions(server.url(), 4, Duration.ofSeconds(3), 200,
          "what color is the shape", png(5, SIZE, SIZE, "png"), null, Duration.ofSeconds(10)));
      assertEquals(0, report.errors(), report.summary());
      assertEquals(200, report.requests(), report.summary());
      assertEquals(Map.of(200, 200L), report.statusCounts());
      assertTrue(report.throughput() > 0 && report.p99Ms() >= report.p50Ms() && report.p50Ms() > 0,
          report.summary());
      JsonNode json = JSON.readTree(LoadTest.toJson(report));
      assertEquals(200, json.get("requests").asInt());
      assertEquals(0, json.get("errors").asInt());
      Map<String, Double> s = parsePrometheus(send(server.url(), "GET", "/metrics", null, null).text());
      assertEquals(200.0, s.get("glimpse_requests_total{endpoint=\"/v1/answer\",status=\"200\"}"));
    }
    IllegalArgumentException remote = assertThrows(IllegalArgumentException.class,
        () -> new LoadTestOptions(URI.create("http://8.8.8.8:80"), 1, Duration.ofSeconds(1), 0, "what",
            new byte[1], null, Duration.ofSeconds(1)));
    assertTrue(remote.getMessage().contains("refusing to load-test '8.8.8.8'"), remote.getMessage());
  }

  @Test
  void optionsAreValidated() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ServerOptions.defaults().withBatching(0, 5));
    assertTrue(e.getMessage().contains("maxBatch must be >= 1, got 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ServerOptions.defaults().withPort(70000));
    assertTrue(e.getMessage().contains("70000"), e.getMessage());
    assertEquals(Arrays.asList(8, 2L), Arrays.asList(options().maxBatch(), options().maxWaitMs()));
  }
}
