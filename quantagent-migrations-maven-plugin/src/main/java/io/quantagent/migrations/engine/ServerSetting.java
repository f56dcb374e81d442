package io.quantagent.migrations.engine;

import io.quantagent.migrations.db.SqlIdentifier;

/**
 * A setting a session starts with, and who set it, so that an error it causes can say where to change it: a timeout
 * (statement_timeout, transaction_timeout), which the run leaves in force unless a script's line or a setting of the
 * run replaces it, or the search_path the changelog is found in.
 *
 * @param name the setting, e.g. {@code statement_timeout}
 * @param value as PostgreSQL shows it: {@code 30s}, {@code 0} for none
 * @param source pg_settings' source: {@code user}, {@code database}, {@code database user},
 *     {@code configuration file}, {@code client}, {@code default}, ...
 * @param role the login role, whose {@code ALTER ROLE ... SET} applies
 */
record ServerSetting(String name, String value, String source, String role, String database) {
  /** A setting this server does not have (transaction_timeout before PostgreSQL 17) limits nothing. */
  ServerSetting {
    value = value == null ? "0" : value;
    source = source == null ? "default" : source;
  }

  boolean limits() {
    return !value.equals("0");
  }

  /** e.g. "30s, set for the role app (ALTER ROLE app SET statement_timeout)". */
  String describe() {
    String asRole = role == null ? null : SqlIdentifier.of(role);
    String asDatabase = database == null ? null : SqlIdentifier.of(database);
    String origin = switch (source) {
      case "user" -> "set for the role " + role + " (ALTER ROLE " + asRole + " SET " + name + ")";
      case "database" -> "set for the database " + database + " (ALTER DATABASE " + asDatabase + " SET " + name + ")";
      case "database user" -> "set for the role " + role + " in the database " + database + " (ALTER ROLE " + asRole
          + " IN DATABASE " + asDatabase + " SET " + name + ")";
      case "configuration file" -> "set in the server's configuration (postgresql.conf, or ALTER SYSTEM)";
      case "client" -> "asked for by the connection (the URL's options=-c " + name + "=..., or PGOPTIONS)";
      default -> "whose source pg_settings gives as '" + source + "'";
    };
    return value + ", " + origin;
  }
}
