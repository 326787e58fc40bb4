package ai.glimpse.onnx.loadtest;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link LoadTest} sends, to where, and for how long.
 *
 * @param url the server's base address, {@code http://127.0.0.1:PORT}; loopback hosts only
 * @param concurrency the number of clients, each with one request outstanding at a time
 * @param duration how long to send requests; the test stops at this time or {@code maxRequests}
 * @param maxRequests the most requests to send in all; 0 for no limit besides the duration
 * @param question the question every request asks
 * @param image the PNG or JPEG bytes to send, or null when {@code imageId} is given
 * @param imageId the image id to send (from the server's feature store), or null
 * @param requestTimeout how long one request may take before it counts as an error
 */
public record LoadTestOptions(URI url, int concurrency, Duration duration, long maxRequests, String question,
    byte[] image, Long imageId, Duration requestTimeout) {
  /**
   * Validates the options; a non-loopback host is refused.
   *
   * @param url the server's base address, {@code http://127.0.0.1:PORT}; loopback hosts only
   * @param concurrency the number of clients, each with one request outstanding at a time
   * @param duration how long to send requests; the test stops at this time or {@code maxRequests}
   * @param maxRequests the most requests to send in all; 0 for no limit besides the duration
   * @param question the question every request asks
   * @param image the PNG or JPEG bytes to send, or null when {@code imageId} is given
   * @param imageId the image id to send (from the server's feature store), or null
   * @param requestTimeout how long one request may take before it counts as an error
   * @throws IllegalArgumentException if {@code url} is not {@code http://HOST:PORT} with a host resolving
   *     only to loopback addresses, {@code concurrency} is outside [1, 4096], {@code duration} is not in
   *     (0, 1 h], {@code maxRequests} is negative, {@code question} is blank, not exactly one of
   *     {@code image} and {@code imageId} is given, or {@code requestTimeout} is not positive
   * @throws NullPointerException if {@code url}, {@code duration}, {@code question} or
   *     {@code requestTimeout} is null
   */
  public LoadTestOptions {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
      throw new IllegalArgumentException("url must be http://HOST:PORT, got " + url);
    }
    LoopbackCheck.require(url.getHost());
    if (concurrency < 1 || concurrency > 4096) {
      throw new IllegalArgumentException("concurrency must be in [1, 4096], got " + concurrency);
    }
    if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("duration must be > 0 and at most 1 hour, got " + duration);
    }
    if (maxRequests < 0) {
      throw new IllegalArgumentException("maxRequests must be >= 0 (0 = no limit), got " + maxRequests);
    }
    if (question.isBlank()) {
      throw new IllegalArgumentException("question must not be blank");
    }
    if ((image == null) == (imageId == null)) {
      throw new IllegalArgumentException("give exactly one of an image and an image id");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be > 0, got " + requestTimeout);
    }
  }
}
