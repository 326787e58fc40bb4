package ai.glimpse.onnx.serve;

import ai.glimpse.onnx.features.GridFeatureExtractor;
import ai.glimpse.onnx.predict.Prediction;
import ai.glimpse.onnx.predict.Predictor;
import ai.glimpse.onnx.predict.RankedAnswer;
import ai.glimpse.onnx.predict.VqaQuery;
import ai.glimpse.preprocessing.features.FeatureSource;
import ai.glimpse.preprocessing.format.ModelMetadata;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP server answering questions with a {@link Predictor}, on Undertow. Endpoints:
 * <ul>
 *   <li>{@code POST /v1/answer} with {@code {"question", "image" | "image_id", "top_k"?,
 *       "attention"?}} answers {@code {"answers": [{"answer", "probability"}], "attention"?:
 *       [[...]], "model", "latency_ms"}} ({@code attention} {@code [glimpses][locations]}, only
 *       when asked);</li>
 *   <li>{@code POST /v1/answer:batch} with {@code {"queries": [...]}} answers
 *       {@code {"results": [...]}}, one entry per query in order: an answer as above, or
 *       {@code {"error", "status"}} for a query that failed on its own; a request whose
 *       structure is wrong (no {@code queries} array, empty, too many queries) is refused
 *       as a whole with a 4xx;</li>
 *   <li>{@code GET /v1/model}: the model's name, config, answer count, input and provenance;</li>
 *   <li>{@code GET /health}: {@code {"status": "ok"}}, or 503 {@code "draining"} while closing;</li>
 *   <li>{@code GET /metrics}: {@link ServerMetrics} in the Prometheus text format.</li>
 * </ul>
 * Every refusal is a 4xx (or 503 when overloaded or closing) with {@code {"error": message}};
 * an unexpected failure is a 500 whose message holds no stack trace. Queries from concurrent
 * requests are batched by a {@link DynamicBatcher}. Undertow's IO threads only route and read
 * bodies asynchronously; parsing, decoding and answering run on worker threads.
 *
 * <p>The server does not own the predictor, feature store or CNN: their creator closes them,
 * after {@link #close()}, which stops intake and drains requests in flight first.
 */
public final class InferenceServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InferenceServer.class);
  /** The single-question endpoint. */
  public static final String ANSWER = "/v1/answer";
  /** The batch endpoint. */
  public static final String ANSWER_BATCH = "/v1/answer:batch";
  /** The model description endpoint. */
  public static final String MODEL = "/v1/model";
  /** The health endpoint. */
  public static final String HEALTH = "/health";
  /** The Prometheus metrics endpoint. */
  public static final String METRICS = "/metrics";

  private static final String JSON_TYPE = "application/json";
  private static final List<String> ENDPOINTS = List.of(
      "POST " + ANSWER, "POST " + ANSWER_BATCH, "GET " + MODEL, "GET " + HEALTH, "GET " + METRICS);

  private final Predictor predictor;
  private final ServerOptions options;
  private final ObjectMapper json;
  private final ImageInputs images;
  private final AnswerQuery.Limits limits;
  private final ServerMetrics metrics;
  private final DynamicBatcher batcher;
  private final ExecutorService workers;
  private final String modelName;
  private final String modelJson;
  private final Undertow undertow;
  private final int port;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong errorIds = new AtomicLong();
  private final CountDownLatch stopped = new CountDownLatch(1);

  /** What the server answers with; built by {@link InferenceServer#builder(Predictor)}. */
  public static final class Builder {
    private final Predictor predictor;
    private FeatureSource features;
    private GridFeatureExtractor cnn;
    private ServerOptions options = ServerOptions.defaults();

    private Builder(Predictor predictor) {
      this.predictor = Objects.requireNonNull(predictor, "predictor");
    }

    /**
     * Serves {@code image_id} queries from {@code source}, whose shape must be the model's input.
     * The server reads from it on several threads but does not close it.
     *
     * @param source the feature store keyed by image id; not null (the shape is checked by {@link #start()})
     * @return this builder
     */
    public Builder features(FeatureSource source) {
      this.features = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Turns uploaded images into grid features with {@code extractor} (grid models only). The server
     * does not close it.
     *
     * @param extractor the CNN whose grid must match the model's input; not null (checked by
     *     {@link #start()})
     * @return this builder
     */
    public Builder cnn(GridFeatureExtractor extractor) {
      this.cnn = Objects.requireNonNull(extractor, "extractor");
      return this;
    }

    /**
     * Sets the listening, batching and limit options; {@link ServerOptions#defaults()} otherwise.
     *
     * @param serverOptions the options to serve with; not null
     * @return this builder
     */
    public Builder options(ServerOptions serverOptions) {
      this.options = Objects.requireNonNull(serverOptions, "serverOptions");
      return this;
    }

    /**
     * Checks the inputs fit the model, binds the port and starts serving.
     *
     * @return the running server; the caller closes it (before closing the predictor, feature store
     *     and CNN)
     * @throws IllegalArgumentException when the feature store or CNN does not fit the model
     * @throws IOException when the port cannot be bound or the CNN cannot run
     */
    public InferenceServer start() throws IOException {
      return new InferenceServer(this);
    }
  }

  /**
   * Starts building a server over {@code predictor}.
   *
   * @param predictor the model to answer with; not null; it stays owned (and closed) by the caller
   * @return a builder with {@link ServerOptions#defaults()}, no feature store and no CNN
   * @throws NullPointerException if {@code predictor} is null
   */
  public static Builder builder(Predictor predictor) {
    return new Builder(predictor);
  }

  private InferenceServer(Builder b) throws IOException {
    this.predictor = b.predictor;
    this.options = b.options;
    this.json = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
    this.images = new ImageInputs(predictor, b.features, b.cnn, options.maxImagePixels());
    ModelMetadata meta = predictor.metadata();
    this.modelName = meta.model();
    this.limits = new AnswerQuery.Limits(options.maxQuestionChars(), predictor.vocabulary(),
        meta.answers().size(), predictor.hasAttention());
    this.modelJson = describeModel(meta);
    DynamicBatcher[] holder = new DynamicBatcher[1];
    this.metrics = new ServerMetrics(() -> holder[0] == null ? 0 : holder[0].queueDepth());
    this.batcher = new DynamicBatcher(predictor, options.maxBatch(), options.maxWaitMs(), options.queueCapacity(),
        metrics);
    holder[0] = batcher;
    AtomicInteger threadIds = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(options.threads(), r -> {
      Thread t = new Thread(r, "glimpse-serve-" + threadIds.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    Undertow server = Undertow.builder()
        .addHttpListener(options.port(), options.host())
        .setIoThreads(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())))
        .setWorkerThreads(2)
        .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, options.maxBodyBytes())
        .setHandler(this::handle)
        .build();
    try {
      server.start();
    } catch (RuntimeException e) {
      batcher.close();
      workers.shutdownNow();
      throw new IOException("cannot listen on " + options.host() + ":" + options.port() + ": "
          + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
    }
    this.undertow = server;
    this.port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    LOG.info("serving {} on {} (batches of up to {} queries, {} ms wait, {} worker threads)", modelName, url(),
        options.maxBatch(), options.maxWaitMs(), options.threads());
  }

  /**
   * Returns the port the server listens on (the chosen one when the options asked for 0).
   *
   * @return the bound TCP port, in [1, 65535]
   */
  public int port() {
    return port;
  }

  /**
   * Returns the server's base address, e.g. {@code http://127.0.0.1:8080}.
   *
   * @return the {@code http} URI of the bound host and port, without a trailing slash; IPv6 hosts are
   *     bracketed
   */
  public URI url() {
    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    return URI.create("http://" + host + ":" + port);
  }

  /**
   * Returns the model's architecture name, as the answers report it.
   *
   * @return the {@code model} field of the model's metadata
   */
  public String modelName() {
    return modelName;
  }

  /**
   * Returns the server's metrics.
   *
   * @return the live, thread-safe counters that {@code GET /metrics} renders
   */
  public ServerMetrics metrics() {
    return metrics;
  }

  private String describeModel(ModelMetadata meta) {
    ObjectNode m = json.createObjectNode();
    m.put("name", meta.model());
    m.put("format_version", meta.formatVersion().toString());
    try {
      m.set("config", json.readTree(meta.configJson()));
    } catch (JsonProcessingException e) {
      m.put("config", meta.configJson());
    }
    m.put("answers", meta.answers().size());
    m.put("vocabulary", meta.vocabulary().size());
    m.put("max_question_words", meta.tokenizer().maxLength());
    ObjectNode input = m.putObject("image_input");
    input.put("name", meta.imageInput().name());
    input.put("kind", meta.imageInput().shape().kind().cliName());
    ArrayNode dims = input.putArray("shape");
    meta.imageInput().shape().dims().forEach(dims::add);
    m.put("attention", predictor.hasAttention());
    ObjectNode accepts = m.putObject("accepts");
    accepts.put("image", images.acceptsImages());
    accepts.put("image_id", images.hasFeatureStore());
    m.set("provenance", json.valueToTree(meta.provenance()));
    ObjectNode batching = m.putObject("batching");
    batching.put("max_batch", options.maxBatch());
    batching.put("max_wait_ms", options.maxWaitMs());
    return m.toString();
  }

  // ---------------------------------------------------------------- routing (IO thread)

  private void handle(HttpServerExchange ex) {
    long start = System.nanoTime();
    String path = ex.getRequestPath();
    String endpoint = ENDPOINTS.stream().map(e -> e.substring(e.indexOf(' ') + 1)).filter(path::equals)
        .findFirst().orElse("other");
    inFlight.incrementAndGet();
    metrics.inFlight(1);
    ex.addExchangeCompleteListener((done, next) -> {
      metrics.inFlight(-1);
      metrics.request(endpoint, done.getStatusCode(), (System.nanoTime() - start) / 1e9);
      inFlight.decrementAndGet();
      next.proceed();
    });
    try {
      route(ex, path, endpoint, start);
    } catch (RequestException e) {
      sendError(ex, e.status(), e.getMessage());
    } catch (RuntimeException e) {
      internalError(ex, e);
    }
  }

  private void route(HttpServerExchange ex, String path, String endpoint, long start) {
    HttpString method = ex.getRequestMethod();
    if (endpoint.equals("other")) {
      throw new RequestException(404, "no endpoint " + method + " " + path + "; endpoints: " + ENDPOINTS);
    }
    boolean post = endpoint.equals(ANSWER) || endpoint.equals(ANSWER_BATCH);
    HttpString allowed = post ? Methods.POST : Methods.GET;
    if (!method.equals(allowed)) {
      ex.getResponseHeaders().put(Headers.ALLOW, allowed.toString());
      throw new RequestException(405, "method " + method + " is not allowed on " + endpoint + "; use " + allowed);
    }
    if (draining.get()) {
      if (endpoint.equals(HEALTH)) {
        send(ex, 503, "{\"status\":\"draining\"}", JSON_TYPE);
        return;
      }
      throw new RequestException(503, "the server is shutting down");
    }
    switch (endpoint) {
      case HEALTH -> send(ex, 200, "{\"status\":\"ok\"}", JSON_TYPE);
      case MODEL -> send(ex, 200, modelJson, JSON_TYPE);
      case METRICS -> send(ex, 200, metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
      default -> readBody(ex, endpoint, start);
    }
  }

  private void readBody(HttpServerExchange ex, String endpoint, long start) {
    String type = ex.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    if (type == null) {
      throw new RequestException(415, "missing Content-Type header; send " + JSON_TYPE);
    }
    String[] parts = type.split(";");
    if (!parts[0].trim().equalsIgnoreCase(JSON_TYPE)) {
      throw new RequestException(415, "Content-Type '" + type + "' is not supported; send " + JSON_TYPE);
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim().toLowerCase(Locale.ROOT);
      if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
        throw new RequestException(415, "charset '" + p.substring(8) + "' is not supported; send UTF-8 JSON");
      }
    }
    long length = ex.getRequestContentLength();
    if (length > options.maxBodyBytes()) {
      throw new RequestException(413, "request body of " + length + " bytes is larger than the limit of "
          + options.maxBodyBytes() + " bytes");
    }
    ex.setMaxEntitySize(options.maxBodyBytes());
    ex.getRequestReceiver().receiveFullBytes(
        (exchange, bytes) -> exchange.dispatch(workers, () -> process(exchange, endpoint, bytes, start)),
        (exchange, error) -> {
          if (error instanceof RequestTooBigException) {
            sendError(exchange, 413, "request body is larger than the limit of " + options.maxBodyBytes() + " bytes");
          } else {
            LOG.debug("reading a request body failed", error);
            sendError(exchange, 400, "could not read the request body: " + error.getMessage());
          }
        });
  }

  // ---------------------------------------------------------------- answering (worker threads)

  private void process(HttpServerExchange ex, String endpoint, byte[] body, long start) {
    try {
      JsonNode root = parse(body);
      if (endpoint.equals(ANSWER)) {
        AnswerQuery query = AnswerQuery.parse(root, "", limits);
        // Responses are written on the worker threads, so that the batching thread goes on to
        // the next batch instead of serialising this one's answers.
        answer(query, "").whenCompleteAsync((p, error) -> {
          if (error != null) {
            fail(ex, unwrap(error));
          } else {
            send(ex, 200, answerJson(p, query, start).toString(), JSON_TYPE);
          }
        }, workers);
      } else {
        answerBatch(ex, root, start);
      }
    } catch (RequestException e) {
      sendError(ex, e.status(), e.getMessage());
    } catch (RuntimeException e) {
      internalError(ex, e);
    }
  }

  private JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw new RequestException(400, "request body is empty; send a JSON object");
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      String msg = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
      String where = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
          ? " at line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr() : "";
      throw new RequestException(400, "request body is not valid JSON" + where + ": " + msg);
    }
  }

  /** Resolves the query's image and queues it; errors before queueing come back as a failed future. */
  private CompletableFuture<Prediction> answer(AnswerQuery q, String prefix) {
    try {
      float[] image = q.image() != null ? images.fromImage(q.image(), prefix + "image")
          : images.fromId(q.imageId(), prefix + "image_id");
      return batcher.submit(new VqaQuery(q.question(), image), q.topK());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void answerBatch(HttpServerExchange ex, JsonNode root, long start) {
    if (!root.isObject()) {
      throw new RequestException(400, "the request body must be a JSON object {\"queries\": [...]}, got "
          + AnswerQuery.describe(root));
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("queries")) {
        throw new RequestException(400, "unknown field '" + name + "'; a batch request has the field [queries]");
      }
    }
    JsonNode queries = root.get("queries");
    if (queries == null) {
      throw new RequestException(400, "missing field 'queries' (an array of queries)");
    }
    if (!queries.isArray()) {
      throw new RequestException(400, "field 'queries' must be an array, got " + AnswerQuery.describe(queries));
    }
    if (queries.isEmpty()) {
      throw new RequestException(400, "field 'queries' is empty; send at least one query");
    }
    if (queries.size() > options.maxBatchQueries()) {
      throw new RequestException(413, "field 'queries' has " + queries.size() + " queries; the limit is "
          + options.maxBatchQueries());
    }
    List<AnswerQuery> parsed = new ArrayList<>(queries.size());
    List<CompletableFuture<Prediction>> futures = new ArrayList<>(queries.size());
    for (int i = 0; i < queries.size(); i++) {
      String prefix = "queries[" + i + "].";
      try {
        AnswerQuery q = AnswerQuery.parse(queries.get(i), prefix, limits);
        parsed.add(q);
        futures.add(answer(q, prefix));
      } catch (RuntimeException e) {
        parsed.add(null);
        futures.add(CompletableFuture.failedFuture(e));
      }
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).whenCompleteAsync((ignored, e) -> {
      try {
        ObjectNode out = json.createObjectNode();
        ArrayNode results = out.putArray("results");
        for (int i = 0; i < futures.size(); i++) {
          CompletableFuture<Prediction> f = futures.get(i);
          try {
            results.add(answerJson(f.join(), parsed.get(i), start));
          } catch (CompletionException | java.util.concurrent.CancellationException err) {
            Throwable cause = unwrap(err);
            ObjectNode item = results.addObject();
            if (cause instanceof RequestException re) {
              item.put("error", re.getMessage());
              item.put("status", re.status());
            } else {
              item.put("error", internalMessage(cause));
              item.put("status", 500);
            }
          }
        }
        send(ex, 200, out.toString(), JSON_TYPE);
      } catch (RuntimeException err) {
        internalError(ex, err);
      }
    }, workers);
  }

  private ObjectNode answerJson(Prediction p, AnswerQuery q, long start) {
    ObjectNode out = json.createObjectNode();
    ArrayNode answers = out.putArray("answers");
    for (RankedAnswer a : p.answers()) {
      ObjectNode item = answers.addObject();
      item.put("answer", a.answer());
      item.put("probability", a.probability());
    }
    if (q.attention()) {
      ArrayNode att = out.putArray("attention");
      for (float[] glimpse : p.attention()) {
        ArrayNode row = att.addArray();
        for (float v : glimpse) {
          row.add(v);
        }
      }
    }
    out.put("model", modelName);
    out.put("latency_ms", Math.round((System.nanoTime() - start) / 1e4) / 100.0);
    return out;
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private void fail(HttpServerExchange ex, Throwable error) {
    if (error instanceof RequestException re) {
      sendError(ex, re.status(), re.getMessage());
    } else {
      internalError(ex, error);
    }
  }

  private void internalError(HttpServerExchange ex, Throwable e) {
    sendError(ex, 500, internalMessage(e));
  }

  /** Logs the failure with its stack trace and returns a message with a reference but no trace. */
  private String internalMessage(Throwable e) {
    long id = errorIds.incrementAndGet();
    LOG.error("internal error #{} while answering", id, e);
    return "internal error #" + id + " while answering; see the server log";
  }

  private void sendError(HttpServerExchange ex, int status, String message) {
    ObjectNode body = json.createObjectNode();
    body.put("error", message);
    if (status == 413 || status == 400 && message.startsWith("could not read")) {
      ex.setPersistent(false);
    }
    send(ex, status, body.toString(), JSON_TYPE);
  }

  private static void send(HttpServerExchange ex, int status, String body, String contentType) {
    if (ex.isResponseStarted() || ex.isComplete()) {
      return;
    }
    ex.setStatusCode(status);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
    ex.getResponseSender().send(body, StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Blocks until {@link #close()} has finished.
   *
   * @throws InterruptedException if the waiting thread is interrupted; the server keeps running
   */
  public void awaitTermination() throws InterruptedException {
    stopped.await();
  }

  /**
   * Shuts down gracefully: new requests get 503, requests in flight (queued queries included)
   * are answered, waiting up to {@link ServerOptions#drainTimeout()}, then the batcher, workers
   * and listener stop. The predictor, feature store and CNN stay open for their owner to close.
   * Idempotent; a second caller returns once the first has finished.
   */
  @Override
  public void close() {
    if (!draining.compareAndSet(false, true)) {
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    try {
      long deadline = System.nanoTime() + options.drainTimeout().toNanos();
      while (inFlight.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      if (inFlight.get() > 0) {
        LOG.warn("closing with {} requests still in flight after {}", inFlight.get(), options.drainTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      batcher.close();
      undertow.stop();
      workers.shutdown();
      try {
        workers.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      LOG.info("stopped serving {} on port {}", modelName, port);
      stopped.countDown();
    }
  }
}
