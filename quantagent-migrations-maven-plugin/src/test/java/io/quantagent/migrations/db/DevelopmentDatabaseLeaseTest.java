package io.quantagent.migrations.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.embedded.DevelopmentDatabase;
import io.quantagent.migrations.embedded.EmbeddedPostgres;
import io.quantagent.migrations.embedded.EmbeddedPostgresException;
import io.quantagent.migrations.embedded.PostgresBinaries;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.WaitBound;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A warm start of the development database opens no connection, so a goal's first connection is where a database
 * dropped by hand, or a server running with another password, shows up.
 */
@WaitBound
@ResourceLock(WaitBound.OWN_SERVERS)
class DevelopmentDatabaseLeaseTest {
  private static final PostgresBinaries BINARIES =
      PostgresBinaries.fromClasspath(DevelopmentDatabaseLeaseTest.class.getClassLoader());
  private static final ConnectionSettings NOTHING_CONFIGURED =
      new ConnectionSettings(null, null, Optional.empty(), null, null, null);

  @TempDir Path project;

  @Test
  void aDatabaseDroppedByHandIsMadeAgainByTheGoalsFirstConnection() throws Exception {
    try (DatabaseLease lease = lease()) {
      int port;
      try (Connection c = lease.connections().open()) {
        port = Integer.parseInt(queryOne(c, "select inet_server_port()"));
      }
      try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
          DevelopmentDatabase.USER, password());
          Statement s = admin.createStatement()) {
        s.execute("DROP DATABASE " + DevelopmentDatabase.DATABASE);
      }
    }
    try (DatabaseLease lease = lease();
        Connection c = lease.connections().open()) {
      assertEquals(DevelopmentDatabase.DATABASE, queryOne(c, "select current_database()"));
    }
  }

  /** The line says why the development database is used; quantagent:dev starts it with a URL configured too. */
  @Test
  void onlyAGoalWithNoUrlConfiguredSaysThatNoneIs() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    EventLog recording = new EventLog() {
      @Override
      public void info(String message) {
        lines.add(message);
      }

      @Override
      public void warn(String message) {
        lines.add(message);
      }

      @Override
      public void debug(String message) {}
    };
    try (DatabaseLease lease = DatabaseLease.open(NOTHING_CONFIGURED, Optional.empty(), project, () -> BINARIES, 0,
        recording)) {
      assertTrue(lines.contains("No database URL configured (-Dquantagent.url or DATABASE_URL): using the embedded"
          + " development database in " + DevelopmentDatabase.dataDirectory(project)), lines.toString());
    }
    lines.clear();
    try (EmbeddedPostgres server = DevelopmentDatabase.start(project, BINARIES, recording)) {
      assertFalse(lines.stream().anyMatch(line -> line.startsWith("No database URL configured")), lines.toString());
    }
  }

  @Test
  void aServerRunningWithAnotherPasswordIsExplainedInTheEmbeddedDatabasesTerms() throws Exception {
    try (DatabaseLease running = lease()) {
      running.connections().open().close();
      Files.writeString(DevelopmentDatabase.passwordFile(project), "not-the-servers-password");
      try (DatabaseLease joined = lease()) {
        EmbeddedPostgresException e = assertThrows(EmbeddedPostgresException.class,
            () -> joined.connections().open());
        Path home = project.toAbsolutePath().normalize().resolve(".quantagent");
        assertTrue(e.getMessage().contains("The server running on " + home.resolve("pgdata") + " expects another"
            + " password than " + home.resolve("pgdata.password") + " holds"), e.getMessage());
        assertTrue(e.getMessage().contains("Put the file's earlier content back"), e.getMessage());
        assertTrue(e.getMessage().contains("end quantagent:dev and any other build still using the database (Ctrl-C;"
            + " the server stops with its last user), then delete " + home + ". That drops the development database"
            + " and all its data"), e.getMessage());
        assertFalse(e.getMessage().contains("pg_ctl"), "pg_ctl is not on the PATH: " + e.getMessage());
        assertFalse(e.getMessage().contains("not-the-servers-password"), "the password was shown");
        assertEquals(e.getMessage(), UrlMasker.mask(e.getMessage()), "the advice survives the masking of output");
      }
    }
  }

  private DatabaseLease lease() {
    return DatabaseLease.open(NOTHING_CONFIGURED, Optional.empty(), project, () -> BINARIES, 0, EventLog.silent());
  }

  private String password() throws Exception {
    return Files.readString(DevelopmentDatabase.passwordFile(project)).strip();
  }

  private static String queryOne(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
