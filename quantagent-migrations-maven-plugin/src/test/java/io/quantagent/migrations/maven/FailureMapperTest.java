package io.quantagent.migrations.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.db.DatabaseConnectionException;
import io.quantagent.migrations.db.InvalidDatabaseUrlException;
import io.quantagent.migrations.db.KnownSecrets;
import io.quantagent.migrations.db.LockTimeoutException;
import io.quantagent.migrations.embedded.EmbeddedPostgresException;
import io.quantagent.migrations.engine.InvalidScriptException;
import io.quantagent.migrations.engine.InvalidTargetException;
import io.quantagent.migrations.engine.MigrationFailureException;
import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.ScriptFailedException;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.engine.StampRefusedException;
import io.quantagent.migrations.engine.Target;
import io.quantagent.migrations.engine.UnmanagedDatabaseException;
import io.quantagent.migrations.engine.ValidationFailedException;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.schema.AutogenerateProofException;
import io.quantagent.migrations.schema.CatalogReadException;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import io.quantagent.migrations.testing.ThreadPerTask;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.ibatis.migration.MigrationException;
import org.apache.maven.exception.DefaultExceptionHandler;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(PostgresFixture.class)
class FailureMapperTest {
  private static final String URL = "postgresql://quant:s3cret@db.example.com/quantagent";
  private static final MigrationInfo MIGRATION = new MigrationInfo(new BigDecimal("20250101000001"), "create orders");

  static Stream<Arguments> everyExceptionTheEngineThrows() {
    return Stream.of(
        // the user's project must change: BUILD FAILURE
        Arguments.of(new MigrationFailureException("bad changelog table at " + URL), MojoFailureException.class),
        Arguments.of(new InvalidScriptException("bad script for " + URL), MojoFailureException.class),
        Arguments.of(new InvalidTargetException("bad target for " + URL), MojoFailureException.class),
        Arguments.of(new ScriptFailedException("script failed on " + URL, new SQLException("boom", "42601")),
            MojoFailureException.class),
        Arguments.of(new StampRefusedException(MIGRATION, List.of("table orders on " + URL)),
            MojoFailureException.class),
        Arguments.of(new ValidationFailedException("edited on " + URL, List.of("x")), MojoFailureException.class),
        Arguments.of(new UnmanagedDatabaseException("unmanaged " + URL), MojoFailureException.class),
        Arguments.of(new AutogenerateProofException("draft failed on " + URL), MojoFailureException.class),
        Arguments.of(new InvalidDatabaseUrlException("bad url " + URL), MojoFailureException.class),
        // the environment is broken: BUILD ERROR
        Arguments.of(new DatabaseConnectionException("no connection to " + URL, null), MojoExecutionException.class),
        Arguments.of(new LockTimeoutException("lock on " + URL), MojoExecutionException.class),
        Arguments.of(new EmbeddedPostgresException("embedded at " + URL), MojoExecutionException.class),
        Arguments.of(new CatalogReadException("catalog of " + URL, null), MojoExecutionException.class),
        Arguments.of(new IllegalStateException("state of " + URL), MojoExecutionException.class),
        Arguments.of(new UncheckedIOException("io at " + URL, new IOException("disk")), MojoExecutionException.class),
        Arguments.of(new IllegalArgumentException("bug with " + URL), MojoExecutionException.class));
  }

  @ParameterizedTest
  @MethodSource("everyExceptionTheEngineThrows")
  void mapsEachExceptionToItsKindWithTheMessageMasked(RuntimeException e, Class<? extends Exception> kind) {
    Exception mapped = FailureMapper.map(e, new KnownSecrets(), "upgrade");
    assertInstanceOf(kind, mapped);
    assertTrue(mapped.getMessage().contains("quant:****@db.example.com"), mapped.getMessage());
    assertNoSecret(mapped, "s3cret");
  }

  @Test
  void aNullMessageIsTheClassName() {
    Exception mapped = FailureMapper.map(new NullPointerException(), new KnownSecrets(), "current");
    assertEquals("NullPointerException", mapped.getMessage());
    assertInstanceOf(MojoExecutionException.class, mapped);
  }

  @Test
  void theDatabaseCauseFollowsOurMessageOnceWithItsState() {
    SQLException driver = new SQLException("ERROR: relation \"orders\" does not exist", "42P01");
    Exception mapped = FailureMapper.map(new IllegalStateException("Cannot read the changelog.", driver),
        new KnownSecrets(), "history");
    assertEquals("Cannot read the changelog.\n  Cause: ERROR: relation \"orders\" does not exist (SQLSTATE 42P01)",
        mavenSummary(mapped));
  }

  @Test
  void aKnownSecretInADriverMessageIsMasked() {
    KnownSecrets secrets = new KnownSecrets();
    secrets.add("Tr4d!ng@2025");
    Exception mapped = FailureMapper.map(new DatabaseConnectionException("Cannot connect.",
        new SQLException("server echoed Tr4d!ng@2025", "08001")), secrets, "upgrade");
    assertNoSecret(mapped, "Tr4d!ng@2025");
    assertTrue(mavenSummary(mapped).contains("server echoed ****"), mavenSummary(mapped));
  }

