package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.db.DatabaseUrl;
import io.quantagent.migrations.db.PostgresConnector;
import io.quantagent.migrations.embedded.EmbeddedPostgres;
import io.quantagent.migrations.embedded.EmbeddedPostgresSettings;
import io.quantagent.migrations.embedded.PostgresBinaries;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.ThreadPerTask;
import io.quantagent.migrations.testing.WaitBound;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Commits that do not wait for the disk, and a crash: the server is stopped the way a crash stops it ({@code pg_ctl
 * stop -m immediate}: SIGQUIT to the postmaster, no checkpoint, what is not yet written from the WAL buffers is
 * lost) and restarted. A server of the test's own, since it is crashed; its WAL writer only writes every 10 s, so
 * asynchronous commits do sit in memory when it crashes.
 */
@WaitBound
@ResourceLock(WaitBound.OWN_SERVERS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DurabilityTest {
  private static final int MIGRATIONS = 120;

  @TempDir
  Path dir;
  private EmbeddedPostgresSettings settings;
  private final List<EmbeddedPostgres> servers = new ArrayList<>();
  private EmbeddedPostgres server;

  @BeforeEach
  void aServerToCrash() throws Exception {
    Path data = dir.resolve("pgdata");
    settings = EmbeddedPostgresSettings.throwaway(
        PostgresBinaries.fromClasspath(DurabilityTest.class.getClassLoader()), data);
    start();
    try (Connection c = connections().open(); Statement s = c.createStatement()) {
      // The throwaway server runs with synchronous_commit=off on its command line; a database setting wins over it.
      s.execute("alter database postgres set synchronous_commit = on");
      s.execute("alter system set wal_writer_delay = '10s'");
      s.execute("alter system set wal_writer_flush_after = '1GB'");
      s.execute("alter system set bgwriter_lru_maxpages = 0");
      s.execute("select pg_reload_conf()");
    }
    Scripts scripts = new Scripts(Files.createDirectories(dir.resolve("scripts")));
    for (int i = 1; i <= MIGRATIONS; i++) {
      scripts.add(String.format("%03d_create_t%d.sql", i, i), "create table t" + i + " (id int, v text);",
          "drop table t" + i + ";");
    }
  }

  @AfterEach
  void stopServers() {
    for (int i = servers.size() - 1; i >= 0; i--) {
      servers.get(i).close();
    }
  }

  private void start() {
    server = EmbeddedPostgres.start(settings, EventLog.silent());
    servers.add(server);
  }

  private ConnectionFactory connections() {
    EmbeddedPostgres current = server;
    return () -> new PostgresConnector(DatabaseUrl.parse(current.jdbcUrl("postgres"))
        .withCredentials(current.user(), current.password())).connect();
  }

  private Migrator migrator() {
    return new Migrator(connections(), ScriptSource.directory(dir.resolve("scripts")), "changelog", EventLog.silent());
  }

  /** What pg_ctl stop -m immediate does: SIGQUIT to the postmaster, then wait for it to go. */
  private void crashAndRestart() throws Exception {
    Path pidFile = server.dataDirectory().resolve("postmaster.pid");
    String pid = Files.readAllLines(pidFile).get(0).strip();
    assertEquals(0, new ProcessBuilder("kill", "-QUIT", pid).inheritIO().start().waitFor());
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Files.exists(pidFile)) {
      assertTrue(Instant.now().isBefore(deadline), "PostgreSQL did not stop on SIGQUIT");
      Thread.onSpinWait();
    }
    start();
  }

  private List<String> query(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = connections().open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  @Test
  void aRunThatReturnedSurvivesAnImmediateStop() throws Exception {
    assertEquals(MIGRATIONS, migrator().upgrade(new Target.Head()).runs().size());
    crashAndRestart();
    assertEquals(List.of(Integer.toString(MIGRATIONS)), query("select count(*) from changelog"));
    assertEquals(List.of(Integer.toString(MIGRATIONS)),
        query("select count(*) from pg_tables where schemaname = 'public' and tablename like 't%'"));
  }

  /**
   * A no-transaction script's statements and changelog row commit in auto-commit, as the database's own
   * synchronous_commit says; when that is off and the script ends the run, the run still ends on disk.
   */
  @Test
  void aRunEndingInANoTransactionScriptSurvivesAnImmediateStopWhenTheDatabaseCommitsAsynchronously()
      throws Exception {
    try (Connection c = connections().open(); Statement s = c.createStatement()) {
      s.execute("alter database postgres set synchronous_commit = off");
    }
    Files.writeString(dir.resolve("scripts").resolve((MIGRATIONS + 1) + "_create_t" + (MIGRATIONS + 1) + ".sql"),
        "-- // no transaction\n-- quantagent:no-transaction\ncreate table t" + (MIGRATIONS + 1) + " (id int);\n"
            + "-- //@UNDO\ndrop table t" + (MIGRATIONS + 1) + ";\n");
    assertEquals(MIGRATIONS + 1, migrator().upgrade(new Target.Head()).runs().size());
    crashAndRestart();
    assertEquals(List.of("t"), query("select to_regclass('changelog') is not null"), "the changelog survived");
    assertEquals(List.of(Integer.toString(MIGRATIONS + 1)), query("select count(*) from changelog"));
    assertEquals(List.of(Integer.toString(MIGRATIONS + 1)),
        query("select count(*) from pg_tables where schemaname = 'public' and tablename like 't%'"));
  }

  /** A failed run reports its failure only after the migrations it did commit (asynchronously) are on disk. */
  @Test
  void aFailedRunsEarlierMigrationsSurviveAnImmediateStop() throws Exception {
    Files.writeString(dir.resolve("scripts").resolve((MIGRATIONS + 1) + "_broken.sql"),
        "-- // broken\ninsert into missing values (1);\n-- //@UNDO\nselect 1;\n");
    assertThrows(ScriptFailedException.class, () -> migrator().upgrade(new Target.Head()));
    crashAndRestart();
    assertEquals(List.of(Integer.toString(MIGRATIONS)), query("select count(*) from changelog"));
  }

  /**
   * Where the database's TEMPORARY privilege is revoked from PUBLIC, the run cannot write WAL of its own to flush the
   * commits before a failed migration: it waits for the server's WAL writer. Its delay here is 3 s, well inside the
   * run's wait and long enough that the last migrations' commits sit in memory when a run that did not wait ends.
   */
  @Test
  void aFailedRunsEarlierMigrationsSurviveAnImmediateStopAlsoForARoleThatMayNotCreateTemporaryTables()
      throws Exception {
    try (Connection c = connections().open(); Statement s = c.createStatement()) {
      s.execute("create role qa_app login password 'app-pw'");
      s.execute("grant create on schema public to qa_app");
      s.execute("revoke temporary on database postgres from public");
      s.execute("alter system set wal_writer_delay = '3s'");
      s.execute("select pg_reload_conf()");
    }
    Files.writeString(dir.resolve("scripts").resolve((MIGRATIONS + 1) + "_broken.sql"),
        "-- // broken\ninsert into missing values (1);\n-- //@UNDO\nselect 1;\n");
    EmbeddedPostgres current = server;
    Migrator app = new Migrator(() -> new PostgresConnector(DatabaseUrl.parse(current.jdbcUrl("postgres"))
        .withCredentials("qa_app", "app-pw")).connect(), ScriptSource.directory(dir.resolve("scripts")), "changelog",
        EventLog.silent());
    assertThrows(ScriptFailedException.class, () -> app.upgrade(new Target.Head()));
    crashAndRestart();
    assertEquals(List.of("t"), query("select to_regclass('changelog') is not null"), "the changelog survived");
    assertEquals(List.of(Integer.toString(MIGRATIONS)), query("select count(*) from changelog"));
    assertEquals(List.of(Integer.toString(MIGRATIONS)),
        query("select count(*) from pg_tables where schemaname = 'public' and tablename like 't%'"));
  }

  @Test
  void aCrashMidRunLosesWholeMigrationsOnlyAndTheNextRunCompletes() throws Exception {
    // Migration 100 stops at a barrier the test holds, so the crash comes in the middle of the run.
    Path barrierScript = dir.resolve("scripts").resolve("100_create_t100.sql");
    Files.writeString(barrierScript, "-- // create t100\n-- quantagent:lock-timeout off\ncreate table t100 (id int);\n"
        + "select pg_advisory_xact_lock(42);\n-- //@UNDO\ndrop table t100;\n");
    CompletableFuture<UpgradeResult> run;
    try (Connection barrier = connections().open(); Statement b = barrier.createStatement()) {
      b.execute("select pg_advisory_lock(42)");
      run = CompletableFuture.supplyAsync(() -> migrator().upgrade(new Target.Head()), ThreadPerTask.EXECUTOR);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
      while (query("select count(*) from pg_locks where locktype = 'advisory' and objid = 42 and not granted")
          .get(0).equals("0")) {
        assertTrue(Instant.now().isBefore(deadline), "the run never reached migration 100");
        Thread.onSpinWait();
      }
      crashAndRestart();
    }
    assertThrows(ExecutionException.class, () -> run.get(60, TimeUnit.SECONDS));

    TreeSet<Integer> recorded = new TreeSet<>();
    // The changelog itself is created in the first migration's transaction: a crash can take it too.
    if (query("select to_regclass('changelog') is not null").get(0).equals("t")) {
      query("select id from changelog").forEach(id -> recorded.add(Integer.parseInt(id)));
    }
    TreeSet<Integer> tables = new TreeSet<>();
    query("select tablename from pg_tables where schemaname = 'public' and tablename like 't%'")
        .forEach(t -> tables.add(Integer.parseInt(t.substring(1))));
    assertEquals(recorded, tables, "every changelog row has its table and every table its row");
    assertTrue(recorded.isEmpty() || recorded.last() < 100 && recorded.size() == recorded.last(),
        "what survived is the run's first migrations, without a gap: " + recorded);

    assertEquals(MIGRATIONS - recorded.size(), migrator().upgrade(new Target.Head()).runs().size());
    assertEquals(List.of(Integer.toString(MIGRATIONS)), query("select count(*) from changelog"));
  }
}
