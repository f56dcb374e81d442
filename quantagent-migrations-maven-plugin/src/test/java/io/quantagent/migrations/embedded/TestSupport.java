package io.quantagent.migrations.embedded;

import io.quantagent.migrations.events.EventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the embedded tests share: this platform's zonky binaries from the test class path, a query, a log. */
final class TestSupport {
  static final PostgresBinaries BINARIES = PostgresBinaries.fromClasspath(TestSupport.class.getClassLoader());

  private TestSupport() {}

  static String queryOne(EmbeddedPostgres pg, String sql) throws SQLException {
    return queryOne(pg.jdbcUrl(), pg.user(), pg.password(), sql);
  }

  static String queryOne(String url, String user, String password, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  static void execute(EmbeddedPostgres pg, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /**
   * Running, as opposed to gone or exited: pg_ctl detaches the server, so once it exits it is a zombie until init
   * reaps it, and a zombie is "alive" to ProcessHandle.
   */
  static boolean alive(long pid) {
    Path stat = Path.of("/proc/" + pid + "/stat");
    if (Files.exists(stat)) {
      try {
        String text = Files.readString(stat);
        return !text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
      } catch (IOException e) {
        return false; // it went away while we looked
      }
    }
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** The live postgres processes (postmaster and children) working in {@code data}, whoever started them. */
  static List<Long> postgresOn(Path data) throws IOException {
    Path real = data.toRealPath();
    return ProcessHandle.allProcesses().map(ProcessHandle::pid)
        .filter(pid -> Processes.running(pid) && Processes.name(pid).map(n -> n.startsWith("postgres")).orElse(false)
            && Processes.workingDirectory(pid).map(cwd -> cwd.equals(real)).orElse(false))
        .toList();
  }

  static long postmasterPid(EmbeddedPostgres pg) {
    return PostmasterPid.read(pg.dataDirectory()).orElseThrow().pid();
  }

  /** Keeps what was logged, for the few lines that are the product (reuse, the development database). */
  static final class RecordingLog implements EventLog {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
      lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
      lines.add("WARN " + message);
    }

    @Override
    public void debug(String message) {
      lines.add("DEBUG " + message);
    }

    boolean contains(String text) {
      return lines.stream().anyMatch(l -> l.contains(text));
    }
  }
}
