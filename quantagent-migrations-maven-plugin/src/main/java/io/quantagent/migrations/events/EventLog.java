package io.quantagent.migrations.events;

/**
 * How the engine, the connection layer and the embedded database report what they do. They never print:
 * the Maven layer maps this to Maven's log, tests collect it.
 */
public interface EventLog {

  void info(String message);

  void warn(String message);

  void debug(String message);

  /** Drops everything; for callers that only want results. */
  static EventLog silent() {
    return new EventLog() {
      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {}

      @Override
      public void debug(String message) {}
    };
  }
}
