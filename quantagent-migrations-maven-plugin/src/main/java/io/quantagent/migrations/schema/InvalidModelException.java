package io.quantagent.migrations.schema;

import io.quantagent.migrations.engine.MigrationFailureException;

/** The model ({@code <model>}) is missing, unreadable, or does not build on an empty database. */
public final class InvalidModelException extends MigrationFailureException {
  public InvalidModelException(String message) {
    super(message);
  }

  public InvalidModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
