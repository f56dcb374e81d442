package io.quantagent.migrations.schema;

import io.quantagent.migrations.db.ConnectionFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where a connection creates and finds unqualified names: its current schema and its search_path. The catalog prints
 * a name qualified unless its schema is on the search_path, so a scratch database must build its schema where the
 * live one was built, or every index and foreign key of a database migrated into its own schema (a role's
 * search_path, {@code ?currentSchema=} in the URL) would differ from it by its schema's name alone.
 *
 * @param schema the current schema; null when no schema of the path exists
 * @param path the search_path as the server shows it
 */
record SearchPath(String schema, String path) {
  /** Where a new database builds: for a model, which has no live database to follow. */
  static final SearchPath NEW_DATABASE = new SearchPath("public", "\"$user\", public");

  static SearchPath of(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select current_schema(), current_setting('search_path')")) {
      rs.next();
      return new SearchPath(rs.getString(1), rs.getString(2));
    }
  }

  /** {@code scratch}'s connections, in a schema of this one's name, with this search_path. */
  ConnectionFactory on(ConnectionFactory scratch) {
    if (schema == null || schema.equals("public")) {
      return scratch; // where a new database builds anyway
    }
    return () -> {
      Connection connection = scratch.open();
      try (Statement statement = connection.createStatement()) {
        statement.execute("create schema if not exists \"" + schema.replace("\"", "\"\"") + "\"");
        statement.execute("select set_config('search_path', '" + path.replace("'", "''") + "', false)");
      } catch (SQLException e) {
        try {
          connection.close();
        } catch (SQLException closing) {
          e.addSuppressed(closing);
        }
        throw new CatalogReadException("Cannot build the scratch database in schema " + schema + " with search_path "
            + path + ", as the live database has them: " + e.getMessage(), e);
      }
      return connection;
    };
  }
}