  /** check's and lint's own failures quote a view's definition or a statement's first line. */
  @Test
  void aFailureAGoalThrowsItselfIsMaskedInItsMessagesAndCause() {
    KnownSecrets secrets = new KnownSecrets();
    secrets.add("Known-s3cret-8");
    String finding = "quantagent:check failed: ...\n  - drift: risk_feed: view query differs (in the database: SELECT"
        + " dblink('host=risk user=reader password=Risk-s3cret-9', 'select Known-s3cret-8')";
    MojoFailureException failure = FailureMapper.masked(new MojoFailureException(this, finding, finding), secrets);
    assertEquals(this, failure.getSource());
    for (String text : new String[] {failure.getMessage(), failure.getLongMessage()}) {
      assertTrue(text.endsWith("dblink('host=risk user=reader password=****', 'select ****')"), text);
    }
    MojoExecutionException error = FailureMapper.masked(new MojoExecutionException("Cannot write " + finding,
        new IOException("disk full at password=Risk-s3cret-9")), secrets);
    assertNoSecret(error, "s3cret");
    assertTrue(stackTrace(error).contains("disk full at password=****"), stackTrace(error));
  }

  @Test
  void aSessionTheServerEndedIsAnInterruptionNotABrokenScript() {
    SQLException ended = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
    Exception mapped = FailureMapper.map(new ScriptFailedException("Migration x failed. Fix the script (directory d)"
        + " and run upgrade again.", ended), new KnownSecrets(), "upgrade");
    assertInstanceOf(MojoExecutionException.class, mapped);
    assertTrue(mapped.getMessage().startsWith("quantagent:upgrade was interrupted: the database server ended the"
        + " session (FATAL: terminating connection due to administrator command (SQLSTATE 57P01))"), mapped.getMessage());
    assertTrue(mapped.getMessage().contains("Nothing is wrong with the scripts."), mapped.getMessage());
    assertTrue(mapped.getMessage().contains("then run mvn quantagent:upgrade again."), mapped.getMessage());
    assertFalse(mavenSummary(mapped).contains("Fix the script"), mavenSummary(mapped));
  }

  /** What a real failed script throws, through Maven's own summary and -e output: MyBatis' text appears nowhere. */
  @Test
  void mybatisTextReachesNeitherMavensSummaryNorTheStackTrace(TestDatabase db, @TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("20250101000001_create_orders.sql"), "-- // create orders\n"
        + "CREATE TABLE orders (id int);\nCREAT TABLE fills (id int);\n-- //@UNDO\nDROP TABLE orders;\n");
    RuntimeException failure = upgradeFailure(db, dir);
    Exception mapped = FailureMapper.map(failure, new KnownSecrets(), "upgrade");
    assertInstanceOf(MojoFailureException.class, mapped);
    String summary = mavenSummary(mapped);
    String trace = stackTrace(mapped);
    for (String text : List.of(summary, trace)) {
      assertFalse(text.contains("Error executing") || text.contains("CREATE TABLE orders"), text);
    }
    assertEquals(1, occurrences(summary, "CREAT TABLE fills"), summary);
    assertTrue(summary.contains("syntax error at or near \"CREAT\""), summary);
    assertTrue(trace.contains("Caused by: org.postgresql.util.PSQLException: ERROR: syntax error"), trace);
  }

  /** A migration whose session the server ends (as Ctrl-C does to the embedded database): the system's, said once. */
  @Test
  void aMigrationCutShortByTheServerIsALostConnectionNotABrokenScript(TestDatabase db, @TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("20250101000001_slow.sql"), "-- // slow\nCREATE TABLE orders (id int);\n"
        + "SELECT pg_sleep(60);\n-- //@UNDO\nDROP TABLE orders;\n");
    CompletableFuture<RuntimeException> run = CompletableFuture.supplyAsync(() -> upgradeFailure(db, dir),
        ThreadPerTask.EXECUTOR);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (db.column("select pid::text from pg_stat_activity where query like '%pg_sleep(60)%'"
        + " and datname = current_database() and pid <> pg_backend_pid()").isEmpty()) {
      assertTrue(Instant.now().isBefore(deadline), "the migration never started its statement");
      Thread.onSpinWait();
    }
    db.execute("select pg_terminate_backend(pid) from pg_stat_activity where query like '%pg_sleep(60)%'"
        + " and datname = current_database() and pid <> pg_backend_pid()");
    Exception mapped = FailureMapper.map(run.get(30, TimeUnit.SECONDS), new KnownSecrets(), "upgrade");
    assertInstanceOf(MojoExecutionException.class, mapped, mapped.getMessage());
    String message = mapped.getMessage();
    assertTrue(message.startsWith("Lost the database connection during upgrade. Migration 20250101000001 (slow) failed"
        + " in 20250101000001_slow.sql, statement 2 of 2 (line 3)"), message);
    assertTrue(message.contains("\n  PostgreSQL: terminating connection due to administrator command"
        + " [SQLSTATE 57P01]\n"), message);
    assertTrue(message.contains("It was rolled back: nothing of it is applied"), message);
    assertFalse(message.contains("Fix the script"), message);
    assertEquals(1, occurrences(message, "terminating connection"), "said once, not again as a Cause: " + message);
    assertFalse(db.tables().contains("orders"), "the interrupted migration was rolled back");
  }

  private static RuntimeException upgradeFailure(TestDatabase db, Path dir) {
    try {
      new Migrator(db.connections(), ScriptSource.directory(dir), "changelog", EventLog.silent())
          .upgrade(new Target.Head());
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("the upgrade did not fail");
  }

  /** The text Maven prints after "[ERROR] Failed to execute goal ...: ". */
  private static String mavenSummary(Exception mapped) {
    return new DefaultExceptionHandler().handleException(mapped).getMessage();
  }

  private static String stackTrace(Throwable e) {
    StringWriter text = new StringWriter();
    e.printStackTrace(new PrintWriter(text));
    return text.toString();
  }

  private static void assertNoSecret(Exception mapped, String secret) {
    String everything = mavenSummary(mapped) + stackTrace(mapped);
    assertFalse(everything.contains(secret), everything);
    assertNotNull(mapped.getCause());
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }
}
