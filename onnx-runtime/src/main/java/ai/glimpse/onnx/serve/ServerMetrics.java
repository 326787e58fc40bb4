package ai.glimpse.onnx.serve;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The server's counters, histograms and gauges, rendered in the Prometheus text exposition
 * format (version 0.0.4): {@code glimpse_requests_total{endpoint,status}},
 * {@code glimpse_request_duration_seconds{endpoint}} (histogram), {@code glimpse_batch_size}
 * (histogram, queries per ONNX Runtime call), {@code glimpse_batch_duration_seconds}
 * (histogram), {@code glimpse_queue_depth} and {@code glimpse_requests_in_flight} (gauges).
 * Safe for concurrent updates.
 */
public final class ServerMetrics {
  private static final double[] LATENCY_BUCKETS = {
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256};

  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
  private final Histogram batchSize = new Histogram(BATCH_BUCKETS);
  private final Histogram batchDuration = new Histogram(LATENCY_BUCKETS);
  private final AtomicLong inFlight = new AtomicLong();
  private final LongSupplier queueDepth;

  /**
   * Creates empty metrics whose queue depth gauge reads {@code queueDepth}.
   *
   * @param queueDepth called on every {@link #render()} for the number of queries waiting for a batch;
   *     must be thread-safe and not null
   */
  public ServerMetrics(LongSupplier queueDepth) {
    this.queueDepth = queueDepth;
  }

  /** A cumulative histogram with fixed upper bounds. */
  private static final class Histogram {
    private final double[] bounds;
    private final LongAdder[] counts;
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    Histogram(double[] bounds) {
      this.bounds = bounds;
      this.counts = new LongAdder[bounds.length];
      for (int i = 0; i < bounds.length; i++) {
        counts[i] = new LongAdder();
      }
    }

    void observe(double v) {
      for (int i = 0; i < bounds.length; i++) {
        if (v <= bounds[i]) {
          counts[i].increment();
          break;
        }
      }
      count.increment();
      sum.add(v);
    }

    void render(StringBuilder out, String name, String labels) {
      String sep = labels.isEmpty() ? "" : labels + ",";
      long cumulative = 0;
      for (int i = 0; i < bounds.length; i++) {
        cumulative += counts[i].sum();
        out.append(name).append("_bucket{").append(sep).append("le=\"").append(number(bounds[i])).append("\"} ")
            .append(cumulative).append('\n');
      }
      long total = Math.max(cumulative, count.sum());
      out.append(name).append("_bucket{").append(sep).append("le=\"+Inf\"} ").append(total).append('\n');
      String braces = labels.isEmpty() ? "" : "{" + labels + "}";
      out.append(name).append("_sum").append(braces).append(' ').append(number(sum.sum())).append('\n');
      out.append(name).append("_count").append(braces).append(' ').append(total).append('\n');
    }
  }

  /**
   * Counts one finished request to {@code endpoint} answered with {@code status} after {@code seconds}.
   *
   * @param endpoint the request path label, e.g. {@code /v1/answer}, or {@code other} for unknown paths
   * @param status the HTTP status code sent
   * @param seconds the time from request start to response, in seconds
   */
  public void request(String endpoint, int status, double seconds) {
    requests.computeIfAbsent(endpoint + '\u0000' + status, k -> new LongAdder()).increment();
    latency.computeIfAbsent(endpoint, k -> new Histogram(LATENCY_BUCKETS)).observe(seconds);
  }

  /**
   * Records one ONNX Runtime call over {@code size} queries taking {@code seconds}.
   *
   * @param size the number of queries in the batch, at least 1
   * @param seconds the duration of the call, in seconds
   */
  public void batch(int size, double seconds) {
    batchSize.observe(size);
    batchDuration.observe(seconds);
  }

  /** Marks a request as started ({@code +1}) or finished ({@code -1}). */
  void inFlight(int delta) {
    inFlight.addAndGet(delta);
  }

  /**
   * Returns the number of requests started and not yet answered.
   *
   * @return the current in-flight gauge, 0 or more
   */
  public long inFlight() {
    return inFlight.get();
  }

  /**
   * Returns the number of ONNX Runtime calls so far whose batch held more than one query.
   *
   * @return a count since this object was created, 0 or more
   */
  public long batchesLargerThanOne() {
    return batchSize.count.sum() - batchSize.counts[0].sum();
  }

  /**
   * Renders every metric in the Prometheus text exposition format.
   *
   * @return the whole exposition text, {@code \n}-terminated lines, with labeled series sorted by label
   */
  public String render() {
    StringBuilder out = new StringBuilder(4096);
    out.append("# HELP glimpse_requests_total HTTP requests answered, by endpoint and status code.\n");
    out.append("# TYPE glimpse_requests_total counter\n");
    Map<String, LongAdder> sorted = new TreeMap<>(requests);
    sorted.forEach((key, n) -> {
      int cut = key.indexOf('\u0000');
      out.append("glimpse_requests_total{endpoint=\"").append(escape(key.substring(0, cut)))
          .append("\",status=\"").append(key.substring(cut + 1)).append("\"} ").append(n.sum()).append('\n');
    });
    out.append("# HELP glimpse_request_duration_seconds Time from request start to response, by endpoint.\n");
    out.append("# TYPE glimpse_request_duration_seconds histogram\n");
    new TreeMap<>(latency).forEach((endpoint, h) ->
        h.render(out, "glimpse_request_duration_seconds", "endpoint=\"" + escape(endpoint) + "\""));
    out.append("# HELP glimpse_batch_size Queries per ONNX Runtime call.\n");
    out.append("# TYPE glimpse_batch_size histogram\n");
    batchSize.render(out, "glimpse_batch_size", "");
    out.append("# HELP glimpse_batch_duration_seconds Time of one ONNX Runtime call.\n");
    out.append("# TYPE glimpse_batch_duration_seconds histogram\n");
    batchDuration.render(out, "glimpse_batch_duration_seconds", "");
    out.append("# HELP glimpse_queue_depth Queries waiting for a batch.\n");
    out.append("# TYPE glimpse_queue_depth gauge\n");
    out.append("glimpse_queue_depth ").append(queueDepth.getAsLong()).append('\n');
    out.append("# HELP glimpse_requests_in_flight Requests started and not yet answered.\n");
    out.append("# TYPE glimpse_requests_in_flight gauge\n");
    out.append("glimpse_requests_in_flight ").append(inFlight.get()).append('\n');
    return out.toString();
  }

  private static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%s", v);
  }

  private static String escape(String label) {
    return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
