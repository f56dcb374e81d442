package io.quantagent.migrations.embedded;

/**
 * The embedded PostgreSQL could not be prepared, started, stopped or reached. The message says what failed, carries
 * the relevant tail of initdb's output or of the server log, and what the user can do about it.
 */
public final class EmbeddedPostgresException extends RuntimeException {
  public EmbeddedPostgresException(String message) {
    super(message);
  }

  public EmbeddedPostgresException(String message, Throwable cause) {
    super(message, cause);
  }
}
