package io.quantagent.migrations.db;

/** Another run held the migration lock for longer than the configured timeout. */
public final class LockTimeoutException extends RuntimeException {
  public LockTimeoutException(String message) {
    super(message);
  }
}
