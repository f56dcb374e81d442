package io.quantagent.migrations.schema;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A setting made the scratch database's own default ({@code ALTER DATABASE ... SET}): every session opened on it
 * afterwards starts with it, and a script's RESET returns to it, as on the live database it mirrors.
 */
final class ScratchDefault {
  private ScratchDefault() {}

  /** @param assignment e.g. {@code search_path to a, b} or {@code timezone to 'UTC'}, quoted by the caller */
  static void set(Statement statement, String assignment) throws SQLException {
    String database;
    try (ResultSet rs = statement.executeQuery("select current_database()")) {
      rs.next();
      database = rs.getString(1);
    }
    statement.execute("alter database " + MigrationDraft.ident(database) + " set " + assignment);
  }
}
