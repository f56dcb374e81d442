package io.quantagent.migrations.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * Refuses to run behind a pooler that hands each transaction to any server connection (PgBouncer's
 * {@code pool_mode=transaction}): there the run's session lock belongs to whichever server connection took it,
 * so it guards nothing, and outlives the run. A direct connection costs nothing to check: the process id the
 * server gave at login equals {@code pg_backend_pid()}. Behind a proxy (it gives its own id) two more looks tell
 * a session pool from a transaction pool: another client gets the same backend, or this client a different one.
 */
public final class TransactionPooler {
  private TransactionPooler() {}

  /** @param backendPid {@code pg_backend_pid()} as this connection's first transaction saw it */
  public static void refuse(Connection connection, int backendPid, ConnectionFactory connections)
      throws SQLException {
    if (connection.unwrap(PGConnection.class).getBackendPID() == backendPid) {
      return;
    }
    int otherClient;
    try (Connection other = connections.open()) {
      otherClient = backendPid(other);
    }
    int again = backendPid(connection);
    if (otherClient == backendPid || again != backendPid) {
      throw new InvalidDatabaseUrlException("Refusing to migrate through a pooler in transaction mode (PgBouncer"
          + " pool_mode=transaction, or alike) at " + UrlMasker.mask(connection.getMetaData().getURL()) + ": "
          + (again != backendPid ? "one connection was served by PostgreSQL backend " + backendPid + ", then by "
          + again : "two connections were served by the same PostgreSQL backend " + backendPid) + ", so the run's"
          + " session lock would belong to nobody. Point -Dquantagent.url (or DATABASE_URL) at the database itself,"
          + " or at a pool in session mode.");
    }
  }

  private static int backendPid(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
