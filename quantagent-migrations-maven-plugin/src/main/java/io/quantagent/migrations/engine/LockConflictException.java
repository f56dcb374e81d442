package io.quantagent.migrations.engine;

/**
 * A migration kept losing to other sessions' locks through every attempt: it timed out waiting for one, or PostgreSQL
 * chose it to end a deadlock. Nothing of it is applied. Not the script's fault: the database was busy (BUILD ERROR,
 * like the run lock's timeout).
 */
public final class LockConflictException extends RuntimeException {
  public LockConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
