package io.quantagent.migrations.db;

import io.quantagent.migrations.events.EventLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A session-level PostgreSQL advisory lock that keeps two migration runs on one database apart. Being tied
 * to the session, it goes away with the connection: a killed process leaves no stale lock behind. A run that
 * finds it taken polls {@code pg_try_advisory_lock} in auto-commit instead of blocking in an open transaction:
 * a {@code CREATE INDEX CONCURRENTLY} of the run holding the lock waits for every older transaction, and would
 * deadlock with a waiter's.
 */
public final class AdvisoryLock implements AutoCloseable {
  private static final long NAMESPACE = 0x5141_4D69_6772_0000L; // "QAMigr"
  private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

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
   * Takes the lock, waiting at most {@code timeout} for another holder. The connection must be in auto-commit, so
   * that no transaction of this run is open while it waits.
   */
  public static AdvisoryLock acquire(Connection connection, long key, Duration timeout, EventLog log)
      throws SQLException {
    if (!connection.getAutoCommit()) {
      throw new IllegalStateException("The run lock is taken in auto-commit, never inside a transaction");
    }
    Instant deadline = Instant.now().plus(timeout);
    Duration pause = FIRST_PAUSE;
    boolean told = false;
    while (!tryLock(connection, key)) {
      if (!told) {
        log.info("Waiting for another migration run on this database to finish (" + holder(connection, key)
            + "); giving up after " + seconds(timeout) + " (-Dquantagent.lockTimeout).");
        told = true;
      }
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new LockTimeoutException("Gave up after " + seconds(timeout) + " waiting for another migration"
            + " run on this database (" + holder(connection, key) + "). Let it finish and run again, or raise"
            + " -Dquantagent.lockTimeout=<seconds>. A killed run lets go of the lock when the server sees its"
            + " connection is gone: within seconds, within about two minutes if its machine vanished, and on PostgreSQL"
            + " before 14 (or a server that cannot check a client's connection, as on Windows) only once the"
            + " statement it ran ends. If that backend belongs to such a run, end it: select"
            + " pg_terminate_backend(<its pid>);");
      }
      sleep(min(left, jittered(pause)));
      pause = min(pause.multipliedBy(2), LONGEST_PAUSE);
    }
    return new AdvisoryLock(connection, key);
  }

  private static boolean tryLock(Connection connection, long key) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select pg_try_advisory_lock(" + key + ")")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private static String holder(Connection connection, long key) throws SQLException {
    String sql = "select a.pid, coalesce(a.application_name, ''), coalesce(a.client_addr::text, 'local'),"
        + " to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS'), extract(epoch from now() - a.backend_start)::bigint,"
        + " a.backend_start is null, a.usename, current_user"
        + " from pg_locks l join pg_stat_activity a on a.pid = l.pid"
        + " where l.locktype = 'advisory' and l.granted and l.classid = ? and l.objid = ?"
        // advisory locks are per database: a run on another database of the server holds the same key
        + " and l.database = (select oid from pg_database where datname = current_database()) limit 1";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, key >>> 32);
      statement.setLong(2, key & 0xFFFF_FFFFL);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return "its holder just finished";
        }
        String holder = "held by PostgreSQL backend " + rs.getInt(1) + ", application '" + rs.getString(2) + "', ";
        if (rs.getBoolean(6)) {
          // A run of another role, seen by a role that is neither a superuser nor in pg_read_all_stats.
          return holder + "role " + rs.getString(7) + " (where it connects from, and since when, are hidden from the"
              + " role " + rs.getString(8) + ": " + SqlIdentifier.grantToSeeOtherSessions(rs.getString(8))
              + " shows them)";
        }
        return holder + "from " + rs.getString(3) + ", connected since " + rs.getString(4) + " (" + rs.getLong(5)
            + " s ago)";
      }
    }
  }

  private static String seconds(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
  }

  private static Duration jittered(Duration pause) {
    return Duration.ofMillis(Math.round(pause.toMillis() * (0.5 + ThreadLocalRandom.current().nextDouble() * 0.5)));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(Math.max(1, pause.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LockTimeoutException("Interrupted while waiting for another migration run on this database; nothing"
          + " was changed.");
    }
  }

  @Override
  public void close() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("select pg_advisory_unlock(" + key + ")");
    }
  }
}
