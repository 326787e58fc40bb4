package ai.glimpse.onnx.serve;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link InferenceServer} listens, batches and limits requests.
 *
 * @param host the address to bind, {@code 127.0.0.1} by default
 * @param port the TCP port; 0 picks a free one ({@link InferenceServer#port()} tells which)
 * @param maxBatch the most queries run in one ONNX Runtime call
 * @param maxWaitMs how long the first query of a batch waits for others to join, in milliseconds;
 *     0 runs whatever is queued at once
 * @param threads the worker threads that read, validate and decode requests (image decoding
 *     included); batches themselves run on one batching thread
 * @param maxBodyBytes the largest request body accepted, in bytes
 * @param maxQuestionChars the longest question accepted, in characters
 * @param maxBatchQueries the most queries one {@code /v1/answer:batch} request may hold
 * @param maxImagePixels the largest decoded image accepted, in pixels (width × height)
 * @param queueCapacity the most queries waiting for a batch; beyond it requests get 503
 * @param drainTimeout how long {@link InferenceServer#close()} waits for requests in flight
 */
public record ServerOptions(String host, int port, int maxBatch, long maxWaitMs, int threads,
    long maxBodyBytes, int maxQuestionChars, int maxBatchQueries, long maxImagePixels, int queueCapacity,
    Duration drainTimeout) {
  /** The default bind address: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** The default batch size limit. */
  public static final int DEFAULT_MAX_BATCH = 32;
  /** The default batching wait, in milliseconds. */
  public static final long DEFAULT_MAX_WAIT_MS = 5;

  /**
   * Validates the options.
   *
   * @param host the address to bind, {@code 127.0.0.1} by default
   * @param port the TCP port; 0 picks a free one ({@link InferenceServer#port()} tells which)
   * @param maxBatch the most queries run in one ONNX Runtime call
   * @param maxWaitMs how long the first query of a batch waits for others to join, in milliseconds; 0 runs
   *     whatever is queued at once
   * @param threads the worker threads that read, validate and decode requests (image decoding included);
   *     batches themselves run on one batching thread
   * @param maxBodyBytes the largest request body accepted, in bytes
   * @param maxQuestionChars the longest question accepted, in characters
   * @param maxBatchQueries the most queries one {@code /v1/answer:batch} request may hold
   * @param maxImagePixels the largest decoded image accepted, in pixels (width × height)
   * @param queueCapacity the most queries waiting for a batch; beyond it requests get 503
   * @param drainTimeout how long {@link InferenceServer#close()} waits for requests in flight
   * @throws IllegalArgumentException if {@code host} is blank, {@code port} is outside [0, 65535],
   *     {@code maxBatch}, {@code threads}, {@code maxQuestionChars}, {@code maxBatchQueries} or
   *     {@code maxImagePixels} is below 1, {@code maxWaitMs} or {@code drainTimeout} is negative,
   *     {@code maxBodyBytes} is below 64, or {@code queueCapacity} is below {@code maxBatch}
   * @throws NullPointerException if {@code host} or {@code drainTimeout} is null
   */
  public ServerOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
    }
    if (maxWaitMs < 0) {
      throw new IllegalArgumentException("maxWaitMs must be >= 0, got " + maxWaitMs);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (maxBodyBytes < 64) {
      throw new IllegalArgumentException("maxBodyBytes must be >= 64, got " + maxBodyBytes);
    }
    if (maxQuestionChars < 1) {
      throw new IllegalArgumentException("maxQuestionChars must be >= 1, got " + maxQuestionChars);
    }
    if (maxBatchQueries < 1) {
      throw new IllegalArgumentException("maxBatchQueries must be >= 1, got " + maxBatchQueries);
    }
    if (maxImagePixels < 1) {
      throw new IllegalArgumentException("maxImagePixels must be >= 1, got " + maxImagePixels);
    }
    if (queueCapacity < maxBatch) {
      throw new IllegalArgumentException("queueCapacity must be >= maxBatch (" + maxBatch + "), got " + queueCapacity);
    }
    if (drainTimeout.isNegative()) {
      throw new IllegalArgumentException("drainTimeout must not be negative, got " + drainTimeout);
    }
  }

  /**
   * Loopback, a free port, batches of up to 32 gathered for up to 5 ms, worker threads = 2 × cores,
   * 16 MiB bodies, 1,000-character questions, 256 queries per batch request, 40 Mpx images, 4,096
   * queued queries, 30 s drain.
   *
   * @return the default options; the worker thread count is read from the current JVM's
   *     available processors (at least 2)
   */
  public static ServerOptions defaults() {
    return new ServerOptions(DEFAULT_HOST, 0, DEFAULT_MAX_BATCH, DEFAULT_MAX_WAIT_MS,
        Math.max(2, 2 * Runtime.getRuntime().availableProcessors()), 16L << 20, 1000, 256, 40_000_000L, 4096,
        Duration.ofSeconds(30));
  }

  /**
   * Returns a copy binding {@code newHost}.
   *
   * @param newHost the address to bind, e.g. {@code 0.0.0.0} for all interfaces; not null or blank
   * @return a new options instance; this one is unchanged
   * @throws IllegalArgumentException if {@code newHost} is blank
   */
  public ServerOptions withHost(String newHost) {
    return new ServerOptions(newHost, port, maxBatch, maxWaitMs, threads, maxBodyBytes, maxQuestionChars,
        maxBatchQueries, maxImagePixels, queueCapacity, drainTimeout);
  }

  /**
   * Returns a copy listening on {@code newPort}.
   *
   * @param newPort the TCP port in [0, 65535]; 0 picks a free one
   * @return a new options instance; this one is unchanged
   * @throws IllegalArgumentException if {@code newPort} is out of range
   */
  public ServerOptions withPort(int newPort) {
    return new ServerOptions(host, newPort, maxBatch, maxWaitMs, threads, maxBodyBytes, maxQuestionChars,
        maxBatchQueries, maxImagePixels, queueCapacity, drainTimeout);
  }

  /**
   * Returns a copy batching up to {@code newMaxBatch} queries for up to {@code newMaxWaitMs} ms. The
   * queue capacity is raised to {@code newMaxBatch} if it was smaller.
   *
   * @param newMaxBatch the most queries per ONNX Runtime call, at least 1
   * @param newMaxWaitMs how long the first query of a batch waits for others, in milliseconds, at
   *     least 0 (0 runs whatever is queued at once)
   * @return a new options instance; this one is unchanged
   * @throws IllegalArgumentException if either value is out of range
   */
  public ServerOptions withBatching(int newMaxBatch, long newMaxWaitMs) {
    return new ServerOptions(host, port, newMaxBatch, newMaxWaitMs, threads, maxBodyBytes, maxQuestionChars,
        maxBatchQueries, maxImagePixels, Math.max(queueCapacity, newMaxBatch), drainTimeout);
  }

  /**
   * Returns a copy with {@code newThreads} request worker threads.
   *
   * @param newThreads the number of threads that read, validate and decode requests, at least 1
   * @return a new options instance; this one is unchanged
   * @throws IllegalArgumentException if {@code newThreads} is below 1
   */
  public ServerOptions withThreads(int newThreads) {
    return new ServerOptions(host, port, maxBatch, maxWaitMs, newThreads, maxBodyBytes, maxQuestionChars,
        maxBatchQueries, maxImagePixels, queueCapacity, drainTimeout);
  }

  /**
   * Returns a copy with these request size limits.
   *
   * @param newMaxBodyBytes the largest request body accepted, in bytes, at least 64
   * @param newMaxQuestionChars the longest question accepted, in characters, at least 1
   * @param newMaxBatchQueries the most queries one {@code /v1/answer:batch} request may hold, at least 1
   * @param newMaxImagePixels the largest decoded image accepted, in pixels (width × height), at least 1
   * @return a new options instance; this one is unchanged
   * @throws IllegalArgumentException if any limit is below its minimum
   */
  public ServerOptions withLimits(long newMaxBodyBytes, int newMaxQuestionChars, int newMaxBatchQueries,
      long newMaxImagePixels) {
    return new ServerOptions(host, port, maxBatch, maxWaitMs, threads, newMaxBodyBytes, newMaxQuestionChars,
        newMaxBatchQueries, newMaxImagePixels, queueCapacity, drainTimeout);
  }

  /**
   * Returns a copy whose close() waits up to {@code newDrainTimeout} for requests in flight.
   *
   * @param newDrainTimeout the drain wait; not null or negative ({@link Duration#ZERO} does not wait)
   * @return a new options instance; this one is unchanged
   * @throws IllegalArgumentException if {@code newDrainTimeout} is negative
   */
  public ServerOptions withDrainTimeout(Duration newDrainTimeout) {
    return new ServerOptions(host, port, maxBatch, maxWaitMs, threads, maxBodyBytes, maxQuestionChars,
        maxBatchQueries, maxImagePixels, queueCapacity, newDrainTimeout);
  }
}
