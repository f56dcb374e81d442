package io.quantagent.migrations.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The data directory's {@code postmaster.pid}: a server's pid, port and status ({@code starting}, {@code ready},
 * {@code stopping}). A live pid means a server owns the data directory, possibly started by another Maven process.
 */
record PostmasterPid(long pid, int port, String status) {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final long POLL_MILLIS = 20;

  static Optional<PostmasterPid> read(Path dataDirectory) {
    try {
      List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
      if (lines.size() < 4) {
        return Optional.empty(); // being written right now
      }
      String status = lines.size() > 7 ? lines.get(7).strip() : "";
      return Optional.of(new PostmasterPid(Long.parseLong(lines.get(0).strip()),
          Integer.parseInt(lines.get(3).strip()), status));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The server running on the data directory once it accepts connections, or empty when none runs (any more). A
   * server still starting or stopping is waited for.
   */
  static Optional<PostmasterPid> awaitLive(Path dataDirectory) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      Optional<PostmasterPid> pid = read(dataDirectory).filter(PostmasterPid::alive);
      if (pid.isEmpty() || pid.get().ready()) {
        return pid;
      }
      if (System.nanoTime() > deadline) {
        throw new EmbeddedPostgresException("The PostgreSQL server on " + dataDirectory + " (pid " + pid.get().pid()
            + ") stayed '" + pid.get().status() + "' for " + READY_TIMEOUT.toSeconds() + " s. Stop it (pg_ctl stop -D "
            + dataDirectory + ", or kill " + pid.get().pid() + ") and run again.");
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmbeddedPostgresException("Interrupted while waiting for PostgreSQL on " + dataDirectory, e);
      }
    }
  }

  /** Alive and a postgres: after a reboot a stale file's pid may belong to some other program. */
  boolean alive() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .map(p -> p.info().command().map(c -> c.contains("postgres")).orElse(true))
        .orElse(false);
  }

  boolean ready() {
    return status.equals("ready");
  }
}
