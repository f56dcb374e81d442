package io.quantagent.migrations.engine;

/**
 * A migration kept losing to other sessions through every attempt: it timed out waiting for a lock, PostgreSQL chose
 * it to end a deadlock, or rolled it back for a serialization failure (another session's commit changed what its
 * repeatable read or serializable transaction had read). Nothing of it is applied. Not the script's fault: the
 * database was busy (BUILD ERROR, like the run lock's timeout).
 */
public final class SessionConflictException extends RuntimeException {
  public SessionConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
