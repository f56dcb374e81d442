package io.quantagent.migrations.engine;

/** A target that is malformed or cannot be reached from where the database stands; nothing was changed. */
public final class InvalidTargetException extends MigrationFailureException {
  public InvalidTargetException(String message) {
    super(message);
  }
}
