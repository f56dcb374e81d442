package io.quantagent.migrations.engine;

import io.quantagent.migrations.events.EventLog;
import java.util.List;
import java.util.function.Consumer;

/** Event logs for tests: collect the lines ("INFO ...", "WARN ..."), or react to each as it comes. */
final class Events {
  private Events() {}

  static EventLog collecting(List<String> lines) {
    return listening(lines::add);
  }

  /** Every info and warn line, prefixed with its level, to {@code listener}; debug lines are dropped. */
  static EventLog listening(Consumer<String> listener) {
    return listening(listener, false);
  }

  /** Every line, debug lines too ("DEBUG ..."), to {@code listener}. */
  static EventLog listeningToAll(Consumer<String> listener) {
    return listening(listener, true);
  }

  private static EventLog listening(Consumer<String> listener, boolean debug) {
    return new EventLog() {
      @Override
      public void info(String message) {
        synchronized (this) {
          listener.accept("INFO " + message);
        }
      }

      @Override
      public void warn(String message) {
        synchronized (this) {
          listener.accept("WARN " + message);
        }
      }

      @Override
      public void debug(String message) {
        if (debug) {
          synchronized (this) {
            listener.accept("DEBUG " + message);
          }
        }
      }
    };
  }
}
