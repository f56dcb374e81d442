package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.db.InvalidDatabaseUrlException;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.Prerequisite;
import io.quantagent.migrations.testing.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.Driver;

/**
 * A real PgBouncer in front of a test database: in transaction mode the run's session lock would belong to
 * nobody, so the run refuses; in session mode it runs.
 */
@ExtendWith(PostgresFixture.class)
class PgBouncerTest {
  private static final Path PGBOUNCER = Path.of("/usr/sbin/pgbouncer");

  @ParameterizedTest(name = "pool_mode={0}")
  @ValueSource(strings = {"transaction", "session"})
  void aTransactionPoolIsRefusedNamingTheUrlMaskedASessionPoolRuns(String poolMode, TestDatabase db,
      @TempDir Path dir) throws Exception {
    Prerequisite.require(Files.isExecutable(PGBOUNCER), "PgBouncer in " + PGBOUNCER + " (apt-get install pgbouncer)");
    Scripts scripts = new Scripts(Files.createDirectories(dir.resolve("scripts")))
        .add("001_create_a.sql", "create table a (id int);", "drop table a;");
    int port = freePort();
    Process bouncer = start(db, dir, port, poolMode);
    try {
      awaitListening(port, bouncer, dir);
      String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + db.name() + "?password=" + db.server().password();
      ConnectionFactory throughBouncer = () -> connect(url, db.server().user());
      Migrator migrator = new Migrator(throughBouncer, scripts.source(), "changelog", EventLog.silent());
      if (poolMode.equals("session")) {
        assertEquals(1, migrator.upgrade(new Target.Head()).runs().size());
        assertEquals(List.of("1"), db.changelogIds());
        return;
      }
      InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class,
          () -> migrator.upgrade(new Target.Head()));
      assertTrue(e.getMessage().startsWith("Refusing to migrate through a pooler in transaction mode (PgBouncer"
          + " pool_mode=transaction, or alike) at jdbc:postgresql://127.0.0.1:" + port + "/" + db.name()
          + "?password=****: "), e.getMessage());
      assertTrue(e.getMessage().contains("so the run's session lock would belong to nobody. Point"
          + " -Dquantagent.url (or DATABASE_URL) at the database itself, or at a pool in session mode."),
          e.getMessage());
      assertFalse(e.getMessage().contains(db.server().password()), e.getMessage());
      assertEquals(List.of(), db.tables(), "nothing ran");
    } finally {
      bouncer.destroy();
      bouncer.waitFor();
    }
  }

  private static Connection connect(String url, String user) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("ApplicationName", "quantagent-migrations");
    try {
      return new Driver().connect(url, properties);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static Process start(TestDatabase db, Path dir, int port, String poolMode) throws IOException {
    boolean root = "root".equals(System.getProperty("user.name"));
    Files.writeString(dir.resolve("users.txt"), "\"" + db.server().user() + "\" \"" + db.server().password() + "\"\n");
    Files.writeString(dir.resolve("pgbouncer.ini"), String.join("\n",
        "[databases]",
        "* = host=127.0.0.1 port=" + db.server().port(),
        "[pgbouncer]",
        "listen_addr = 127.0.0.1",
        "listen_port = " + port,
        "unix_socket_dir =",
        "auth_type = plain",
        "auth_file = " + dir.resolve("users.txt"),
        "pool_mode = " + poolMode,
        "default_pool_size = 4",
        "ignore_startup_parameters = extra_float_digits",
        "logfile = " + dir.resolve("pgbouncer.log"),
        ""));
    if (root) { // PgBouncer refuses to run as root; -u nobody needs files nobody can read
      for (Path p : List.of(dir, dir.resolve("users.txt"), dir.resolve("pgbouncer.ini"))) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
      }
    }
    List<String> command = new ArrayList<>(List.of(PGBOUNCER.toString()));
    if (root) {
      command.addAll(List.of("-u", "nobody"));
    }
    command.add(dir.resolve("pgbouncer.ini").toString());
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.txt").toFile())
        .start();
  }

  /** Until PgBouncer accepts connections; a deadline only turns a hang into a failure. */
  private static void awaitListening(int port, Process bouncer, Path dir) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        return;
      } catch (IOException notYet) {
        if (!bouncer.isAlive() || Instant.now().isAfter(deadline)) {
          throw new AssertionError("PgBouncer did not start: " + Files.readString(dir.resolve("stdout.txt")));
        }
        Thread.onSpinWait();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
