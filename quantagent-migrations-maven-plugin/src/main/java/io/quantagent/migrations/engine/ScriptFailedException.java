package io.quantagent.migrations.engine;

/**
 * A migration script failed on the database: the user's to fix. Its message says what of the migration is left, which
 * is not always nothing (a no-transaction script commits statement by statement; a round trip the driver lost may have
 * committed).
 */
public final class ScriptFailedException extends MigrationFailureException {
  private final String failure;

  public ScriptFailedException(String message, Throwable cause) {
    this(message, message, cause);
  }

  ScriptFailedException(String message, String failure, Throwable cause) {
    super(message, cause);
    this.failure = failure;
  }

  /**
   * What failed, where and what PostgreSQL said, without what the run left and what to do, which suit only a run on
   * the database the user migrates.
   */
  public String failure() {
    return failure;
  }
}
