package io.quantagent.migrations.engine;

/** A migration script that cannot be used as it is: bad name, missing header, duplicate id, ... */
public final class InvalidScriptException extends MigrationFailureException {
  public InvalidScriptException(String message) {
    super(message);
  }
}
