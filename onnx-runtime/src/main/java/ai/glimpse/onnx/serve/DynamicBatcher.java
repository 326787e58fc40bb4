package ai.glimpse.onnx.serve;

import ai.glimpse.onnx.predict.Prediction;
import ai.glimpse.onnx.predict.Predictor;
import ai.glimpse.onnx.predict.VqaQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers queries submitted by concurrent requests into batches and runs each batch as one
 * {@link Predictor#predict(List, int)} call on a single batching thread. A batch closes when it
 * holds {@code maxBatch} queries or its first query has waited {@code maxWaitMs}; queries that
 * arrive while a batch runs form the next one. Each submitter gets its own prediction through
 * its future. Closing stops intake, runs every queued query, then stops the thread; the
 * predictor stays open (its owner closes it).
 */
final class DynamicBatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DynamicBatcher.class);

  private record Pending(VqaQuery query, int topK, long enqueuedNanos, CompletableFuture<Prediction> result) {}

  private final Predictor predictor;
  private final int maxBatch;
  private final long maxWaitNanos;
  private final ServerMetrics metrics;
  private final BlockingQueue<Pending> queue;
  private final Thread thread;
  private volatile boolean closed;

  DynamicBatcher(Predictor predictor, int maxBatch, long maxWaitMs, int capacity, ServerMetrics metrics) {
    this.predictor = predictor;
    this.maxBatch = maxBatch;
    this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
    this.metrics = metrics;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::loop, "glimpse-batcher");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Returns the number of queries waiting for a batch. */
  int queueDepth() {
    return queue.size();
  }

  /**
   * Queues one query; the future completes with its top {@code topK} answers, or exceptionally
   * when its batch fails.
   *
   * @throws RequestException 503 when the queue is full or the batcher is closed
   */
  CompletableFuture<Prediction> submit(VqaQuery query, int topK) {
    CompletableFuture<Prediction> result = new CompletableFuture<>();
    if (closed) {
      throw new RequestException(503, "the server is shutting down");
    }
    if (!queue.offer(new Pending(query, topK, System.nanoTime(), result))) {
      throw new RequestException(503, "the server is overloaded: " + queue.size()
          + " queries are waiting; retry later");
    }
    return result;
  }

  private void loop() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    while (true) {
      Pending first;
      try {
        first = queue.poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (first == null) {
        if (closed && queue.isEmpty()) {
          break;
        }
        continue;
      }
      batch.add(first);
      long deadline = first.enqueuedNanos() + maxWaitNanos;
      try {
        while (batch.size() < maxBatch) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            queue.drainTo(batch, maxBatch - batch.size());
            break;
          }
          Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
          if (next == null) {
            break;
          }
          batch.add(next);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      run(batch);
      batch.clear();
    }
    // Interrupted: nothing may wait forever.
    Pending p;
    while ((p = queue.poll()) != null) {
      p.result().completeExceptionally(new RequestException(503, "the server is shutting down"));
    }
  }

  private void run(List<Pending> batch) {
    int maxTopK = 1;
    List<VqaQuery> queries = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      queries.add(p.query());
      maxTopK = Math.max(maxTopK, p.topK());
    }
    long start = System.nanoTime();
    List<Prediction> predictions;
    try {
      predictions = predictor.predict(queries, maxTopK);
    } catch (RuntimeException e) {
      LOG.warn("a batch of {} queries failed: {}", batch.size(), e.getMessage());
      for (Pending p : batch) {
        p.result().completeExceptionally(e);
      }
      return;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    metrics.batch(batch.size(), seconds);
    LOG.debug("ran a batch of {} queries in {} ms", batch.size(), seconds * 1000);
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      Prediction full = predictions.get(i);
      p.result().complete(full.answers().size() <= p.topK() ? full
          : new Prediction(List.copyOf(full.answers().subList(0, p.topK())), full.attention(), full.gridSize()));
    }
  }

  /** Stops intake, runs the queued queries and waits for the batching thread to finish. */
  @Override
  public void close() {
    closed = true;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
    }
  }
}
