package io.quantagent.migrations.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The data directory's {@code postmaster.pid}: a server's pid, start time, port and status ({@code starting},
 * {@code ready}, {@code stopping}). The file outlives a killed server, and after a reboot or a while its pid may
 * belong to any other process, even another PostgreSQL: it is trusted only when that pid is a live {@code postgres}
 * working in this data directory.
 */
record PostmasterPid(long pid, long startEpochSeconds, int port, String status) {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final long POLL_MILLIS = 10;

  static Optional<PostmasterPid> read(Path dataDirectory) {
    try {
      List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
      if (lines.size() < 4) {
        return Optional.empty(); // being written right now
      }
      String status = lines.size() > 7 ? lines.get(7).strip() : "";
      return Optional.of(new PostmasterPid(Long.parseLong(lines.get(0).strip()), Long.parseLong(lines.get(2).strip()),
          Integer.parseInt(lines.get(3).strip()), status));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The server running on the data directory, whatever its status; empty when none does. */
  static Optional<PostmasterPid> running(Path dataDirectory) {
    return read(dataDirectory).filter(p -> p.runsOn(dataDirectory));
  }

  /**
   * The server running on the data directory once it accepts connections, or empty when none runs (any more). A
   * server still starting or stopping is waited for.
   */
  static Optional<PostmasterPid> awaitLive(Path dataDirectory) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      Optional<PostmasterPid> pid = running(dataDirectory);
      if (pid.isEmpty() || pid.get().ready()) {
        return pid;
      }
      if (System.nanoTime() > deadline) {
        throw new EmbeddedPostgresException("The PostgreSQL server on " + dataDirectory + " (pid " + pid.get().pid()
            + ") stayed '" + pid.get().status() + "' for " + READY_TIMEOUT.toSeconds() + " s. Stop it (kill "
            + pid.get().pid() + ": PostgreSQL shuts down on SIGTERM; the plugin's pg_ctl is not on the PATH) and run"
            + " again.");
      }
      pause();
    }
  }

  /**
   * Deletes a {@code postmaster.pid} that no running server of this data directory owns. PostgreSQL itself refuses
   * to start while the pid in it is alive, whatever that process is. Returns whether there was one.
   */
  static boolean removeStale(Path dataDirectory) throws IOException {
    Path file = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(file) || running(dataDirectory).isPresent()) {
      return false;
    }
    return Files.deleteIfExists(file);
  }

  /**
   * A live postgres whose working directory is this data directory (postgres chdirs there): only one postmaster runs
   * on a data directory, so its start time need not fit as well. The start time the JDK computes moves with a wall
   * clock stepped since the server started (a laptop's sleep, a resumed VM, WSL2), by minutes or hours, and a
   * running server would be taken for gone: its directory deleted under it, and the server left running.
   */
  boolean runsOn(Path dataDirectory) {
    if (!Processes.running(pid)) {
      return false;
    }
    if (!Processes.name(pid).map(n -> n.startsWith("postgres")).orElse(false)) {
      return false;
    }
    if (!Processes.hasProc()) {
      return true; // no way to read another process's directory here: a live postgres is the best we know
    }
    return Processes.workingDirectory(pid).map(cwd -> sameFile(cwd, dataDirectory)).orElse(false);
  }

  boolean ready() {
    return status.equals("ready");
  }

  /** Waits until the postmaster process is gone, or the timeout passes; true when it is gone. */
  boolean awaitExit(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (Processes.running(pid)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      pause();
    }
    return true;
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedPostgresException("Interrupted while waiting for a PostgreSQL server", e);
    }
  }
}
