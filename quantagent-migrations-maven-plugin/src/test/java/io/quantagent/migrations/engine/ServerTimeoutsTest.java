package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.db.DatabaseUrl;
import io.quantagent.migrations.db.PostgresConnector;
import io.quantagent.migrations.engine.ServerTimeouts.CancelWording;
import io.quantagent.migrations.testing.Await;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.PostgresFixture.OnPostgres;
import io.quantagent.migrations.testing.PostgresMajor;
import io.quantagent.migrations.testing.Prerequisite;
import io.quantagent.migrations.testing.TestDatabase;
import io.quantagent.migrations.testing.ThreadPerTask;
import io.quantagent.migrations.testing.WaitBound;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Timeouts the server gives a migration's session before the run sets any (postgresql.conf, ALTER ROLE or ALTER
 * DATABASE ... SET; a role for the application often has a statement_timeout): the run keeps them, a script's
 * {@code off} lifts them, and a statement they cancel, or a transaction PostgreSQL 17's transaction_timeout ends, is
 * named with where the limit comes from.
 */
@WaitBound
@ExtendWith(PostgresFixture.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES) // only turns a migration that waits forever into a failure
class ServerTimeoutsTest {
  private static final String ADD_COLUMN = "alter table orders add column risk_level numeric(10,2);";

  private TestDatabase db;
  private Scripts scripts;

  @BeforeEach
  void ordersTable(TestDatabase database, @TempDir Path dir) throws Exception {
    db = database;
    scripts = new Scripts(dir).add("001_create_orders.sql", "create table orders (id bigserial primary key,"
        + " symbol text not null);", "drop table orders;");
    migrator(RunnerSettings.defaults(), line -> { }).upgrade(new Target.Head());
  }

  private Migrator migrator(RunnerSettings runner, Consumer<String> lines) {
    return new Migrator(db.connections(), scripts.source(), MigratorSettings.defaults().withRunner(runner),
        Events.listening(lines));
  }

  /** Sessions opened from now on start with it, as they would under ALTER ROLE ... SET. */
  private void databaseSets(String setting, String value) throws Exception {
    db.execute("alter database " + db.name() + " set " + setting + " = '" + value + "'");
  }

  @Test
  void aStatementTheDatabasesTimeoutCancelsNamesThatTimeoutAndHowToReplaceIt() throws Exception {
    String message = timedOutAfterTheDatabasesHalfSecond("canceling statement due to statement timeout");
    assertTrue(message.endsWith("\n  It ran longer than the statement_timeout the server gives this session:"
        + " 500ms, set for the database " + db.name() + " (ALTER DATABASE " + db.name() + " SET statement_timeout)."
        + " The run keeps it while -Dquantagent.statementTimeout is off. A limit of the run's replaces it for the"
        + " migrations: -Dquantagent.statementTimeout=30min, or a line '-- quantagent:statement-timeout 30min' in"
        + " 002_slow.sql (off there for none at all); then run the same mvn quantagent:upgrade command again."),
        message);
    assertEquals(List.of("1"), db.changelogIds());
  }

  /** Runs a migration that sleeps past the database's statement_timeout of 500 ms; the server says {@code words}. */
  private String timedOutAfterTheDatabasesHalfSecond(String words) throws Exception {
    scripts.add("002_slow.sql", "select pg_sleep(60);", "select 1;");
    databaseSets("statement_timeout", "500ms");
    ScriptFailedException e = assertThrows(ScriptFailedException.class,
        () -> migrator(RunnerSettings.defaults(), line -> { }).upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("statement 1 of 1 (line 2): select pg_sleep(60);\n  PostgreSQL: " + words
        + " [SQLSTATE 57014]"), e.getMessage());
    return e.getMessage();
  }

