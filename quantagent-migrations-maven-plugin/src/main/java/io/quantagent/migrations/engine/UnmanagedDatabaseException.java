package io.quantagent.migrations.engine;

/** The database has tables but no changelog: it must be adopted with stamp before it is migrated. */
public final class UnmanagedDatabaseException extends MigrationFailureException {
  public UnmanagedDatabaseException(String message) {
    super(message);
  }
}
