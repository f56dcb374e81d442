package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.db.AdvisoryLock;
import io.quantagent.migrations.db.DatabaseUrl;
import io.quantagent.migrations.db.LockTimeoutException;
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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The run lock: who holds it, giving up, every writing goal taking it, and no deadlock with CONCURRENTLY. */
@WaitBound
@ExtendWith(PostgresFixture.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES) // only turns a run that never gives up into a failure
class RunLockTest {
  private static final long KEY = AdvisoryLock.keyFor("changelog");

  private static Scripts threeTables(Path dir) {
    return new Scripts(dir)
        .add("001_create_a.sql", "create table a (id int primary key);", "drop table a;")
        .add("002_create_b.sql", "create table b (id int primary key);", "drop table b;")
        .add("003_create_c.sql", "create table c (id int primary key);", "drop table c;");
  }

  private static Migrator migrator(TestDatabase db, Scripts scripts, Duration lockTimeout, List<String> lines) {
    return new Migrator(db.connections(), scripts.source(),
        MigratorSettings.defaults().withLockTimeout(lockTimeout), Events.collecting(lines));
  }

  /** Takes the run lock in {@code holder}'s session; returns its backend's pid. */
  private static String holdTheLock(Statement holder) throws Exception {
    holder.execute("select pg_advisory_lock(" + KEY + ")");
    try (ResultSet rs = holder.executeQuery("select pg_backend_pid()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void aSecondRunSaysWhichBackendHoldsTheLockAndGivesUpAfterTheTimeout(TestDatabase db, @TempDir Path dir)
      throws Exception {
    Scripts scripts = threeTables(dir);
    List<String> lines = new CopyOnWriteArrayList<>();
    try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
      String pid = holdTheLock(s);
      LockTimeoutException e = assertThrows(LockTimeoutException.class,
          () -> migrator(db, scripts, Duration.ofMillis(300), lines).upgrade(new Target.Head()));
      assertTrue(e.getMessage().startsWith("Gave up after 300 ms waiting for another migration run on this database"
          + " (held by PostgreSQL backend " + pid + ", application 'quantagent-migrations'"), e.getMessage());
      assertTrue(e.getMessage().contains("-Dquantagent.lockTimeout=<seconds>"), e.getMessage());
      // A killed run does not always let go at once: the message must not say it does, and says how to end it.
      assertTrue(e.getMessage().contains("If that backend belongs to such a run, end it: select"
          + " pg_terminate_backend(<its pid>);"), e.getMessage());
      assertEquals(1, lines.stream().filter(l -> l.startsWith("INFO Waiting for another migration run on this"
          + " database to finish (held by PostgreSQL backend " + pid + ",")).count(), String.join("\n", lines));
    }
    assertEquals(List.of(), db.tables(), "the run that gave up changed nothing");
  }

  /**
   * A DBA's run, as a superuser, holds the lock; the run that waits is an application role's, to which
   * pg_stat_activity hides where another role's session connects from and since when: it names the holder's role and
   * the grant that shows the rest, not "from local, connected since null (0 s ago)".
   */
  @Test
  void aRunOfAnotherRoleHoldingTheLockIsNamedByItsRole(TestDatabase db, @TempDir Path dir) throws Exception {
    String role = "qa_waits_" + Long.toHexString(System.nanoTime());
    db.execute("create role " + role + " login password 'waits-pw'");
    try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
      String pid = holdTheLock(s);
      Migrator asRole = new Migrator(new PostgresConnector(DatabaseUrl.parse(db.jdbcUrl()).withCredentials(role,
          "waits-pw"))::connect, threeTables(dir).source(), MigratorSettings.defaults().withLockTimeout(
          Duration.ofMillis(300)), EventLog.silent());
      LockTimeoutException e = assertThrows(LockTimeoutException.class, () -> asRole.upgrade(new Target.Head()));
      assertTrue(e.getMessage().startsWith("Gave up after 300 ms waiting for another migration run on this database"
          + " (held by PostgreSQL backend " + pid + ", application 'quantagent-migrations', role "
          + db.value("select current_user") + " (where it connects from, and since when, are hidden from the role "
          + role + ": GRANT pg_read_all_stats TO " + role + " shows them))."), e.getMessage());
    } finally {
      db.execute("drop role " + role);
    }
  }

  @Test
  void aWaitingRunGoesOnOnceTheHolderEnds(TestDatabase db, @TempDir Path dir) throws Exception {
    Scripts scripts = threeTables(dir);
    CountDownLatch waiting = new CountDownLatch(1);
    try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
      s.execute("select pg_advisory_lock(" + KEY + ")");
      CompletableFuture<UpgradeResult> run = CompletableFuture.supplyAsync(() -> new Migrator(db.connections(),
          scripts.source(), MigratorSettings.defaults(), Events.listening(line -> {
            if (line.startsWith("INFO Waiting for another migration run")) {
              waiting.countDown();
            }
          })).upgrade(new Target.Head()), ThreadPerTask.EXECUTOR);
      assertTrue(waiting.await(60, TimeUnit.SECONDS), "the second run never said it waits");
      s.execute("select pg_advisory_unlock(" + KEY + ")");
      assertEquals(3, run.get(60, TimeUnit.SECONDS).runs().size());
    }
  }

