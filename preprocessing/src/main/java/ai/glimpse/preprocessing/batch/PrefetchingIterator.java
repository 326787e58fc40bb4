package ai.glimpse.preprocessing.batch;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Batches assembled ahead on a background thread: while the caller trains on one batch, the next
 * {@code depth} are gathered (token copies, target scatter, feature reads from memory or HDF5).
 * Created by {@link BatchIterator#prefetch(int)}, whose ring of arrays keeps each batch valid
 * until the caller takes the next. A failure on the background thread is rethrown by
 * {@link #next()}. Close it to stop the thread early.
 */
public final class PrefetchingIterator implements Iterator<Batch>, AutoCloseable {
  private static final Object END = new Object();

  private final BlockingQueue<Object> queue;
  private final Thread worker;
  private Object head;
  private volatile boolean closed;

  // depth >= 1: checked by BatchIterator.prefetch, the only caller.
  PrefetchingIterator(BatchIterator source, int depth) {
    this.queue = new ArrayBlockingQueue<>(depth);
    this.worker = new Thread(() -> {
      try {
        while (!closed && source.hasNext()) {
          queue.put(source.next());
        }
        queue.put(END);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException | Error e) {
        try {
          queue.put(e);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
      }
    }, "glimpse-batch-prefetch");
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public boolean hasNext() {
    return peek() != END;
  }

  @Override
  public Batch next() {
    Object item = peek();
    if (item == END) {
      throw new NoSuchElementException();
    }
    head = null;
    return (Batch) item;
  }

  private Object peek() {
    if (head == null) {
      if (closed) {
        return END;
      }
      try {
        head = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the next batch", e);
      }
      if (head instanceof RuntimeException e) {
        head = END;
        throw e;
      }
      if (head instanceof Error e) {
        head = END;
        throw e;
      }
    }
    return head;
  }

  /** Stops the background thread; later calls see no more batches. */
  @Override
  public void close() {
    closed = true;
    worker.interrupt();
    queue.clear();
    head = END;
  }
}
