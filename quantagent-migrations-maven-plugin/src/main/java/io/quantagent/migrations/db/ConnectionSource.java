package io.quantagent.migrations.db;

/** Where the database URL came from; logged so a user can tell which setting won. */
public enum ConnectionSource {
  COMMAND_LINE("-Dquantagent.url"),
  ENVIRONMENT("the DATABASE_URL environment variable"),
  DOT_ENV_FILE("DATABASE_URL in the .env file"),
  POM("<url> in the POM"),
  EMBEDDED("the embedded development database");

  private final String description;

  ConnectionSource(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
