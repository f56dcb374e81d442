package io.quantagent.migrations.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sends a run's migrations on a thread of their own, in order, while the caller (MyBatis' walk) prepares the next
 * ones: the server executes migrations while the client builds the following (rows, checksums, batches). Without
 * it the two took turns, and at 10,000 migrations the client's share was a third of the run. What queued up while
 * the sender waited for the server goes out together, as one window, so a server that is slower than the client
 * is never left waiting for the next round trip. The first failure stops the sending and drops what was queued
 * behind it; the caller gets that failure at its next {@link #submit} or {@link #await}.
 *
 * @param <T> one migration's batch
 */
final class SendAhead<T> implements AutoCloseable {
  /** How far the caller may run ahead, and so the largest window; a migration queued here costs a few kilobytes. */
  static final int DEPTH = 32;

  private final String threadName;
  private final Consumer<List<T>> sendWindow;
  private final Deque<T> queue = new ArrayDeque<>();
  private Thread thread;
  private boolean running;
  private boolean closed;
  private Throwable failure;

  /**
   * @param sendWindow sends the migrations it is given, in order; it runs on the sender's thread, and what it
   *     throws stops the sending
   */
  SendAhead(String threadName, Consumer<List<T>> sendWindow) {
    this.threadName = threadName;
    this.sendWindow = sendWindow;
  }

  /** Queues {@code batch}, waiting while {@link #DEPTH} are queued; throws an earlier window's failure instead. */
  synchronized void submit(T batch) {
    while (failure == null && queue.size() >= DEPTH) {
      waitForSender();
    }
    rethrowFailure();
    if (closed) {
      throw new IllegalStateException("The migrations' sender is closed");
    }
    queue.add(batch);
    if (thread == null) {
      thread = new Thread(this::sendAll, threadName);
      thread.setDaemon(true);
      thread.start();
    }
    notifyAll();
  }

  /** Waits until everything submitted was sent; throws the first failure. */
  synchronized void await() {
    while (failure == null && (running || !queue.isEmpty())) {
      waitForSender();
    }
    rethrowFailure();
  }

  /**
   * After a failure (the sender's, or the caller's own): drops what is queued and waits for the window in progress,
   * so that the caller may use the connection again and report exactly what was applied. Never throws.
   */
  synchronized void stop() {
    queue.clear();
    boolean interrupted = false;
    while (running) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true; // the send in progress holds the connection: it must end before anyone else uses it
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    stop();
    closed = true;
    notifyAll();
  }

  private void sendAll() {
    while (true) {
      List<T> window;
      synchronized (this) {
        while (queue.isEmpty() && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (queue.isEmpty()) {
          return;
        }
        window = new ArrayList<>(queue);
        queue.clear();
        running = true;
      }
      Throwable failed = null;
      try {
        sendWindow.accept(window);
      } catch (RuntimeException | Error e) {
        failed = e;
      } finally {
        synchronized (this) {
          running = false;
          if (failed != null && failure == null) {
            failure = failed;
            queue.clear();
          }
          notifyAll();
        }
      }
    }
  }

  private void waitForSender() {
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      throw new IllegalStateException("Interrupted while migrations were being sent; the run stopped after the one"
          + " in progress.", e);
    }
  }

  private void rethrowFailure() {
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
  }
}
