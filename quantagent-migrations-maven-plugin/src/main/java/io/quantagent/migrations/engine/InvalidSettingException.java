package io.quantagent.migrations.engine;

/** A setting of the run (a {@code -D} property, a POM element or a script header) has a value that cannot be used. */
public final class InvalidSettingException extends MigrationFailureException {
  public InvalidSettingException(String message) {
    super(message);
  }
}
