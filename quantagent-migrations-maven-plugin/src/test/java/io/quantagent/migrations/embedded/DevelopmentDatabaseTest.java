package io.quantagent.migrations.embedded;

import static io.quantagent.migrations.embedded.TestSupport.BINARIES;
import static io.quantagent.migrations.embedded.TestSupport.execute;
import static io.quantagent.migrations.embedded.TestSupport.queryOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.WaitBound;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

@WaitBound
@ResourceLock(WaitBound.OWN_SERVERS)
class DevelopmentDatabaseTest {
  @TempDir Path project;

  @Test
  void theFirstStartCreatesTheDatabaseAndAPrivatePasswordThatLaterStartsUse() throws Exception {
    TestSupport.RecordingLog log = new TestSupport.RecordingLog();
    String password;
    try (EmbeddedPostgres pg = DevelopmentDatabase.start(project, BINARIES, log)) {
      assertEquals(project.resolve(".quantagent/pgdata"), pg.dataDirectory());
      assertTrue(pg.jdbcUrl().endsWith("/quantagent_dev"));
      assertEquals("quantagent_dev", queryOne(pg, "select current_database()"));
      execute(pg, "create table kept as select 'yes' as v");
      password = pg.password();
    }
    Path passwordFile = project.resolve(".quantagent/pgdata.password");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
    assertEquals(password, Files.readString(passwordFile).strip());
    assertTrue(log.contains("Development database: jdbc:postgresql://127.0.0.1:"), log.lines.toString());
    assertTrue(log.contains("(user quantagent, password in " + passwordFile + ")"), log.lines.toString());
    assertFalse(log.lines.stream().anyMatch(l -> l.contains(password)), "the password was logged");

    try (EmbeddedPostgres pg = DevelopmentDatabase.start(project, BINARIES, EventLog.silent())) {
      assertEquals(password, pg.password());
      assertEquals("yes", queryOne(pg, "select v from kept"));
    }
  }

  /** The goal's own connection follows at once and pays the driver's loading either way: the start need not. */
  @Test
  void aWarmStartOpensNoConnection() throws Exception {
    DevelopmentDatabase.start(project, BINARIES, EventLog.silent()).close();
    long before;
    try (EmbeddedPostgres pg = DevelopmentDatabase.start(project, BINARIES, EventLog.silent())) {
      before = sessions(pg);
    }
    // A session reaches the statistics when it ends, and a clean stop waits for that and keeps them. So a connection
    // of this start would count for certain, where one of the reading's own start might still be on its way.
    DevelopmentDatabase.start(project, BINARIES, EventLog.silent()).close();
    try (EmbeddedPostgres pg = DevelopmentDatabase.start(project, BINARIES, EventLog.silent())) {
      assertEquals(before + 1, sessions(pg), "since the reading above: that reading's own session, none of a start's");
    }
  }

  @Test
  void aLostPasswordFileIsExplained() throws Exception {
    DevelopmentDatabase.start(project, BINARIES, EventLog.silent()).close();
    Files.delete(DevelopmentDatabase.passwordFile(project));
    EmbeddedPostgresException e = assertThrows(EmbeddedPostgresException.class,
        () -> DevelopmentDatabase.start(project, BINARIES, EventLog.silent()));
    assertTrue(e.getMessage().contains("password file " + DevelopmentDatabase.passwordFile(project) + " is gone"),
        e.getMessage());
  }

  @Test
  void thePortIsKeptForTheProjectAndCanBeSet() throws Exception {
    int first;
    try (EmbeddedPostgres pg = DevelopmentDatabase.start(project, BINARIES, EventLog.silent())) {
      first = pg.port();
    }
    Path kept = project.resolve(".quantagent/port");
    assertEquals(String.valueOf(first), Files.readString(kept).strip());
    try (EmbeddedPostgres pg = DevelopmentDatabase.start(project, BINARIES, EventLog.silent())) {
      assertEquals(first, pg.port());
    }
    int other;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      other = free.getLocalPort();
    }
    try (EmbeddedPostgres pg = DevelopmentDatabase.start(project, BINARIES, other, EventLog.silent())) {
      assertEquals(other, pg.port());
    }
    assertEquals(String.valueOf(other), Files.readString(kept).strip());
  }

  /** quantagent:dev in another terminal, then a build with another port: that server stays, and so does its port. */
  @Test
  void aPortAskedForWhileTheServerRunsOnAnotherIsExplainedAndNotKeptYet() throws Exception {
    Path kept = project.resolve(".quantagent/port");
    int other;
    try (ChildJvm dev = ChildJvm.start("dev", project.toString(), "close-on-eof")) {
      long pid = dev.awaitReady();
      int running = Integer.parseInt(Files.readString(kept).strip());
      other = freePortOtherThan(running);
      TestSupport.RecordingLog log = new TestSupport.RecordingLog();
      try (EmbeddedPostgres pg = DevelopmentDatabase.start(project, BINARIES, other, log)) {
        assertTrue(pg.reused());
        assertEquals(running, pg.port());
        assertTrue(log.contains("WARN The development database of this project already runs on port " + running
            + " (pid " + pid + "), so this build uses it there, not on the port " + other), log.lines.toString());
        assertTrue(log.contains("or kill " + pid + "), then run again with -Dquantagent.port=" + other + "."),
            log.lines.toString());
      }
      assertEquals(String.valueOf(running), Files.readString(kept).strip(), "the port file names the port in use");
      dev.endInput();
      assertEquals(0, dev.awaitExit());
    }
    try (EmbeddedPostgres pg = DevelopmentDatabase.start(project, BINARIES, other, EventLog.silent())) {
      assertEquals(other, pg.port(), "once the server has stopped, the port asked for is the one it starts on");
    }
    assertEquals(String.valueOf(other), Files.readString(kept).strip());
  }

  @Test
  void aPortInUseIsNamedWithTheWayToChooseAnother() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      EmbeddedPostgresException e = assertThrows(EmbeddedPostgresException.class,
          () -> DevelopmentDatabase.start(project, BINARIES, taken.getLocalPort(), EventLog.silent()));
      assertTrue(e.getMessage().contains("The port " + taken.getLocalPort() + " on 127.0.0.1 is in use"),
          e.getMessage());
      assertTrue(e.getMessage().contains("-Dquantagent.port=<port>"), e.getMessage());
    }
  }

  private static int freePortOtherThan(int port) throws Exception {
    while (true) {
      try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
        if (free.getLocalPort() != port) {
          return free.getLocalPort();
        }
      }
    }
  }

  private static long sessions(EmbeddedPostgres pg) throws Exception {
    return Long.parseLong(queryOne(pg, "select sessions from pg_stat_database where datname = current_database()"));
  }
}
