package io.quantagent.migrations.engine;

/** A migration script failed on the database; that migration was rolled back entirely. */
public final class ScriptFailedException extends MigrationFailureException {
  public ScriptFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