  /** The server refuses the connection that would read its limits (as when it is full), so the message cannot say. */
  @Test
  void aServerTimeoutThatCannotBeReadIsNamedAsTheServersOrTheScriptsOwn() throws Exception {
    scripts.add("002_slow.sql", "select pg_sleep(60);", "select 1;");
    databaseSets("statement_timeout", "500ms");
    AtomicBoolean runsSessionOpened = new AtomicBoolean();
    ConnectionFactory noneAfterTheRunsSession = () -> {
      Connection connection = db.connect();
      if (!runsSessionOpened.getAndSet(true)) {
        closeTheDatabaseToNewConnections(true);
      }
      return connection;
    };
    try {
      ScriptFailedException e = assertThrows(ScriptFailedException.class, () -> new Migrator(noneAfterTheRunsSession,
          scripts.source(), MigratorSettings.defaults(), Events.listening(line -> { })).upgrade(new Target.Head()));
      assertTrue(e.getMessage().contains("PostgreSQL: canceling statement due to statement timeout [SQLSTATE 57014]"),
          e.getMessage());
      assertTrue(e.getMessage().endsWith("\n  It ran longer than a statement_timeout of the server's for the session"
          + " (ALTER ROLE or ALTER DATABASE ... SET, postgresql.conf, the URL's options), or one a SET in 002_slow.sql"
          + " made. The run keeps it while -Dquantagent.statementTimeout is off. A limit of the run's replaces it for"
          + " the migrations: -Dquantagent.statementTimeout=30min, or a line '-- quantagent:statement-timeout 30min' in"
          + " 002_slow.sql (off there for none at all); then run the same mvn quantagent:upgrade command again."),
          e.getMessage());
    } finally {
      closeTheDatabaseToNewConnections(false);
    }
    assertEquals(List.of("1"), db.changelogIds());
  }

