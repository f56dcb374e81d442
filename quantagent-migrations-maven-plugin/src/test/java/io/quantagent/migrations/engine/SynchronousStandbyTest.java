package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.db.DatabaseConnectionException;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.SynchronousPrimary;
import io.quantagent.migrations.testing.ThreadPerTask;
import io.quantagent.migrations.testing.WaitBound;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A primary that waits for a synchronous standby (synchronous_standby_names) commits on its own disk, then waits: when
 * the session ends during that wait (a restart, a failover, a pg_terminate_backend), the client loses its connection
 * after the commit. The run's last commit waits for the standby; its error must not say the migration was rolled back.
 * A database of the fixture's primary whose standby never comes ({@link SynchronousPrimary}).
 */
@WaitBound
@ExtendWith(PostgresFixture.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES) // only turns a commit that waits forever into a failure
class SynchronousStandbyTest {
  /** The sessions of this test's database that wait for the standby: only the run's, as no other uses it. */
  private static final String WAITING = " from pg_stat_activity where wait_event = 'SyncRep'"
      + " and datname = current_database()";

  @TempDir
  Path dir;
  private ConnectionFactory connections;
  private Scripts scripts;

  @BeforeEach
  void aDatabaseOnAPrimaryWaitingForAStandbyThatNeverComes(SynchronousPrimary primary) throws Exception {
    connections = primary.freshDatabase();
    scripts = new Scripts(Files.createDirectories(dir.resolve("scripts")))
        .add("001_create_a.sql", "create table a (id int);", "drop table a;")
        .add("002_create_b.sql", "create table b (id int);", "drop table b;");
  }

  @ParameterizedTest
  @EnumSource(TransactionMode.class)
  void aSessionEndedWhileItsLastCommitWaitsForTheStandbyIsNotSaidToBeRolledBack(TransactionMode mode)
      throws Exception {
    CompletableFuture<UpgradeResult> run = CompletableFuture.supplyAsync(() -> new Migrator(connections,
        scripts.source(), "changelog", EventLog.silent()).withRunner(RunnerSettings.defaults().withTransaction(mode))
        .upgrade(new Target.Head()), ThreadPerTask.EXECUTOR);
    try (Connection c = connections.open(); Statement s = c.createStatement()) {
      s.execute("set synchronous_commit = off"); // the test's own statements must not wait for the standby
      while (value(s, "select count(*)" + WAITING).equals("0")) {
        Thread.onSpinWait();
      }
      s.execute("select pg_terminate_backend(pid)" + WAITING);
      ExecutionException failed = assertThrows(ExecutionException.class, () -> run.get(60, TimeUnit.SECONDS));
      String message = assertInstanceOf(DatabaseConnectionException.class, failed.getCause()).getMessage();
      assertTrue(message.startsWith("Lost the database connection during upgrade. Migration 2 (create b) failed in"
          + " 002_create_b.sql at "), message);
      assertTrue(message.contains("\n  The connection was lost at its commit: PostgreSQL may have committed it, with"
          + " its changelog row, " + (mode == TransactionMode.EACH ? "or rolled it back" : "and the 1 migration before"
          + " it in this run that shared its transaction (-Dquantagent.transaction=all), or rolled them all back")
          + " (a server that waits for a synchronous standby has committed on its own disk before it waits"), message);
      assertFalse(message.contains("rolled back: nothing") || message.contains("rolled back with it")
          || message.contains("deferred constraint") || message.contains("the database is at"), message);
      assertEquals("1,2", value(s, "select string_agg(id::text, ',' order by id) from changelog"),
          "what the server did: both committed");
    }
  }

  /**
   * A no-transaction script's statements commit as the server says, each waiting for the standby: the one in flight
   * when the session ends is committed, and the error must not say that none of the script is applied. (In one
   * transaction for the run, the group's commit before the script waits first.)
   */
  @Test
  void aNoTransactionStatementInFlightIsNotSaidToBeUnapplied() throws Exception {
    scripts.add("003_create_c_and_d.sql", "-- quantagent:no-transaction\ncreate table c (id int);\ncreate table d (id"
        + " int);", "drop table d;\ndrop table c;");
    CompletableFuture<UpgradeResult> run = CompletableFuture.supplyAsync(() -> new Migrator(connections,
        scripts.source(), "changelog", EventLog.silent()).upgrade(new Target.Head()), ThreadPerTask.EXECUTOR);
    try (Connection c = connections.open(); Statement s = c.createStatement()) {
      s.execute("set synchronous_commit = off");
      while (value(s, "select count(*)" + WAITING
          + " and query like 'create table c%'").equals("0")) {
        assertFalse(run.isDone(), "the run ended before its statement waited for the standby");
        Thread.onSpinWait();
      }
      s.execute("select pg_terminate_backend(pid)" + WAITING);
      ExecutionException failed = assertThrows(ExecutionException.class, () -> run.get(60, TimeUnit.SECONDS));
      String message = assertInstanceOf(DatabaseConnectionException.class, failed.getCause()).getMessage();
      assertTrue(message.contains("003_create_c_and_d.sql runs without a transaction (-- quantagent:no-transaction),"
          + " so its statements commit one by one: statement 1 was running when the connection was lost, and"
          + " PostgreSQL may have committed it or not; the 1 after it are not."), message);
      assertFalse(message.contains("none of its statements"), message);
      assertEquals("c", value(s, "select string_agg(tablename, ',') from pg_tables where tablename in ('c', 'd')"),
          "what the server did: statement 1 committed");
    }
  }

  /**
   * Where the standby is down, the run's last commit waits for it as long as it stays down: the run says so, each
   * mode, instead of "a statement still running" (or, with transaction=all, nothing at all).
   */
  @ParameterizedTest
  @EnumSource(TransactionMode.class)
  void aLastCommitWaitingForTheStandbySaysSo(TransactionMode mode) throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    CountDownLatch told = new CountDownLatch(1);
    RunnerSettings runner = RunnerSettings.defaults().withTransaction(mode).withProgressEvery(Duration.ofMillis(200));
    CompletableFuture<UpgradeResult> run = CompletableFuture.supplyAsync(() -> new Migrator(connections,
        scripts.source(), MigratorSettings.defaults().withRunner(runner), Events.listening(line -> {
          lines.add(line);
          if (line.contains("for a synchronous standby")) {
            told.countDown();
          }
        })).upgrade(new Target.Head()), ThreadPerTask.EXECUTOR);
    try (Connection c = connections.open(); Statement s = c.createStatement()) {
      s.execute("set synchronous_commit = off");
      assertTrue(told.await(60, TimeUnit.SECONDS), "never said: " + lines);
      s.execute("select pg_terminate_backend(pid)" + WAITING);
      assertThrows(ExecutionException.class, () -> run.get(60, TimeUnit.SECONDS));
    }
    // The first line is due after 200 ms; on a busy machine the monitor may first look later.
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("INFO   2 (create b): its commit, on this server's disk,"
        + " still waits after ") && line.endsWith(" for a synchronous standby to confirm it (synchronous_standby_names;"
        + " pg_stat_replication shows the standbys that are connected)")), String.join("\n", lines));
  }

  private static String value(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
