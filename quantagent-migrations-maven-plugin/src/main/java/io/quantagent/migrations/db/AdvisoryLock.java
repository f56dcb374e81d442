package io.quantagent.migrations.db;

import io.quantagent.migrations.events.EventLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A session-level PostgreSQL advisory lock that keeps two migration runs on one database apart. Being tied
 * to the session, it goes away with the connection: a killed process leaves no stale lock behind.
 */
public final class AdvisoryLock implements AutoCloseable {
  private static final long NAMESPACE = 0x5141_4D69_6772_0000L; // "QAMigr"

  private final Connection connection;
  private final long key;

  private AdvisoryLock(Connection connection, long key) {
    this.connection = connection;
    this.key = key;
  }

  /** Every run that records into the same changelog table takes the same lock. */
  public static long keyFor(String changelogTable) {
    return NAMESPACE | (changelogTable.hashCode() & 0xFFFFL);
  }

  /**
   * Takes the lock, waiting at most {@code timeout} for another holder. The connection must not be in
   * auto-commit mode; what this runs is committed before it returns.
   */
  public static AdvisoryLock acquire(Connection connection, long key, Duration timeout, EventLog log)
      throws SQLException {
    if (tryLock(connection, key)) {
      return new AdvisoryLock(connection, key);
    }
    log.info("Waiting for another migration run on this database to finish (" + holder(connection, key)
        + "); giving up after " + timeout.toSeconds() + " s (-Dquantagent.lockTimeout).");
    try (Statement statement = connection.createStatement()) {
      statement.execute("set local lock_timeout = " + Math.max(1, timeout.toMillis()));
      statement.execute("select pg_advisory_lock(" + key + ")");
      connection.commit();
      return new AdvisoryLock(connection, key);
    } catch (SQLException e) {
      connection.rollback();
      if ("55P03".equals(e.getSQLState())) {
        throw new LockTimeoutException("Gave up after " + timeout.toSeconds() + " s waiting for another migration"
            + " run on this database (" + holder(connection, key) + "). Let it finish and run again, or raise"
            + " -Dquantagent.lockTimeout=<seconds>. A killed run holds no lock: its lock ends with its connection.");
      }
      throw e;
    }
  }

  private static boolean tryLock(Connection connection, long key) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select pg_try_advisory_lock(" + key + ")")) {
      rs.next();
      boolean locked = rs.getBoolean(1);
      connection.commit();
      return locked;
    }
  }

  private static String holder(Connection connection, long key) throws SQLException {
    String sql = "select a.pid, coalesce(a.application_name, ''), coalesce(a.client_addr::text, 'local')"
        + " from pg_locks l join pg_stat_activity a on a.pid = l.pid"
        + " where l.locktype = 'advisory' and l.granted and l.classid = ? and l.objid = ? limit 1";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, key >>> 32);
      statement.setLong(2, key & 0xFFFF_FFFFL);
      try (ResultSet rs = statement.executeQuery()) {
        String holder = rs.next()
            ? "held by PostgreSQL backend " + rs.getInt(1) + ", application '" + rs.getString(2) + "', from " + rs.getString(3)
            : "its holder just finished";
        connection.commit();
        return holder;
      }
    }
  }

  @Override
  public void close() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("select pg_advisory_unlock(" + key + ")");
    }
    connection.commit();
  }
}
