package io.quantagent.migrations.embedded;

import static io.quantagent.migrations.embedded.TestSupport.BINARIES;
import static io.quantagent.migrations.embedded.TestSupport.alive;
import static io.quantagent.migrations.embedded.TestSupport.execute;
import static io.quantagent.migrations.embedded.TestSupport.postmasterPid;
import static io.quantagent.migrations.embedded.TestSupport.queryOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.Prerequisite;
import io.quantagent.migrations.testing.ThreadPerTask;
import io.quantagent.migrations.testing.WaitBound;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

@WaitBound
@ResourceLock(WaitBound.OWN_SERVERS)
class EmbeddedPostgresTest {
  private static final Path SYSTEM_POSTGRES_15 = Path.of("/usr/lib/postgresql/15/bin");

  @TempDir Path dir;

  @Test
  void throwawayServerAnswersQueriesAndLeavesNothingBehind() throws Exception {
    Path data = dir.resolve("data");
    long pid;
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(EmbeddedPostgresSettings.throwaway(BINARIES, data),
        EventLog.silent())) {
      assertTrue(queryOne(pg, "select version()").startsWith("PostgreSQL 17."));
      assertEquals("jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres", pg.jdbcUrl());
      assertEquals("off", queryOne(pg, "show fsync"));
      assertEquals("", queryOne(pg, "show unix_socket_directories"));
      pid = postmasterPid(pg);
    }
    assertFalse(alive(pid));
    assertFalse(Files.exists(data));
  }

  @Test
  void persistentDataSurvivesStopAndStart() throws Exception {
    EmbeddedPostgresSettings settings = EmbeddedPostgresSettings.persistent(BINARIES, dir.resolve("data"), "app",
        "app-secret", "appdb");
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(settings, EventLog.silent())) {
      assertEquals("appdb", queryOne(pg, "select current_database()"));
      execute(pg, "create table kept (v text); insert into kept values ('still here')");
    }
    assertTrue(Files.exists(dir.resolve("data/PG_VERSION")));
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(settings, EventLog.silent())) {
      assertEquals("still here", queryOne(pg, "select v from kept"));
      assertEquals("on", queryOne(pg, "show fsync"));
    }
  }

  @Test
  void twoServersRunAtOnceOnDifferentPorts() throws Exception {
    try (EmbeddedPostgres one = EmbeddedPostgres.start(
            EmbeddedPostgresSettings.throwaway(BINARIES, dir.resolve("one")), EventLog.silent());
        EmbeddedPostgres two = EmbeddedPostgres.start(
            EmbeddedPostgresSettings.throwaway(BINARIES, dir.resolve("two")), EventLog.silent())) {
      assertNotEquals(one.port(), two.port());
      assertEquals(one.port(), Integer.parseInt(queryOne(one, "show port")));
      assertEquals(two.port(), Integer.parseInt(queryOne(two, "show port")));
    }
  }

  @Test
  void aServerAlreadyRunningOnTheDataDirectoryIsReusedAndLeftRunning() throws Exception {
    EmbeddedPostgresSettings settings = EmbeddedPostgresSettings.persistent(BINARIES, dir.resolve("data"), "app",
        "app-secret", "appdb");
    try (EmbeddedPostgres first = EmbeddedPostgres.start(settings, EventLog.silent())) {
      TestSupport.RecordingLog log = new TestSupport.RecordingLog();
      try (EmbeddedPostgres second = EmbeddedPostgres.start(settings.withDatabase("otherdb"), log)) {
        assertTrue(second.reused());
        assertTrue(second.privilegeMode().isEmpty());
        assertEquals(first.port(), second.port());
        assertEquals("otherdb", queryOne(second, "select current_database()"));
        assertTrue(log.contains("Joining the PostgreSQL server already running on " + first.dataDirectory()));
      }
      assertEquals("1", queryOne(first, "select 1"));
    }
  }

  /**
   * In one JVM (the goals of a parallel build), the second start waits for the first in SharedServer and joins its
   * server. Processes racing on a fresh directory, where the file locks and atomic moves decide, are the IT
   * dev-shared-by-concurrent-goals's.
   */
  @Test
  void twoThreadsStartingAtOnceOnAFreshDirectoryShareOneServer() throws Exception {
    EmbeddedPostgresSettings settings = EmbeddedPostgresSettings.persistent(BINARIES, dir.resolve("data"), "app",
        "app-secret", "appdb");
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<EmbeddedPostgres>> starts = Stream.generate(() -> CompletableFuture.supplyAsync(() -> {
      awaitQuietly(go);
      return EmbeddedPostgres.start(settings, EventLog.silent());
    }, ThreadPerTask.EXECUTOR)).limit(2).toList();
    go.countDown();
    try (EmbeddedPostgres one = starts.get(0).join(); EmbeddedPostgres two = starts.get(1).join()) {
      assertEquals(1, Stream.of(one, two).filter(EmbeddedPostgres::reused).count());
      assertEquals(one.port(), two.port());
      assertEquals("appdb", queryOne(two, "select current_database()"));
    } finally {
      starts.forEach(s -> s.thenAccept(EmbeddedPostgres::close)); // when one failed, still stop the other
    }
  }

  @Test
  void aWrongPasswordIsRejected() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(
        EmbeddedPostgresSettings.throwaway(BINARIES, dir.resolve("data")), EventLog.silent())) {
      SQLException e = assertThrows(SQLException.class,
          () -> queryOne(pg.jdbcUrl(), pg.user(), "not-" + pg.password(), "select 1"));
      assertEquals("28P01", e.getSQLState());
      assertEquals("scram-sha-256", queryOne(pg, "show password_encryption"));
    }
  }

  /** The first login of a goal costs no PBKDF2 rounds: see ClusterInitializer.setPassword for why one is enough. */
  @Test
  void theRandomPasswordIsStoredWithOneScramIteration() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(
        EmbeddedPostgresSettings.throwaway(BINARIES, dir.resolve("data")), EventLog.silent())) {
      String verifier = queryOne(pg, "select rolpassword from pg_authid where rolname = current_user");
      assertTrue(verifier.startsWith("SCRAM-SHA-256$1:"), verifier.replaceFirst(":.*", ":..."));
    }
  }

  /** See ClusterInitializer.writeLoginRules for why a plain password on 127.0.0.1 is as safe as SCRAM there. */
  @Test
  void theOnlyLoginIsAPasswordOnLoopback() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(
        EmbeddedPostgresSettings.throwaway(BINARIES, dir.resolve("data")), EventLog.silent())) {
      assertEquals("host all all 127.0.0.1 password", queryOne(pg, "select string_agg(concat_ws(' ', type,"
          + " array_to_string(database, ','), array_to_string(user_name, ','), address, auth_method, error), '; '"
          + " order by line_number) from pg_hba_file_rules"));
      assertEquals("127.0.0.1", queryOne(pg, "show listen_addresses"));
    }
  }

  /**
   * What the server and all it runs see: none of Maven's environment (DATABASE_URL, MAVEN_OPTS, CI tokens), which
   * another process of the server's user could read. Asked through a program the server itself runs.
   */
  @Test
  void theServerRunsWithNoneOfTheBuildsEnvironment() throws Exception {
    Prerequisite.require(FileTrees.isPosix(), "a POSIX system, whose sh runs 'env' for COPY ... FROM PROGRAM");
    Set<String> builds = new TreeSet<>(System.getenv().keySet());
    builds.removeIf(EmbeddedPostgresTest::expectedInTheServer);
    assertFalse(builds.isEmpty(), "this JVM's environment has nothing the server must not see");
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(
        EmbeddedPostgresSettings.throwaway(BINARIES, dir.resolve("data")), EventLog.silent())) {
      // CSV with delimiter and quote no value holds: a value may hold tabs and backslashes.
      execute(pg, "create table env (line text); copy env from program 'env' with (format csv, delimiter e'\\x01',"
          + " quote e'\\x02')");
      Set<String> seen = new TreeSet<>(List.of(queryOne(pg, "select string_agg(split_part(line, '=', 1), ' ')"
          + " from env where line ~ '^[A-Za-z_][A-Za-z0-9_]*='").split(" ")));
      Set<String> unexpected = new TreeSet<>(seen);
      unexpected.removeIf(EmbeddedPostgresTest::expectedInTheServer);
      assertEquals(Set.of(), unexpected, "the server's environment: " + seen);
    }
  }

  /**
   * Kept for the tools; LC_ALL, set for them, which postgres turns into the LC_* it sets itself; the PG* that postgres
   * and pg_ctl set themselves (PGSYSCONFDIR and, built with NLS, PGLOCALEDIR from where they lie; PGDATA from -D);
   * and what sh adds for the program it runs. Not any PG*: a PGPASSWORD of the build's must not pass.
   */
  private static boolean expectedInTheServer(String name) {
    return ToolEnvironment.KEPT.contains(name.toUpperCase(Locale.ROOT)) || name.startsWith("LC_")
        || List.of("PGSYSCONFDIR", "PGLOCALEDIR", "PGDATA", "PWD", "OLDPWD", "SHLVL", "_").contains(name);
  }

  /**
   * The test above sees only what this JVM's environment holds, and a build's PGPASSWORD, PGUSER or PGHOST is seldom
   * set where the tests run: so no PG* may be among what the tools keep, whatever the environment.
   */
  @Test
  void noneOfTheUsersPostgresVariablesIsKeptForTheTools() {
    assertEquals(Set.of(), ToolEnvironment.KEPT.stream().filter(n -> n.startsWith("PG")).collect(Collectors.toSet()));
  }

  @Test
  void bogusBinariesFailWithAnActionableMessage() {
    Path bogus = dir.resolve("no-postgres-here/bin");
    EmbeddedPostgresException e = assertThrows(EmbeddedPostgresException.class, () -> EmbeddedPostgres.start(
        EmbeddedPostgresSettings.throwaway(PostgresBinaries.installed(bogus), dir.resolve("data")),
        EventLog.silent()));
    assertTrue(e.getMessage().contains("No PostgreSQL binaries at " + bogus), e.getMessage());
    assertTrue(e.getMessage().contains("-Dquantagent.url"), e.getMessage());
  }

  @Test
  void aDirectoryWithOtherFilesIsNotTurnedIntoADataDirectory() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("notes.txt"), "not a database");
    EmbeddedPostgresException e = assertThrows(EmbeddedPostgresException.class, () -> EmbeddedPostgres.start(
        EmbeddedPostgresSettings.persistent(BINARIES, data, "app", "pw", "app"), EventLog.silent()));
    assertTrue(e.getMessage().contains("The PostgreSQL data directory " + data + " is not empty but holds no"
        + " PostgreSQL cluster"), e.getMessage());
    assertTrue(Files.exists(data.resolve("notes.txt")));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void theSystemsPostgres15RunsAsASecondVersion() throws Exception {
    Prerequisite.require(Files.isExecutable(SYSTEM_POSTGRES_15.resolve("initdb")),
        "the system PostgreSQL 15 in " + SYSTEM_POSTGRES_15 + " (apt-get install postgresql-15)");
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(EmbeddedPostgresSettings.throwaway(
        PostgresBinaries.installed(SYSTEM_POSTGRES_15), dir.resolve("data")).withDatabase("app"), EventLog.silent())) {
      assertTrue(queryOne(pg, "select version()").startsWith("PostgreSQL 15."));
      assertEquals("app", queryOne(pg, "select current_database()"));
    }
  }
}
