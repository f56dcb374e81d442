package io.quantagent.migrations.engine;

/**
 * A migration kept timing out on a lock another session held, through every attempt; nothing of it is applied.
 * Not the script's fault: the database was busy (BUILD ERROR, like the run lock's timeout).
 */
public final class StatementLockTimeoutException extends RuntimeException {
  public StatementLockTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