  /** From another database: PostgreSQL does not let a session close its own database. */
  private void closeTheDatabaseToNewConnections(boolean closed) {
    try (Connection admin = db.server().connector("postgres").connect(); Statement s = admin.createStatement()) {
      s.execute("alter database " + db.name() + " allow_connections " + !closed);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aStatementTheRunsTimeoutCancelsNamesTheRunsSetting() throws Exception {
    scripts.add("002_slow.sql", "select pg_sleep(60);", "select 1;");
    RunnerSettings runner = RunnerSettings.defaults().withStatementTimeout(Duration.ofMillis(200));
    ScriptFailedException e = assertThrows(ScriptFailedException.class,
        () -> migrator(runner, line -> { }).upgrade(new Target.Head()));
    assertTrue(e.getMessage().endsWith("\n  It ran longer than -Dquantagent.statementTimeout (200 ms) allows any"
        + " statement of the run: raise it, or give this script its own limit with a line '-- quantagent:"
        + "statement-timeout 30min' in 002_slow.sql, then run the same mvn quantagent:upgrade command again."),
        e.getMessage());
  }

  @Test
  void aStatementTheScriptsOwnSetCancelsBlamesThatSet() throws Exception {
    scripts.add("002_slow.sql", "set statement_timeout = '100ms';\nselect pg_sleep(60);", "select 1;");
    ScriptFailedException e = assertThrows(ScriptFailedException.class,
        () -> migrator(RunnerSettings.defaults(), line -> { }).upgrade(new Target.Head()));
    assertTrue(e.getMessage().endsWith("\n  Neither the run nor the server set a statement_timeout for it, so a SET"
        + " statement_timeout in 002_slow.sql itself did: raise or remove it, then run the same mvn quantagent:upgrade"
        + " command again."), e.getMessage());
  }

  /**
   * The server's words for a cancel cost a statement that cancels itself, a round trip of its own: read only when the
   * advice asks for them (see {@link TimeLimitAdviceTest}).
   */
  @Test
  void theServersWordsForACancelAreReadOnlyWhenAskedFor() {
    assertEquals(Optional.empty(),
        ServerTimeouts.read(db.connections(), CancelWording.NOT_ASKED).orElseThrow().userCancel());
    assertEquals(Optional.of("canceling statement due to user request"),
        ServerTimeouts.read(db.connections(), CancelWording.ASKED).orElseThrow().userCancel());
  }

  @Test
  void aStatementAnotherSessionCancelsSaysSoAndBlamesNoTimeout() throws Exception {
    assertACancelIsNamedAsAnotherSessions("canceling statement due to user request");
  }

  /**
   * A server that speaks another language (lc_messages, which initdb takes from the machine's locale) words a cancel
   * and a statement timeout in it, with one SQLSTATE for both: the server's own words for a cancel still tell them
   * apart. On the system PostgreSQL 15, whose Debian build has its translations, in German.
   */
  @Test
  void aStatementAnotherSessionCancelsOnAServerSpeakingGermanSaysSo(@OnPostgres(PostgresMajor.V15) TestDatabase german)
      throws Exception {
    speakingGerman(german);
    assertACancelIsNamedAsAnotherSessions("storniere Anfrage wegen Benutzeraufforderung");
  }

  @Test
  void aStatementTheDatabasesTimeoutCancelsOnAServerSpeakingGermanNamesThatTimeout(
      @OnPostgres(PostgresMajor.V15) TestDatabase german) throws Exception {
    speakingGerman(german);
    String message = timedOutAfterTheDatabasesHalfSecond("storniere Anfrage wegen Zeitüberschreitung der Anfrage");
    assertTrue(message.contains("\n  It ran longer than the statement_timeout the server gives this session: 500ms,"
        + " set for the database " + db.name()), message);
  }

  /** A database limit of 10 min that must not be blamed: another session cancels the migration's sleep. */
  private void assertACancelIsNamedAsAnotherSessions(String words) throws Exception {
    scripts.add("002_slow.sql", "select pg_sleep(60);", "select 1;");
    databaseSets("statement_timeout", "10min");
    CompletableFuture<UpgradeResult> upgrade = CompletableFuture.supplyAsync(() ->
        migrator(RunnerSettings.defaults(), line -> { }).upgrade(new Target.Head()), ThreadPerTask.EXECUTOR);
    // In the sleep itself: pg_stat_activity shows the statement once its Parse message is read, and a cancel that comes
    // while the server reads the messages after it (Bind, Execute) is dropped.
    Await.until(db, "select count(pg_cancel_backend(pid)) from pg_stat_activity where datname = current_database()"
        + " and query like 'select pg_sleep(60)%' and wait_event = 'PgSleep'");
    ExecutionException e = assertThrows(ExecutionException.class, () -> upgrade.get(60, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("PostgreSQL: " + words + " [SQLSTATE 57014]"),
        e.getCause().getMessage());
    assertTrue(e.getCause().getMessage().endsWith("\n  Another session cancelled it (pg_cancel_backend): no timeout"
        + " did. Find out who and why, then run the same mvn quantagent:upgrade command again."),
        e.getCause().getMessage());
  }

  /** The tests' database from here on is {@code german}, which speaks German from the next session on. */
  private void speakingGerman(TestDatabase german) throws Exception {
    try {
      german.execute("alter database " + german.name() + " set lc_messages = 'de_DE.UTF-8'");
    } catch (SQLException e) {
      Prerequisite.require(false, "the locale de_DE.UTF-8 (localedef -i de_DE -f UTF-8 de_DE.UTF-8): "
          + e.getMessage());
    }
    db = german;
    migrator(RunnerSettings.defaults(), line -> { }).upgrade(new Target.Head());
  }

  @Test
  void aMigrationTheDatabasesTransactionTimeoutEndsNamesThatTimeout() throws Exception {
    scripts.add("002_slow.sql", "select pg_sleep(60);", "select 1;");
    databaseSets("transaction_timeout", "500ms");
    ScriptFailedException e = assertThrows(ScriptFailedException.class,
        () -> migrator(RunnerSettings.defaults(), line -> { }).upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("\n  PostgreSQL: terminating connection due to transaction timeout [SQLSTATE"
        + " 25P04]\n  It was rolled back: nothing of it is applied and it has no changelog row.\n"), e.getMessage());
    assertTrue(e.getMessage().endsWith("\n  The server ends every transaction longer than its transaction_timeout:"
        + " 500ms, set for the database " + db.name() + " (ALTER DATABASE " + db.name() + " SET transaction_timeout)."
        + " This one ran longer. Raise or lift the limit for the role that migrates (ALTER ROLE " + db.server().user()
        + " SET transaction_timeout = 0), or run as a role without one; then run the same mvn quantagent:upgrade"
        + " command again."), e.getMessage());
    assertEquals(List.of("1"), db.changelogIds());
  }

  @Test
  void aRunInOneTransactionThatTheTransactionTimeoutEndsIsToldItCanRunEachAlone() throws Exception {
    scripts.add("002_fast.sql", "create table fills (id bigint);", "drop table fills;")
        .add("003_slow.sql", "select pg_sleep(60);", "select 1;");
    databaseSets("transaction_timeout", "500ms");
    ScriptFailedException e = assertThrows(ScriptFailedException.class, () -> migrator(
        RunnerSettings.defaults().withTransaction(TransactionMode.ALL), line -> { }).upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains(" This one ran longer. With -Dquantagent.transaction=all the migrations of the"
        + " run share one transaction; -Dquantagent.transaction=each gives each its own, which may fit. Raise or"
        + " lift"), e.getMessage());
    assertEquals(List.of("1"), db.changelogIds());
  }

  @Test
  void aScriptsStatementTimeoutOffLiftsTheDatabasesOwn() throws Exception {
    scripts.add("002_waits.sql", "-- quantagent:statement-timeout off\nselect pg_advisory_xact_lock(4207);",
        "select 1;");
    databaseSets("statement_timeout", "250ms");
    assertRunsPastTheServersLimitUntilReleased(RunnerSettings.defaults(),
        holder -> holder.execute("select pg_advisory_lock(4207)"),
        holder -> holder.execute("select pg_advisory_unlock(4207)"));
  }

  @Test
  void aScriptsLockTimeoutOffLiftsTheDatabasesOwn() throws Exception {
    scripts.add("002_add_column.sql", "-- quantagent:lock-timeout off\n" + ADD_COLUMN, "select 1;");
    assertWaitsForTheBlockerPastTheDatabasesLockTimeout();
  }

  @Test
  void aNoTransactionScriptsLockTimeoutOffLiftsTheDatabasesOwn() throws Exception {
    scripts.add("002_add_column.sql", "-- quantagent:no-transaction\n-- quantagent:lock-timeout off\n" + ADD_COLUMN,
        "select 1;");
    assertWaitsForTheBlockerPastTheDatabasesLockTimeout();
  }

  @Test
  void aLockTimeoutOfTheDatabasesOwnIsNamedAsSuchWhenTheRunSetsNone() throws Exception {
    scripts.add("002_add_column.sql", ADD_COLUMN, "select 1;");
    databaseSets("lock_timeout", "250ms");
    List<String> lines = new CopyOnWriteArrayList<>();
    try (Connection holder = db.connect(); Statement h = holder.createStatement()) {
      h.execute("begin; select count(*) from orders");
      RunnerSettings guardOff = RunnerSettings.defaults().withStatementLockTimeout(Duration.ZERO)
          .withLockAttempts(2, Duration.ofMillis(50));
      SessionConflictException e = assertThrows(SessionConflictException.class,
          () -> migrator(guardOff, lines::add).upgrade(new Target.Head()));
      assertTrue(e.getMessage().contains("PostgreSQL: canceling statement due to lock timeout [SQLSTATE 55P03]"),
          e.getMessage());
    }
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARN Lock timeout in 2 (add column), statement 1 of 1"
        + " (line 2) " + ADD_COLUMN + ": the server's own lock_timeout (the run sets none) ended its wait for ")),
        String.join("\n", lines));
  }

