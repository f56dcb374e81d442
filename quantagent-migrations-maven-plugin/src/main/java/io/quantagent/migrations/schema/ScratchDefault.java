package io.quantagent.migrations.schema;

import io.quantagent.migrations.db.ConnectionFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

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

  /** Work on a scratch database's own connection, before any other opens. */
  interface Preparation {
    void on(Statement statement) throws SQLException;
  }

  /**
   * {@code scratch}'s connections, {@code preparation} done first, once, on a connection of its own: sessions opened
   * after it start with the defaults it set.
   *
   * @param whatFails the failure's message when it cannot be done
   */
  static ConnectionFactory afterOnce(ConnectionFactory scratch, String whatFails, Preparation preparation) {
    AtomicBoolean prepared = new AtomicBoolean();
    return () -> {
      if (!prepared.get()) {
        try (Connection connection = scratch.open(); Statement statement = connection.createStatement()) {
          preparation.on(statement);
        } catch (SQLException e) {
          throw new CatalogReadException(whatFails + ": " + e.getMessage(), e);
        }
        prepared.set(true);
      }
      return scratch.open();
    };
  }
}