  @ParameterizedTest(name = "{0} takes the run lock")
  @ValueSource(strings = {"downgrade", "repair"})
  void downgradeAndRepairTakeTheLockToo(String goal, TestDatabase db, @TempDir Path dir) throws Exception {
    Scripts scripts = threeTables(dir);
    migrator(db, scripts, Duration.ofSeconds(60), new CopyOnWriteArrayList<>()).upgrade(new Target.Head());
    Function<Migrator, Object> run = goal.equals("downgrade") ? m -> m.downgrade(new Target.Relative(1)) : Migrator::repair;
    try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
      s.execute("select pg_advisory_lock(" + KEY + ")");
      assertThrows(LockTimeoutException.class,
          () -> run.apply(migrator(db, scripts, Duration.ofMillis(200), new CopyOnWriteArrayList<>())));
    }
    assertEquals(List.of("1", "2", "3"), db.changelogIds());
  }

  /**
   * While one run builds an index concurrently, a second run waits for the run lock. CREATE INDEX CONCURRENTLY
   * waits for every transaction older than its snapshot; a waiter blocked in pg_advisory_lock inside a
   * transaction is one, and waits for the first run in turn: PostgreSQL kills one with "deadlock detected".
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(PostgresMajor.class)
  void twoRunsDuringAConcurrentIndexBuildBothSucceed(PostgresMajor version, FreshDatabases databases,
      @TempDir Path dir) throws Exception {
    TestDatabase db = databases.create(version);
    Scripts scripts = new Scripts(dir).add("001_create_t.sql", "create table t (id int);", "drop table t;");
    migrator(db, scripts, Duration.ofSeconds(60), new CopyOnWriteArrayList<>()).upgrade(new Target.Head());
    scripts.add("002_index_t.sql", "-- quantagent:no-transaction\ncreate index concurrently t_id on t (id);",
        "-- quantagent:no-transaction\ndrop index concurrently t_id;");
    CountDownLatch secondWaits = new CountDownLatch(1);
    try (Connection writer = db.connect(); Statement w = writer.createStatement()) {
      w.execute("begin; insert into t values (1)"); // holds the index build in its first phase
      CompletableFuture<UpgradeResult> first = CompletableFuture.supplyAsync(
          () -> migrator(db, scripts, Duration.ofSeconds(60), new CopyOnWriteArrayList<>()).upgrade(new Target.Head()),
          ThreadPerTask.EXECUTOR);
      Await.until(db, "select count(*) from pg_stat_activity where query like 'create index concurrently t_id%'"
          + " and wait_event_type = 'Lock' and datname = current_database()");
      CompletableFuture<UpgradeResult> second = CompletableFuture.supplyAsync(() -> new Migrator(db.connections(),
          scripts.source(), MigratorSettings.defaults(), Events.listening(line -> {
            if (line.startsWith("INFO Waiting for another migration run")) {
              secondWaits.countDown();
            }
          })).upgrade(new Target.Head()), ThreadPerTask.EXECUTOR);
      assertTrue(secondWaits.await(60, TimeUnit.SECONDS), "the second run never waited for the first");
      // and asks for the lock again (a blocking waiter: from inside its transaction) while the build still waits
      Await.until(db, "select count(*) from pg_stat_activity where query like 'select pg_%advisory_lock(%'"
          + " and datname = current_database()");
      w.execute("commit");
      assertEquals(1, first.get(120, TimeUnit.SECONDS).runs().size());
      assertEquals(0, second.get(120, TimeUnit.SECONDS).runs().size());
    }
    assertEquals(List.of("t_id"), db.column("select indexrelid::regclass::text from pg_index where indisvalid"
        + " and indrelid = 't'::regclass"));
  }
}