  /**
   * A DBA who gives the role that migrates {@code ALTER ROLE ... SET lock_timeout = '300ms'} keeps writers from
   * queueing behind a migration for longer than that: the run's default guard of 2 s must not raise it. Each migration
   * without a line of its own, in a transaction or not, runs under the role's 300 ms, and a lock timeout names it.
   */
  @ParameterizedTest
  @EnumSource(TransactionMode.class)
  void aStricterLockTimeoutOfTheRolesOwnIsKeptOverTheDefaultAndNamed(TransactionMode mode) throws Exception {
    String role = roleWithLockTimeout("300ms");
    String seen = " as select current_setting('lock_timeout') as s;";
    scripts.add("002_seen.sql", "create table seen_2" + seen, "drop table seen_2;")
        .add("003_seen_alone.sql", "-- quantagent:no-transaction\ncreate table seen_3" + seen, "drop table seen_3;")
        .add("004_add_column.sql", ADD_COLUMN, "select 1;");
    List<String> lines = new CopyOnWriteArrayList<>();
    RunnerSettings defaults = RunnerSettings.parse(null, 2, "off", "each").withTransaction(mode)
        .withLockAttempts(2, Duration.ofMillis(50));
    SessionConflictException e;
    try (Connection holder = db.connect(); Statement h = holder.createStatement()) {
      h.execute("begin; select count(*) from orders");
      e = assertThrows(SessionConflictException.class,
          () -> migratorAs(role, defaults, lines::add).upgrade(new Target.Head()));
    }
    assertEquals(List.of("300ms", "300ms"), List.of(db.value("select s from seen_2"), db.value("select s from"
        + " seen_3")));
    assertTrue(e.getMessage().contains(", in each of 2 attempts. Each attempt waited 300 ms, the session's own"
        + " lock_timeout, stricter than the run's default 2 s: 300ms, set for the role " + role + " (ALTER ROLE " + role
        + " SET lock_timeout).\n"), e.getMessage());
    assertTrue(e.getMessage().endsWith(" (or -Dquantagent.statementLockTimeout=10s for the whole run). Either one"
        + " replaces the session's own stricter lock_timeout for the migrations: agree it with whoever set that."),
        e.getMessage());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARN Lock timeout in 4 (add column), statement 1 of 1"
        + " (line 2) " + ADD_COLUMN + ": waited 300 ms for ") && l.contains("; its limit is the session's own"
        + " lock_timeout, stricter than the run's default 2 s: 300ms, set for the role " + role + " (ALTER ROLE " + role
        + " SET lock_timeout). Rolled back; attempt 2 of 2 in ")), String.join("\n", lines));
    assertEquals(List.of("1", "2", "3"), db.changelogIds());
  }

  /**
   * What the user asked for wins over the role's own: -Dquantagent.statementLockTimeout, even when it says the
   * default's 2s, and a script's line. Nor does a role's limit looser than the default raise the guard.
   */
  @Test
  void anExplicitLockTimeoutOrAScriptsLineWinsOverTheRolesOwnAndALooserOneGivesWay() throws Exception {
    String strict = roleWithLockTimeout("300ms");
    String loose = roleWithLockTimeout("24h"); // which PostgreSQL shows as 1d, a unit the run must read too
    String seen = " as select current_setting('lock_timeout') as s;";
    scripts.add("002_seen.sql", "create table seen_2" + seen, "drop table seen_2;")
        .add("003_seen_own_line.sql", "-- quantagent:lock-timeout 5s\ncreate table seen_3" + seen,
            "drop table seen_3;");
    migratorAs(strict, RunnerSettings.parse("2s", 5, "off", "each"), line -> { }).upgrade(new Target.Head());
    assertEquals(List.of("2s", "5s"), List.of(db.value("select s from seen_2"), db.value("select s from seen_3")));

    scripts.add("004_seen_loose.sql", "create table seen_4" + seen, "drop table seen_4;");
    migratorAs(loose, RunnerSettings.parse(null, 5, "off", "each"), line -> { }).upgrade(new Target.Head());
    assertEquals("2s", db.value("select s from seen_4"));
  }

  /**
   * A login role of its own with {@code lock_timeout} set for it, that owns orders and may create tables and write
   * the changelog.
   */
  private String roleWithLockTimeout(String lockTimeout) throws Exception {
    String role = "qa_migrates_" + Long.toHexString(System.nanoTime());
    db.execute("create role " + role + " login password 'migrates-pw'",
        "alter role " + role + " set lock_timeout = '" + lockTimeout + "'",
        "grant create on schema public to " + role, "grant select, insert, delete on changelog to " + role);
    db.execute("alter table orders owner to " + role);
    return role;
  }

  private Migrator migratorAs(String role, RunnerSettings runner, Consumer<String> lines) {
    return new Migrator(new PostgresConnector(DatabaseUrl.parse(db.jdbcUrl()).withCredentials(role, "migrates-pw"))
        ::connect, scripts.source(), MigratorSettings.defaults().withRunner(runner), Events.listening(lines));
  }

  /**
   * The statement monitor's session idles between a lock timeout and the next attempt (and between slow migrations),
   * and a database's idle_session_timeout ends it there, as a DBA's job that ends idle sessions would: the monitor
   * opens another, so the last attempt's error still says who held the lock and how to end that session.
   */
  @Test
  void aLockTimeoutAfterTheServerEndedTheIdleMonitorStillNamesTheSessionHoldingTheLock() throws Exception {
    scripts.add("002_add_column.sql", ADD_COLUMN, "select 1;");
    try (Connection holder = db.connect(); Statement h = holder.createStatement()) {
      h.execute("begin; select count(*) from orders");
      String holderPid = db.value("select pid from pg_stat_activity where state = 'idle in transaction'"
          + " and datname = current_database()");
      databaseSets("idle_session_timeout", "1500ms"); // the monitor samples every second while a statement waits
      RunnerSettings twoAttempts = RunnerSettings.defaults().withLockAttempts(2, Duration.ofMillis(50));
      SessionConflictException e = assertThrows(SessionConflictException.class,
          () -> migrator(twoAttempts, line -> {
            if (line.startsWith("WARN Lock timeout in 2 (add column)")) {
              awaitUnchecked("select count(*) = 0 from pg_stat_activity where datname = current_database()"
                  + " and query like '%pg_blocking_pids%' and pid <> pg_backend_pid()");
            }
          }).upgrade(new Target.Head()));
      assertTrue(e.getMessage().contains("select pg_terminate_backend(" + holderPid + ")"), e.getMessage());
    }
  }

  /** Waits, on the run's own thread, for the server to end the monitor's idle session. */
  private void awaitUnchecked(String query) {
    try {
      Await.until(db, query);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void assertWaitsForTheBlockerPastTheDatabasesLockTimeout() throws Exception {
    databaseSets("lock_timeout", "250ms");
    assertRunsPastTheServersLimitUntilReleased(RunnerSettings.defaults().withLockAttempts(1, Duration.ZERO),
        holder -> holder.execute("begin; select count(*) from orders"), holder -> holder.execute("commit"));
  }

  private interface Sql {
    void run(Statement holder) throws Exception;
  }

  /**
   * Migration 2 waits for what {@code hold} takes. Its progress line, due after 600 ms of waiting, says that the
   * server's 250 ms limit did not end the wait; then {@code release} lets it finish.
   */
  private void assertRunsPastTheServersLimitUntilReleased(RunnerSettings runner, Sql hold, Sql release)
      throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> stillRunning = new CompletableFuture<>();
    try (Connection holder = db.connect(); Statement h = holder.createStatement()) {
      h.execute("set statement_timeout = 0; set lock_timeout = 0");
      hold.run(h);
      CompletableFuture<UpgradeResult> upgrade = CompletableFuture.supplyAsync(() ->
          migrator(runner.withProgressEvery(Duration.ofMillis(600)), line -> {
            lines.add(line);
            if (line.contains("still running after")) {
              stillRunning.complete(null);
            }
          }).upgrade(new Target.Head()), ThreadPerTask.EXECUTOR);
      CompletableFuture.anyOf(stillRunning, upgrade).handle((first, failed) -> first).get(60, TimeUnit.SECONDS);
      assertTrue(stillRunning.isDone(), "the server's limit ended the wait: " + lines + " " + failure(upgrade));
      release.run(h);
      assertEquals(1, upgrade.get(60, TimeUnit.SECONDS).runs().size());
    }
    assertEquals(List.of("1", "2"), db.changelogIds());
  }

  private static String failure(CompletableFuture<?> future) {
    return future.isCompletedExceptionally() ? future.handle((v, e) -> e.getMessage()).join() : "";
  }
}
