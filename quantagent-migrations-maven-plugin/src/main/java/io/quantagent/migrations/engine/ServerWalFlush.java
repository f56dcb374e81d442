package io.quantagent.migrations.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Waits until the server has flushed its WAL past where it stands now, so that every asynchronous commit before this
 * moment is on disk. For a role that may not create a temporary table (REVOKE TEMPORARY ON DATABASE ... FROM PUBLIC),
 * whose transactions then write no WAL of their own to wait for: the WAL writer flushes asynchronous commits within
 * three wal_writer_delay (600 ms by default). pg_current_wal_insert_lsn and pg_current_wal_flush_lsn need no privilege.
 */
final class ServerWalFlush {
  private static final Duration POLL = Duration.ofMillis(10);

  private ServerWalFlush() {}

  /** @return whether the WAL reached the disk within {@code limit} */
  static boolean await(Connection connection, Duration limit) throws SQLException {
    long deadline = System.nanoTime() + limit.toNanos();
    try (Statement statement = connection.createStatement()) {
      String target;
      try (ResultSet rs = statement.executeQuery("select pg_current_wal_insert_lsn()::text")) {
        rs.next();
        target = rs.getString(1);
      }
      while (!flushedPast(statement, target)) {
        if (System.nanoTime() > deadline) {
          return false;
        }
        try {
          Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  private static boolean flushedPast(Statement statement, String lsn) throws SQLException {
    try (ResultSet rs = statement.executeQuery("select pg_current_wal_flush_lsn() >= '" + lsn + "'::pg_lsn")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
