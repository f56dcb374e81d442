package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.db.DatabaseUrl;
import io.quantagent.migrations.db.PostgresConnector;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.Await;
import io.quantagent.migrations.testing.FreshDatabases;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.PostgresMajor;
import io.quantagent.migrations.testing.TestDatabase;
import io.quantagent.migrations.testing.ThreadPerTask;
import io.quantagent.migrations.testing.WaitBound;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A migration that needs a lock a long report holds: it must not queue the writers behind it. A blocker holds
 * ACCESS SHARE on orders in an open transaction while upgrade adds a column and a writer inserts every 10 ms.
 */
@WaitBound
@ParameterizedClass(name = "{0}")
@EnumSource(PostgresMajor.class)
@ExtendWith(PostgresFixture.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES) // only turns a migration that waits forever into a failure
class StatementLockGuardTest {
  private static final String ADD_COLUMN = "alter table orders add column risk_level numeric(10,2);";
  /** pg_locks shows every database's locks, and the tests beside this one take theirs on the same server. */
  private static final String THIS_DATABASE =
      " and database = (select oid from pg_database where datname = current_database())";

  @Parameter
  PostgresMajor version;

  private TestDatabase db;
  private Scripts scripts;

  @BeforeEach
  void ordersTable(FreshDatabases databases, @TempDir Path dir) throws Exception {
    db = databases.create(version);
    scripts = new Scripts(dir).add("001_create_orders.sql", "create table orders (id bigserial primary key,"
        + " symbol text not null, created_at timestamptz not null default clock_timestamp());", "drop table orders;");
    migrator(RunnerSettings.defaults(), line -> { }).upgrade(new Target.Head());
  }

  private Migrator migrator(RunnerSettings runner, Consumer<String> lines) {
    return new Migrator(db.connections(), scripts.source(), MigratorSettings.defaults().withRunner(runner),
        Events.listening(lines));
  }

  private static RunnerSettings guard(Duration lockTimeout, int attempts) {
    return RunnerSettings.defaults().withStatementLockTimeout(lockTimeout).withLockAttempts(attempts,
        Duration.ofMillis(50));
  }

  @Test
  void itTimesOutAndRetriesWhileWritersGetThroughThenSucceedsOnceTheBlockerEnds() throws Exception {
    scripts.add("002_add_risk_level.sql", ADD_COLUMN, "alter table orders drop column risk_level;");
    List<String> lines = new CopyOnWriteArrayList<>();
    CountDownLatch firstTimeout = new CountDownLatch(1);
    CountDownLatch threeTimeouts = new CountDownLatch(3);
    try (Connection blocker = db.connect(); Statement b = blocker.createStatement(); Writer writer = new Writer(db)) {
      b.execute("begin; select count(*) from orders");
      String blockerPid = db.value("select pid from pg_stat_activity where state = 'idle in transaction'"
          + " and datname = current_database()");
      CompletableFuture<UpgradeResult> upgrade = CompletableFuture.supplyAsync(() ->
          migrator(guard(Duration.ofMillis(400), 100), line -> {
            lines.add(line);
            if (line.startsWith("WARN Lock timeout in 2 (add risk level)")) {
              firstTimeout.countDown();
              threeTimeouts.countDown();
            }
          }).upgrade(new Target.Head()), ThreadPerTask.EXECUTOR);
      assertTrue(firstTimeout.await(60, TimeUnit.SECONDS), "no lock timeout: " + lines);
      String afterFirstTimeout = db.value("select clock_timestamp()");
      assertTrue(threeTimeouts.await(60, TimeUnit.SECONDS), "fewer than three lock timeouts: " + lines);
      String blockerEnds = db.value("select clock_timestamp()");
      b.execute("commit");

      assertEquals(1, upgrade.get(60, TimeUnit.SECONDS).runs().size());
      assertTrue(db.column("select attname from pg_attribute where attrelid = 'orders'::regclass")
          .contains("risk_level"));
      assertTrue(Integer.parseInt(db.value("select count(*) from orders where created_at > '" + afterFirstTimeout
          + "' and created_at < '" + blockerEnds + "'")) > 0, "the writer's inserts got through while the blocker"
          + " held its lock, after the migration's first lock timeout");
      assertTrue(lines.stream().anyMatch(l -> l.contains(", statement 1 of 1 (line 2) " + ADD_COLUMN
          + ": waited 400 ms for AccessExclusiveLock on orders, held by backend " + blockerPid + " (application"
          + " 'quantagent-migrations', idle in transaction for ")), String.join("\n", lines));
      assertTrue(lines.stream().anyMatch(l -> l.contains("Rolled back; attempt 2 of 100 in ")), lines.toString());
    }
  }

