package io.quantagent.migrations.engine;

/**
 * The statement_timeout a session starts with, and who set it. The run leaves it in force unless a script's line or
 * {@code -Dquantagent.statementTimeout} sets one, so when it cancels a statement the error names it and where to look.
 *
 * @param value as PostgreSQL shows it: {@code 30s}, {@code 0} for none
 * @param source pg_settings' source: {@code user}, {@code database}, {@code database user},
 *     {@code configuration file}, {@code client}, {@code default}, ...
 * @param role the login role, whose {@code ALTER ROLE ... SET} applies
 */
record ServerStatementTimeout(String value, String source, String role, String database) {
  boolean limits() {
    return !value.equals("0");
  }

  /** e.g. "30s, set for the role app (ALTER ROLE app SET statement_timeout)". */
  String describe() {
    String origin = switch (source) {
      case "user" -> "set for the role " + role + " (ALTER ROLE " + role + " SET statement_timeout)";
      case "database" -> "set for the database " + database + " (ALTER DATABASE " + database + " SET statement_timeout)";
      case "database user" -> "set for the role " + role + " in the database " + database + " (ALTER ROLE " + role
          + " IN DATABASE " + database + " SET statement_timeout)";
      case "configuration file" -> "set in the server's configuration (postgresql.conf, or ALTER SYSTEM)";
      case "client" -> "asked for by the connection (the URL's options=-c statement_timeout=..., or PGOPTIONS)";
      default -> "whose source pg_settings gives as '" + source + "'";
    };
    return value + ", " + origin;
  }
}
