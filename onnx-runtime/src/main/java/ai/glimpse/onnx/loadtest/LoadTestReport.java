package ai.glimpse.onnx.loadtest;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@link LoadTest} measured.
 *
 * @param url the server address
 * @param concurrency the number of clients
 * @param seconds the wall time from the first request to the last response, in seconds
 * @param requests the requests completed (answered or failed)
 * @param errors the requests that failed: a status other than 200, or no response
 * @param throughput completed requests per second
 * @param p50Ms the median latency, in milliseconds
 * @param p90Ms the 90th percentile latency, in milliseconds
 * @param p99Ms the 99th percentile latency, in milliseconds
 * @param maxMs the largest latency, in milliseconds
 * @param statusCounts the number of responses by HTTP status ({@code 0} for no response)
 * @param errorSamples up to 5 distinct error messages
 */
public record LoadTestReport(String url, int concurrency, double seconds, long requests, long errors,
    double throughput, double p50Ms, double p90Ms, double p99Ms, double maxMs, Map<Integer, Long> statusCounts,
    List<String> errorSamples) {
  /**
   * Copies the collections into unmodifiable ones.
   *
   * @param url the server address
   * @param concurrency the number of clients
   * @param seconds the wall time from the first request to the last response, in seconds
   * @param requests the requests completed (answered or failed)
   * @param errors the requests that failed: a status other than 200, or no response
   * @param throughput completed requests per second
   * @param p50Ms the median latency, in milliseconds
   * @param p90Ms the 90th percentile latency, in milliseconds
   * @param p99Ms the 99th percentile latency, in milliseconds
   * @param maxMs the largest latency, in milliseconds
   * @param statusCounts the number of responses by HTTP status ({@code 0} for no response)
   * @param errorSamples up to 5 distinct error messages
   * @throws NullPointerException if a collection, key, value or element is null
   */
  public LoadTestReport {
    statusCounts = Map.copyOf(statusCounts);
    errorSamples = List.copyOf(errorSamples);
  }

  /**
   * Returns the report as printed by {@code glimpse loadtest}, one figure per line.
   *
   * @return four lines (requests, throughput, latency, errors), each ending with the platform line
   *     separator, numbers formatted in {@link Locale#ROOT}
   */
  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "requests:   %d in %.1f s (%d clients)%n", requests, seconds, concurrency));
    b.append(String.format(Locale.ROOT, "throughput: %.1f req/s%n", throughput));
    b.append(String.format(Locale.ROOT, "latency:    p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        p50Ms, p90Ms, p99Ms, maxMs));
    b.append(String.format(Locale.ROOT, "errors:     %d%s%n", errors,
        errors == 0 ? "" : " " + statusCounts + " e.g. " + errorSamples));
    return b.toString();
  }
}
