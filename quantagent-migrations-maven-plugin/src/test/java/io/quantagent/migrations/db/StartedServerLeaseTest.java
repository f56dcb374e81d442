package io.quantagent.migrations.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.embedded.BuildServers;
import io.quantagent.migrations.embedded.EmbeddedPostgres;
import io.quantagent.migrations.embedded.PostgresBinaries;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.WaitBound;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A consumer's integration tests: {@code start} then {@code upgrade} in one build. The started server wins over the
 * DATABASE_URL variable and {@code .env}, which there often belong to another tool of the project.
 */
@WaitBound
@ResourceLock(WaitBound.OWN_SERVERS)
class StartedServerLeaseTest {
  private static final PostgresBinaries BINARIES =
      PostgresBinaries.fromClasspath(StartedServerLeaseTest.class.getClassLoader());

  @TempDir Path project;

  @Test
  void aDatabaseUrlForAnotherToolIsNotReadAndTheStartedServerIsUsed() throws Exception {
    Optional<DotEnvFile> prisma = Optional.of(DotEnvFile.parse(project.resolve(".env"),
        List.of("DATABASE_URL=file:./dev.db")));
    ConnectionSettings otherTools = new ConnectionSettings(null, "mysql://u:s3cret@h/db", prisma, null, null, null);
    List<String> debug = new CopyOnWriteArrayList<>();
    try (EmbeddedPostgres started = BuildServers.start(BINARIES, project.resolve("target/quantagent-postgres"),
        "consumer_it", 0, EventLog.silent());
        DatabaseLease lease = DatabaseLease.open(otherTools, Optional.of(started), project, () -> {
          throw new AssertionError("no embedded development database is needed");
        }, 0, debugInto(debug));
        Connection c = lease.connections().open();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select current_database(), inet_server_port()")) {
      rs.next();
      assertEquals("consumer_it", rs.getString(1));
      assertEquals(started.port(), rs.getInt(2));
    }
    assertEquals(List.of("Not read, as the database quantagent:start started wins over them: the DATABASE_URL"
        + " environment variable, DATABASE_URL in the .env file"), debug.stream()
        .filter(line -> line.startsWith("Not read")).toList());
  }

  @Test
  void aMalformedCommandLineUrlStillFailsBeforeTheStartedServerIsUsed() throws Exception {
    ConnectionSettings typo = new ConnectionSettings("postgresql://u:a@b@h/db", null, Optional.empty(), null, null,
        null);
    try (EmbeddedPostgres started = BuildServers.start(BINARIES, project.resolve("target/quantagent-postgres"),
        "consumer_it", 0, EventLog.silent())) {
      InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class,
          () -> DatabaseLease.open(typo, Optional.of(started), project, () -> BINARIES, 0, EventLog.silent()));
      assertTrue(e.getMessage().startsWith("The database URL from -Dquantagent.url cannot be used:"), e.getMessage());
    }
  }

  private static EventLog debugInto(List<String> lines) {
    return new EventLog() {
      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {}

      @Override
      public void debug(String message) {
        lines.add(message);
      }
    };
  }
}
