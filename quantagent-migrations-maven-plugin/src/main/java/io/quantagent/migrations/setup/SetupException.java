package io.quantagent.migrations.setup;

/** The setup cannot go on with the answers it got: a missing batch property, a server that refused them. */
public final class SetupException extends RuntimeException {
  public SetupException(String message) {
    super(message);
  }
}
