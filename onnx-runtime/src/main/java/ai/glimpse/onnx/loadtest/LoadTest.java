package ai.glimpse.onnx.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A closed-loop load test of {@code POST /v1/answer}: {@code concurrency} clients each send a
 * request, wait for its response and send the next, until the duration has passed or
 * {@code maxRequests} have been sent. Uses {@link java.net.http.HttpClient}; refuses
 * non-loopback hosts (see {@link LoadTestOptions}).
 */
public final class LoadTest {
  private static final Logger LOG = LoggerFactory.getLogger(LoadTest.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private LoadTest() {}

  /** One client's measurements. */
  private static final class ClientStats {
    long[] latencies = new long[1024];
    int count;
    long errors;
    final Map<Integer, Long> statuses = new TreeMap<>();
    final Set<String> samples = new LinkedHashSet<>();

    void record(long nanos, int status, String error) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = nanos;
      statuses.merge(status, 1L, Long::sum);
      if (error != null) {
        errors++;
        if (samples.size() < 5) {
          samples.add(error);
        }
      }
    }
  }

  /**
   * Returns a 64 × 64 PNG colour gradient, the image sent when the caller names none.
   *
   * @return the encoded PNG bytes, a new array on every call
   */
  public static byte[] sampleImage() {
    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(64, 64,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        img.setRGB(x, y, (x * 4) << 16 | (y * 4) << 8 | 128);
      }
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      javax.imageio.ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot encode the sample PNG", e);
    }
    return out.toByteArray();
  }

  /** Builds the JSON body every request sends. */
  static String body(LoadTestOptions o) {
    ObjectNode n = JSON.createObjectNode();
    n.put("question", o.question());
    if (o.image() != null) {
      n.put("image", Base64.getEncoder().encodeToString(o.image()));
    } else {
      n.put("image_id", o.imageId());
    }
    return n.toString();
  }

  /**
   * Runs the test and returns its measurements; blocks for at most the duration plus one
   * request timeout. Every request is the same {@code POST /v1/answer}; the client threads are
   * shut down (interrupted, not awaited) before this returns.
   *
   * @param options where to send what, with how many clients and for how long; not null
   * @return the latencies, throughput and error counts of the completed requests
   * @throws InterruptedException when interrupted while waiting for the clients
   * @throws IllegalStateException if a client thread fails unexpectedly
   */
  public static LoadTestReport run(LoadTestOptions options) throws InterruptedException {
    Objects.requireNonNull(options, "options");
    URI target = options.url().resolve("/v1/answer");
    String body = body(options);
    ExecutorService clients = Executors.newFixedThreadPool(options.concurrency(), r -> {
      Thread t = new Thread(r, "glimpse-loadtest");
      t.setDaemon(true);
      return t;
    });
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(options.requestTimeout()).executor(clients).build();
    HttpRequest request = HttpRequest.newBuilder(target).timeout(options.requestTimeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    AtomicLong budget = new AtomicLong(options.maxRequests() == 0 ? Long.MAX_VALUE : options.maxRequests());
    long start = System.nanoTime();
    long end = start + options.duration().toNanos();
    LOG.info("load-testing {} with {} clients for {} s", target, options.concurrency(),
        options.duration().toMillis() / 1000.0);
    List<Future<ClientStats>> futures = new ArrayList<>();
    ExecutorService loops = Executors.newFixedThreadPool(options.concurrency(), r -> {
      Thread t = new Thread(r, "glimpse-loadtest-client");
      t.setDaemon(true);
      return t;
    });
    try {
      for (int c = 0; c < options.concurrency(); c++) {
        futures.add(loops.submit(() -> client(http, request, end, budget)));
      }
      List<ClientStats> stats = new ArrayList<>();
      for (Future<ClientStats> f : futures) {
        try {
          stats.add(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("a load-test client failed: " + e.getCause(), e.getCause());
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return report(options, stats, seconds);
    } finally {
      loops.shutdownNow();
      clients.shutdownNow();
    }
  }

  private static ClientStats client(HttpClient http, HttpRequest request, long end, AtomicLong budget) {
    ClientStats s = new ClientStats();
    while (System.nanoTime() < end && budget.getAndDecrement() > 0) {
      long t0 = System.nanoTime();
      int status = 0;
      String error = null;
      try {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        status = r.statusCode();
        if (status != 200) {
          error = status + " " + r.body();
        }
      } catch (IOException e) {
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      s.record(System.nanoTime() - t0, status, error);
    }
    return s;
  }

  private static LoadTestReport report(LoadTestOptions o, List<ClientStats> stats, double seconds) {
    int n = stats.stream().mapToInt(s -> s.count).sum();
    long[] all = new long[n];
    int at = 0;
    long errors = 0;
    Map<Integer, Long> statuses = new TreeMap<>();
    Set<String> samples = new LinkedHashSet<>();
    for (ClientStats s : stats) {
      System.arraycopy(s.latencies, 0, all, at, s.count);
      at += s.count;
      errors += s.errors;
      s.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
      for (String e : s.samples) {
        if (samples.size() < 5) {
          samples.add(e);
        }
      }
    }
    Arrays.sort(all);
    return new LoadTestReport(o.url().toString(), o.concurrency(), seconds, n, errors,
        seconds > 0 ? n / seconds : 0, percentile(all, 50), percentile(all, 90), percentile(all, 99),
        n == 0 ? 0 : all[n - 1] / 1e6, statuses, new ArrayList<>(samples));
  }

  /** The nearest-rank percentile of sorted nanosecond latencies, in milliseconds (0 when empty). */
  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }

  /**
   * Writes the report as JSON (snake_case fields).
   *
   * @param r the report to write
   * @return pretty-printed JSON with {@code url}, {@code concurrency}, {@code seconds},
   *     {@code requests}, {@code errors}, {@code throughput_rps}, {@code latency_ms} ({@code p50},
   *     {@code p90}, {@code p99}, {@code max}), {@code status_counts} and {@code error_samples}
   */
  public static String toJson(LoadTestReport r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("url", r.url());
    n.put("concurrency", r.concurrency());
    n.put("seconds", r.seconds());
    n.put("requests", r.requests());
    n.put("errors", r.errors());
    n.put("throughput_rps", r.throughput());
    ObjectNode lat = n.putObject("latency_ms");
    lat.put("p50", r.p50Ms());
    lat.put("p90", r.p90Ms());
    lat.put("p99", r.p99Ms());
    lat.put("max", r.maxMs());
    ObjectNode st = n.putObject("status_counts");
    new TreeMap<>(r.statusCounts()).forEach((k, v) -> st.put(Integer.toString(k), v));
    r.errorSamples().forEach(n.putArray("error_samples")::add);
    return n.toPrettyString();
  }
}
