package io.quantagent.migrations.db;

/** The database could not be reached or refused us; the message says which URL (masked) and what to do. */
public final class DatabaseConnectionException extends RuntimeException {
  public DatabaseConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
