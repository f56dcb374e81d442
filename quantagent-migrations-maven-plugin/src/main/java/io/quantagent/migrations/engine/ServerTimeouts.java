package io.quantagent.migrations.engine;

import io.quantagent.migrations.db.ConnectionFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The statement and transaction timeouts a new session of the run's role and database starts with, and who set them.
 * Read only when one of them has ended a migration, on a connection of its own, since the migration's may be gone
 * (transaction_timeout ends the session): pg_settings builds every setting's row, about 2 ms a query, which a run
 * that fails no statement should not pay.
 */
record ServerTimeouts(ServerSetting statement, ServerSetting transaction) {
  private static final String QUERY = "select current_setting('statement_timeout'), (select source from pg_settings"
      + " where name = 'statement_timeout'), current_setting('transaction_timeout', true), (select source from"
      + " pg_settings where name = 'transaction_timeout'), session_user, current_database()";

  /** Empty when they cannot be read: the server is gone, or no longer lets the run in. */
  static Optional<ServerTimeouts> read(ConnectionFactory connections) {
    try (Connection connection = connections.open(); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(QUERY)) {
      rs.next();
      String role = rs.getString(5);
      String database = rs.getString(6);
      return Optional.of(new ServerTimeouts(
          new ServerSetting("statement_timeout", rs.getString(1), rs.getString(2), role, database),
          new ServerSetting("transaction_timeout", rs.getString(3), rs.getString(4), role, database)));
    } catch (SQLException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
