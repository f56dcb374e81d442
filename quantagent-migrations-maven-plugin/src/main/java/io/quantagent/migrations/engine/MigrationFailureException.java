package io.quantagent.migrations.engine;

/**
 * Something the user's project must change: a bad target, a broken script, a migration that failed.
 * The Maven layer reports these as BUILD FAILURE; every other exception means the environment is broken.
 */
public class MigrationFailureException extends RuntimeException {
  public MigrationFailureException(String message) {
    super(message);
  }

  public MigrationFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}