  @Test
  void aLockTimeoutInsideMigrationsSentTogetherRetriesThatOneAndTheRestGoOn() throws Exception {
    db.execute("create table trades (id int)");
    scripts.add("002_add_risk_level.sql", "-- quantagent:lock-timeout 60s\n" + ADD_COLUMN,
        "alter table orders drop column risk_level;");
    scripts.add("003_create_fills.sql", "create table fills (id int);", "drop table fills;");
    scripts.add("004_add_venue.sql", "alter table trades add column venue text;", "alter table trades drop column venue;");
    scripts.add("005_create_signals.sql", "create table signals (id int);", "drop table signals;");
    List<String> lines = new CopyOnWriteArrayList<>();
    CountDownLatch allQueued = new CountDownLatch(1);
    CountDownLatch timeoutIn4 = new CountDownLatch(1);
    try (Connection blocker2 = db.connect(); Statement onOrders = blocker2.createStatement();
        Connection blocker4 = db.connect(); Statement onTrades = blocker4.createStatement()) {
      onOrders.execute("begin; select count(*) from orders");
      onTrades.execute("begin; select count(*) from trades");
      CompletableFuture<UpgradeResult> upgrade = CompletableFuture.supplyAsync(() -> new Migrator(db.connections(),
          // 3 s, not 1: the monitor first looks after a second, and must have seen whom 4 waits for when its
          // timeout comes, on a CI machine as busy as it gets.
          scripts.source(), MigratorSettings.defaults().withRunner(guard(Duration.ofSeconds(3), 100)),
          Events.listeningToAll(line -> {
            lines.add(line);
            if (line.startsWith("DEBUG Queued 5 (create signals)")) {
              allQueued.countDown();
            } else if (line.startsWith("WARN Lock timeout in 4 (add venue)")) {
              timeoutIn4.countDown();
            }
          })).upgrade(new Target.Head()), ThreadPerTask.EXECUTOR);
      // Migration 2 waits for orders while MyBatis queues 3 to 5: however the sender cut its windows, 3 and 4
      // go out with others, and 4's lock timeout happens inside one.
      assertTrue(allQueued.await(60, TimeUnit.SECONDS), "not all queued: " + lines);
      onOrders.execute("commit");
      assertTrue(timeoutIn4.await(60, TimeUnit.SECONDS), "no lock timeout in 4: " + lines);
      onTrades.execute("commit");
      assertEquals(4, upgrade.get(60, TimeUnit.SECONDS).runs().size());
    }
    assertEquals(List.of("1", "2", "3", "4", "5"), db.changelogIds());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("INFO Applied 3 (create fills) in ")
        && l.contains(" sent together in ")), String.join("\n", lines));
    assertEquals(List.of("2", "3", "4", "5"), lines.stream().filter(l -> l.startsWith("INFO Applying "))
        .map(l -> l.split(" ")[2]).toList(), "each announced once, also the ones sent again: " + lines);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARN Lock timeout in 4 (add venue), statement 1 of 1"
        + " (line 2) alter table trades add column venue text;: waited 3 s for AccessExclusiveLock on trades")),
        String.join("\n", lines));
  }

  @Test
  void inTransactionAllALockTimeoutRetriesTheWholeTransactionWithEachMigrationsSettings() throws Exception {
    db.execute("create table trades (id int)");
    String seen = " as select current_setting('lock_timeout') || ' ' || current_setting('synchronous_commit') as s;";
    scripts.add("002_seen.sql", "create table seen_2" + seen, "drop table seen_2;");
    scripts.add("003_override.sql", "-- quantagent:lock-timeout 3s\ncreate table seen_3" + seen, "drop table seen_3;");
    scripts.add("004_add_venue.sql", "alter table trades add column venue text;\ncreate table seen_4" + seen,
        "drop table seen_4;\nalter table trades drop column venue;");
    List<String> lines = new CopyOnWriteArrayList<>();
    CountDownLatch timeoutIn4 = new CountDownLatch(1);
    try (Connection blocker = db.connect(); Statement onTrades = blocker.createStatement()) {
      onTrades.execute("begin; select count(*) from trades");
      CompletableFuture<UpgradeResult> upgrade = CompletableFuture.supplyAsync(() -> migrator(
          guard(Duration.ofSeconds(1), 100).withTransaction(TransactionMode.ALL), line -> {
            lines.add(line);
            if (line.startsWith("WARN Lock timeout in the transaction of 3 migrations (4 (add venue))")) {
              timeoutIn4.countDown();
            }
          }).upgrade(new Target.Head()), ThreadPerTask.EXECUTOR);
      assertTrue(timeoutIn4.await(60, TimeUnit.SECONDS), "no lock timeout in 4: " + lines);
      onTrades.execute("commit");
      assertEquals(3, upgrade.get(60, TimeUnit.SECONDS).runs().size());
    }
    assertEquals(List.of("1", "2", "3", "4"), db.changelogIds());
    assertEquals(List.of("1s on", "3s on", "1s on"), List.of(db.value("select s from seen_2"),
        db.value("select s from seen_3"), db.value("select s from seen_4")), "after the retry: " + lines);
  }

  @Test
  void afterTheLastAttemptNothingIsAppliedAndTheMessageNamesTheBlocker() throws Exception {
    scripts.add("002_add_risk_level.sql", "create table risk (id int);\n" + ADD_COLUMN, "drop table risk;");
    try (Connection blocker = db.connect(); Statement b = blocker.createStatement()) {
      b.execute("begin; select count(*) from orders");
      String blockerPid = db.value("select pid from pg_stat_activity where state = 'idle in transaction'"
          + " and datname = current_database()");
      // In the background with a bound: without the guard the migration would wait for the blocker forever.
      CompletableFuture<UpgradeResult> upgrade = CompletableFuture.supplyAsync(() ->
          migrator(guard(Duration.ofSeconds(1), 2), line -> { }).upgrade(new Target.Head()), ThreadPerTask.EXECUTOR);
      ExecutionException failed = assertThrows(ExecutionException.class, () -> upgrade.get(60, TimeUnit.SECONDS));
      SessionConflictException e = assertInstanceOf(SessionConflictException.class, failed.getCause());
      String message = e.getMessage();
      assertTrue(message.startsWith("Migration 2 (add risk level) failed in 002_add_risk_level.sql, statement 2 of 2"
          + " (line 3): " + ADD_COLUMN + "\n  PostgreSQL: canceling statement due to lock timeout [SQLSTATE 55P03]\n"
          + "  It timed out waiting for AccessExclusiveLock on orders, held by backend " + blockerPid), message);
      assertTrue(message.contains(", in each of 2 attempts."), message);
      assertTrue(message.contains("It was rolled back: nothing of it is applied and it has no changelog row."), message);
      assertTrue(message.contains("select pg_terminate_backend(" + blockerPid + ")"), message);
      assertTrue(message.contains("'-- quantagent:lock-timeout 30s' in 002_add_risk_level.sql"), message);
    }
    assertEquals(List.of("1"), db.changelogIds());
    assertEquals(List.of("changelog", "orders"), db.tables());
  }

  /**
   * In production the role that migrates is rarely a superuser, and the application's sessions are another role's:
   * pg_stat_activity then hides their state, times and query from it. The holder is named by its role and what it
   * holds, with the grant that shows the rest (not "state unknown for 0 s, last ran: <insufficient privilege>").
   */
  @Test
  void aHolderOfAnotherRoleIsNamedByItsRoleAndTheGrantThatShowsWhatItDoes() throws Exception {
    String migrates = "qa_migrates_" + Long.toHexString(System.nanoTime());
    String application = migrates + "_app";
    db.execute("create role " + migrates + " login password 'migrates-pw'",
        "create role " + application + " login password 'app-pw'", "alter table orders owner to " + migrates,
        "grant select, insert, delete on changelog to " + migrates, "grant select on orders to " + application);
    scripts.add("002_add_risk_level.sql", ADD_COLUMN, "alter table orders drop column risk_level;");
    Migrator asRole = new Migrator(new PostgresConnector(DatabaseUrl.parse(db.jdbcUrl()).withCredentials(migrates,
        "migrates-pw"))::connect, scripts.source(), MigratorSettings.defaults().withRunner(guard(Duration.ofSeconds(1),
        1)), EventLog.silent());
    try (Connection holder = new PostgresConnector(DatabaseUrl.parse(db.jdbcUrl()).withCredentials(application,
        "app-pw")).connect(); Statement h = holder.createStatement()) {
      h.execute("begin; select count(*) from orders");
      String holderPid = db.value("select pid from pg_stat_activity where usename = '" + application + "'");
      SessionConflictException e = assertThrows(SessionConflictException.class,
          () -> asRole.upgrade(new Target.Head()));
      assertTrue(e.getMessage().contains("It timed out waiting for AccessExclusiveLock on orders, held by backend "
          + holderPid + " (application 'quantagent-migrations', role " + application + ", holding AccessShareLock;"
          + " its state and query are hidden from the role " + migrates + ": GRANT pg_read_all_stats TO " + migrates
          + " shows them), in its only attempt."), e.getMessage());

      db.execute("grant pg_read_all_stats to " + migrates);
      e = assertThrows(SessionConflictException.class, () -> asRole.upgrade(new Target.Head()));
      assertTrue(e.getMessage().contains(", held by backend " + holderPid + " (application 'quantagent-migrations',"
          + " idle in transaction for "), e.getMessage());
      assertTrue(e.getMessage().contains("last ran: select count(*) from orders), in its only attempt."),
          e.getMessage());
    } finally {
      db.execute("drop owned by " + migrates, "drop owned by " + application, "drop role " + migrates,
          "drop role " + application);
    }
  }

  @Test
  void aDeadlockWithAnotherSessionRollsBackTheMigrationAndItsRetryGetsThrough() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    assertEquals(1, deadlockWithAnotherSession(guard(Duration.ofSeconds(2), 3), lines::add).get(60, TimeUnit.SECONDS)
        .runs().size());
    assertEquals(List.of("1", "2", "3"), db.changelogIds());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARN Deadlock in 3 (lock both), statement 3 of 3 (line 5)"
        + " lock table fills in share row exclusive mode;: PostgreSQL chose it to end a cycle of lock waits with"
        + " another session (the server's log names that session's statement). Rolled back; attempt 2 of 3 in ")),
        String.join("\n", lines));
  }

  @Test
  void aDeadlockInTheLastAttemptSaysSoAndWhatToDoNotToFixTheScript() throws Exception {
    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> deadlockWithAnotherSession(guard(Duration.ofSeconds(2), 1), line -> { }).get(60, TimeUnit.SECONDS));
    SessionConflictException e = assertInstanceOf(SessionConflictException.class, failed.getCause());
    String message = e.getMessage();
    assertTrue(message.contains("deadlock detected"), message);
    assertTrue(message.contains("\n  PostgreSQL chose it to end a deadlock with another session, in its only attempt."
        + "\n  It was rolled back: nothing of it is applied and it has no changelog row."), message);
    assertTrue(message.contains("run the same mvn quantagent:upgrade command again at a quieter moment"), message);
    assertTrue(message.contains("a script that takes its tables' locks in the order the application takes them (a LOCK"
        + " TABLE of each at its start) does not deadlock with it"), message);
    assertFalse(message.contains("Fix the script"), message);
    assertEquals(List.of("1", "2"), db.changelogIds());
  }

  @Test
  void aSerializationFailureRollsBackTheMigrationAndItsRetryGetsThrough() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    assertEquals(1, conflictingCommitAtRepeatableRead(guard(Duration.ofSeconds(2), 3), lines::add)
        .get(60, TimeUnit.SECONDS).runs().size());
    assertEquals("repriced", db.value("select symbol from orders where id = 1"));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARN Serialization failure in 2 (reprice), statement 2 of 2"
        + " (line 3) update orders set symbol = 'repriced' where id = 1;: another session's commit changed what its"
        + " repeatable read or serializable transaction had read. Rolled back; attempt 2 of 3 in ")),
        String.join("\n", lines));
  }

  @Test
  void aSerializationFailureInTheLastAttemptSaysSoAndWhatToDoNotToFixTheScript() throws Exception {
    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> conflictingCommitAtRepeatableRead(guard(Duration.ofSeconds(2), 1), line -> { })
            .get(60, TimeUnit.SECONDS));
    SessionConflictException e = assertInstanceOf(SessionConflictException.class, failed.getCause());
    String message = e.getMessage();
    assertTrue(message.contains("could not serialize access due to concurrent update [SQLSTATE 40001]"), message);
    assertTrue(message.contains("\n  Another session's commit changed what its repeatable read or serializable"
        + " transaction had read, in its only attempt.\n  It was rolled back: nothing of it is applied and it has no"
        + " changelog row.\n  To get past it: run the same mvn quantagent:upgrade command again at a quieter moment."
        + " At read committed, PostgreSQL's default isolation, a migration does not fail this way"), message);
    assertEquals("changed by the application", db.value("select symbol from orders where id = 1"));
    assertEquals(List.of("1"), db.changelogIds());
  }

  @Test
  void aSerializationFailureAtTheCommitOfATransactionAllGroupIsRetriedWithTheWholeGroup() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    assertEquals(2, serializationFailureAtTheGroupsCommit(guard(Duration.ofSeconds(2), 3), lines::add)
        .get(60, TimeUnit.SECONDS).runs().size());
    assertEquals(List.of("1", "2", "3", "4"), db.changelogIds());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARN Serialization failure in the commit of the transaction"
        + " of 2 migrations (4 (through the gate)): another session's commit changed what its repeatable read or"
        + " serializable transaction had read. Rolled back; attempt 2 of 3 in ")), String.join("\n", lines));
  }

  @Test
  void aSerializationFailureAtTheCommitOfTheLastAttemptNamesTheGroupAndWhatToDo() throws Exception {
    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> serializationFailureAtTheGroupsCommit(guard(Duration.ofSeconds(2), 1), line -> { })
            .get(60, TimeUnit.SECONDS));
    String message = assertInstanceOf(SessionConflictException.class, failed.getCause()).getMessage();
    assertTrue(message.startsWith("Migration 4 (through the gate) failed in 004_through_the_gate.sql at the commit of"
        + " the transaction it shared with the 1 migration before it (-Dquantagent.transaction=all)\n  PostgreSQL:"
        + " could not serialize access due to read/write dependencies among transactions"), message);
    assertTrue(message.contains("\n  Another session's commit changed what its repeatable read or serializable"
        + " transaction had read, in its only attempt.\n  It was rolled back: nothing of it is applied and it has no"
        + " changelog row. It shared its transaction (-Dquantagent.transaction=all) with the 1 migration before it in"
        + " this run, rolled back with it: nothing of the run is applied."), message);
    assertTrue(message.contains("run the same mvn quantagent:upgrade command again at a quieter moment"), message);
    assertEquals(List.of("1", "2"), db.changelogIds());
  }

  /**
   * With -Dquantagent.transaction=all a serialization failure can come at the group's commit. There a deferred trigger
   * waits at a gate while another serializable transaction reads what the group wrote, writes what the group read,
   * and commits first; PostgreSQL then cancels the group at its commit. A retry sends the whole group again, past the
   * open gate and with nobody in its way.
   */
  private CompletableFuture<UpgradeResult> serializationFailureAtTheGroupsCommit(RunnerSettings runner,
      Consumer<String> lines) throws Exception {
    scripts.add("002_gate.sql", "create table x (id int);\ncreate table y (id int);\ncreate table gate (id int);\n"
        + "create function wait_at_gate() returns trigger language plpgsql as $$\nbegin\n"
        + "  perform pg_advisory_xact_lock(4210);\n  return null;\nend $$;\n"
        + "create constraint trigger gate_at_commit after insert on gate deferrable initially deferred\n"
        + "  for each row execute function wait_at_gate();",
        "drop table gate;\ndrop function wait_at_gate();\ndrop table y;\ndrop table x;");
    migrator(RunnerSettings.defaults(), line -> { }).upgrade(new Target.Head());
    db.execute("alter database " + db.name() + " set default_transaction_isolation = 'serializable'");
    scripts.add("003_read_x_write_y.sql", "create table x_seen as select count(*) as n from x;\n"
        + "insert into y values (1);", "drop table x_seen;\ndelete from y;");
    scripts.add("004_through_the_gate.sql", "-- quantagent:lock-timeout off\ninsert into gate values (1);",
        "delete from gate;");
    try (Connection gate = db.connect(); Statement g = gate.createStatement();
        Connection other = db.connect(); Statement o = other.createStatement()) {
      g.execute("select pg_advisory_lock(4210)");
      CompletableFuture<UpgradeResult> upgrade = CompletableFuture.supplyAsync(() ->
          migrator(runner.withTransaction(TransactionMode.ALL), lines).upgrade(new Target.Head()),
          ThreadPerTask.EXECUTOR);
      Await.until(db, "select count(*) from pg_locks where locktype = 'advisory' and objid = 4210 and not granted"
          + THIS_DATABASE);
      o.execute("begin isolation level serializable");
      o.execute("select count(*) from y");
      o.execute("insert into x values (1)");
      o.execute("commit");
      g.execute("select pg_advisory_unlock(4210)");
      upgrade.exceptionally(e -> null).get(60, TimeUnit.SECONDS);
      return upgrade;
    }
  }

  /**
   * A migration at repeatable read (the database's default_transaction_isolation) reads, waits at a gate, then updates
   * a row that another session changed and committed after it began: PostgreSQL rolls the migration back. Its next
   * attempt, past the open gate, reads the row as it is now.
   */
  private CompletableFuture<UpgradeResult> conflictingCommitAtRepeatableRead(RunnerSettings runner,
      Consumer<String> lines) throws Exception {
    db.execute("insert into orders (symbol) values ('initial')",
        "alter database " + db.name() + " set default_transaction_isolation = 'repeatable read'");
    scripts.add("002_reprice.sql", "select pg_advisory_xact_lock(4209);\n"
        + "update orders set symbol = 'repriced' where id = 1;", "select 1;");
    try (Connection gate = db.connect(); Statement g = gate.createStatement()) {
      g.execute("select pg_advisory_lock(4209)");
      CompletableFuture<UpgradeResult> upgrade = CompletableFuture.supplyAsync(() ->
          migrator(runner, lines).upgrade(new Target.Head()), ThreadPerTask.EXECUTOR);
      Await.until(db, "select count(*) from pg_locks where locktype = 'advisory' and objid = 4209 and not granted"
          + THIS_DATABASE);
      db.execute("update orders set symbol = 'changed by the application' where id = 1");
      g.execute("select pg_advisory_unlock(4209)");
      upgrade.exceptionally(e -> null).get(60, TimeUnit.SECONDS);
      return upgrade;
    }
  }

  /**
   * A migration that takes orders, waits at a gate, then wants fills, which another session holds while it waits for
   * orders: a cycle of lock waits that PostgreSQL ends by rolling back the migration, the last to join it. The other
   * session then takes orders and commits, so that a retry gets through.
   */
  private CompletableFuture<UpgradeResult> deadlockWithAnotherSession(RunnerSettings runner, Consumer<String> lines)
      throws Exception {
    scripts.add("002_create_fills.sql", "create table fills (id int);", "drop table fills;");
    migrator(RunnerSettings.defaults(), line -> { }).upgrade(new Target.Head());
    scripts.add("003_lock_both.sql", "-- quantagent:lock-timeout 60s\nlock table orders in share row exclusive mode;\n"
        + "select pg_advisory_xact_lock(7);\nlock table fills in share row exclusive mode;", "select 1;");
    try (Connection gate = db.connect(); Statement g = gate.createStatement();
        Connection other = db.connect(); Statement o = other.createStatement()) {
      g.execute("begin; select pg_advisory_xact_lock(7)");
      o.execute("set deadlock_timeout = '1h'"); // the migration, the last to wait, is the one to find the cycle
      o.execute("begin; lock table fills in share row exclusive mode");
      CompletableFuture<UpgradeResult> upgrade = CompletableFuture.supplyAsync(() ->
          migrator(runner, lines).upgrade(new Target.Head()), ThreadPerTask.EXECUTOR);
      Await.until(db, "select count(*) from pg_locks where locktype = 'advisory' and objid = 7 and not granted"
          + THIS_DATABASE);
      CompletableFuture<Void> otherTakesOrders = CompletableFuture.runAsync(() -> {
        try {
          o.execute("lock table orders in share row exclusive mode");
          o.execute("commit");
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }, ThreadPerTask.EXECUTOR);
      Await.until(db, "select count(*) from pg_locks where relation = 'orders'::regclass and not granted"
          + THIS_DATABASE);
      g.execute("commit");
      otherTakesOrders.get(60, TimeUnit.SECONDS);
      upgrade.exceptionally(e -> null).get(60, TimeUnit.SECONDS);
      return upgrade;
    }
  }

  @Test
  void aScriptHeaderTurnsTheGuardOffAndALongWaitSaysForWhom() throws Exception {
    scripts.add("002_add_risk_level.sql", "-- quantagent:lock-timeout off\n" + ADD_COLUMN,
        "alter table orders drop column risk_level;");
    List<String> lines = new CopyOnWriteArrayList<>();
    CountDownLatch stillRunning = new CountDownLatch(1);
    try (Connection blocker = db.connect(); Statement b = blocker.createStatement()) {
      b.execute("begin; select count(*) from orders");
      String blockerPid = db.value("select pid from pg_stat_activity where state = 'idle in transaction'"
          + " and datname = current_database()");
      CompletableFuture<UpgradeResult> upgrade = CompletableFuture.supplyAsync(() ->
          migrator(guard(Duration.ofMillis(100), 2).withProgressEvery(Duration.ofSeconds(1)), line -> {
            lines.add(line);
            if (line.contains("still running after")) {
              stillRunning.countDown();
            }
          }).upgrade(new Target.Head()), ThreadPerTask.EXECUTOR);
      assertTrue(stillRunning.await(60, TimeUnit.SECONDS), "no progress line: " + lines);
      b.execute("commit");
      assertEquals(1, upgrade.get(60, TimeUnit.SECONDS).runs().size());
      assertTrue(lines.stream().anyMatch(l -> l.equals("INFO   2 (add risk level): statement 1 of 1 (line 3) "
          + ADD_COLUMN + " still running after 1 s, waiting for AccessExclusiveLock on orders, held by backend "
          + blockerPid + " (application 'quantagent-migrations', idle in transaction for " + l.replaceAll(
              "(?s).*idle in transaction for (\\d+) s.*", "$1") + " s, holding AccessShareLock, last ran: select"
          + " count(*) from orders)")), String.join("\n", lines));
      assertFalse(lines.stream().anyMatch(l -> l.contains("Lock timeout")), "the run's 100 ms guard was off: " + lines);
    }
  }

  @Test
  void aDowngradeMeetsTheGuardInItsUndoAndGetsThroughOnceTheBlockerEnds() throws Exception {
    scripts.add("002_add_risk_level.sql", ADD_COLUMN, "alter table orders drop column risk_level;");
    migrator(RunnerSettings.defaults(), line -> { }).upgrade(new Target.Head());
    List<String> lines = new CopyOnWriteArrayList<>();
    CountDownLatch timeoutNamingTheUndo = new CountDownLatch(1);
    try (Connection blocker = db.connect(); Statement b = blocker.createStatement()) {
      b.execute("begin; select count(*) from orders");
      CompletableFuture<UpgradeResult> downgrade = CompletableFuture.supplyAsync(() ->
          migrator(guard(Duration.ofMillis(400), 100), line -> {
            lines.add(line);
            // An attempt whose wait the watch did not see says "a lock (its holder was not seen)": the next one will.
            if (line.startsWith("WARN Lock timeout in the undo of 2 (add risk level), statement 1 of 1 (line 4) alter"
                + " table orders drop column risk_level;: waited 400 ms for AccessExclusiveLock on orders")) {
              timeoutNamingTheUndo.countDown();
            }
          }).downgrade(new Target.Relative(1)), ThreadPerTask.EXECUTOR);
      assertTrue(timeoutNamingTheUndo.await(60, TimeUnit.SECONDS), "no lock timeout naming the undo's line and lock: "
          + String.join("\n", lines));
      b.execute("commit");
      assertEquals(1, downgrade.get(60, TimeUnit.SECONDS).runs().size());
    }
    assertEquals(List.of("1"), db.changelogIds());
    assertFalse(db.column("select attname from pg_attribute where attrelid = 'orders'::regclass")
        .contains("risk_level"));
  }

  @Test
  void aHeaderMarkerAtTheTopOfTheScriptAppliesToItsUndoToo() throws Exception {
    scripts.add("002_add_risk_level.sql", "-- quantagent:lock-timeout off\n" + ADD_COLUMN,
        "alter table orders drop column risk_level;");
    migrator(RunnerSettings.defaults(), line -> { }).upgrade(new Target.Head());
    List<String> lines = new CopyOnWriteArrayList<>();
    CountDownLatch stillRunning = new CountDownLatch(1);
    try (Connection blocker = db.connect(); Statement b = blocker.createStatement()) {
      b.execute("begin; select count(*) from orders");
      CompletableFuture<UpgradeResult> downgrade = CompletableFuture.supplyAsync(() ->
          migrator(guard(Duration.ofMillis(100), 2).withProgressEvery(Duration.ofSeconds(1)), line -> {
            lines.add(line);
            if (line.contains("still running after")) {
              stillRunning.countDown();
            }
          }).downgrade(new Target.Relative(1)), ThreadPerTask.EXECUTOR);
      downgrade.whenComplete((result, failure) -> stillRunning.countDown()); // a guard that was on ends it sooner
      assertTrue(stillRunning.await(60, TimeUnit.SECONDS), "no progress line: " + lines);
      b.execute("commit");
      assertEquals(1, downgrade.get(60, TimeUnit.SECONDS).runs().size());
    }
    assertFalse(lines.stream().anyMatch(l -> l.contains("Lock timeout")), "the run's 100 ms guard was off: " + lines);
    assertTrue(lines.stream().anyMatch(l -> l.contains(" (add risk level): statement 1 of 1 (line 5) alter table orders"
        + " drop column risk_level; still running after 1 s, waiting for AccessExclusiveLock on orders")),
        String.join("\n", lines));
    assertFalse(db.column("select attname from pg_attribute where attrelid = 'orders'::regclass")
        .contains("risk_level"));
  }

  @Test
  void aStatementTimeoutBoundsARunawayStatement() throws Exception {
    scripts.add("002_slow.sql", "-- quantagent:statement-timeout 200ms\nselect pg_sleep(30);", "select 1;");
    ScriptFailedException e = assertThrows(ScriptFailedException.class,
        () -> migrator(RunnerSettings.defaults(), line -> { }).upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("statement 1 of 1 (line 3): select pg_sleep(30);\n  PostgreSQL: canceling"
        + " statement due to statement timeout [SQLSTATE 57014]"), e.getMessage());
    assertTrue(e.getMessage().endsWith("\n  It ran longer than the 200 ms its line '-- quantagent:statement-timeout' in"
        + " 002_slow.sql allows: raise that limit (off for none), then run the same mvn quantagent:upgrade command"
        + " again."), e.getMessage());
    assertEquals(List.of("1"), db.changelogIds());
  }

  /** Inserts into orders every 10 ms on its own connection, until closed. */
  private static final class Writer implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CompletableFuture<Void> done;

    Writer(TestDatabase db) {
      done = CompletableFuture.runAsync(() -> {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
          while (running.get()) {
            s.execute("insert into orders (symbol) values ('AAPL')");
            Thread.sleep(10); // the writer's pace, not a wait for an event
          }
        } catch (SQLException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }, ThreadPerTask.EXECUTOR);
    }

    @Override
    public void close() throws Exception {
      running.set(false);
      done.get(60, TimeUnit.SECONDS);
    }
  }
}
