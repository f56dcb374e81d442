package io.quantagent.migrations.db;

/** A database URL that cannot be used; the message never contains the password. */
public final class InvalidDatabaseUrlException extends RuntimeException {
  public InvalidDatabaseUrlException(String message) {
    super(message);
  }
}
