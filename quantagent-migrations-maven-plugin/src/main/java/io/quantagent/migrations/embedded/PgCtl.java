package io.quantagent.migrations.embedded;

import io.quantagent.migrations.events.EventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code pg_ctl start} and {@code pg_ctl stop} for one data directory, launched through a {@link Launcher}. */
final class PgCtl {
  private static final int WAIT_SECONDS = 120;
  private static final Duration PG_CTL_TIMEOUT = Duration.ofSeconds(WAIT_SECONDS + 30);
  private static final int TAIL_LINES = 25;
  private static final long LOG_ROTATE_BYTES = 1 << 20;

  private final Path binDirectory;
  private final Launcher launcher;
  private final Path dataDirectory;
  private final EventLog log;

  PgCtl(Path binDirectory, Launcher launcher, Path dataDirectory, EventLog log) {
    this.binDirectory = binDirectory;
    this.launcher = launcher;
    this.dataDirectory = dataDirectory;
    this.log = log;
  }

  Launcher launcher() {
    return launcher;
  }

  Path binDirectory() {
    return binDirectory;
  }

  Path dataDirectory() {
    return dataDirectory;
  }

  Path serverLog() {
    return dataDirectory.resolve("postgres.log");
  }

  /** Starts the server on 127.0.0.1 only, without a Unix socket; empty when it accepts connections, else why not. */
  Optional<String> start(int port, boolean throwaway) throws IOException {
    // Appended to, not replaced: a server another process runs on this directory may be writing to it right now.
    long logStart = Files.exists(serverLog()) ? Files.size(serverLog()) : 0;
    if (logStart > LOG_ROTATE_BYTES) {
      Files.move(serverLog(), serverLog().resolveSibling("postgres.log.1"), StandardCopyOption.REPLACE_EXISTING);
      logStart = 0;
    }
    List<String> options = new ArrayList<>(List.of("-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1",
        "-c", "unix_socket_directories="));
    if (throwaway) {
      // Nothing to keep after a crash, so skip what only protects data against one.
      options.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
    }
    ProcessRunner.Result result = ProcessRunner.run(launcher.command(List.of(exe("pg_ctl"), "start", "-D",
        dataDirectory.toString(), "-l", serverLog().toString(), "-w", "-t", String.valueOf(WAIT_SECONDS), "-s",
        "-o", String.join(" ", options))), PG_CTL_TIMEOUT);
    if (result.succeeded()) {
      return Optional.empty();
    }
    String serverLog = FileTrees.tail(FileTrees.readFrom(serverLog(), logStart), TAIL_LINES);
    return Optional.of(FileTrees.tail(result.output(), 5) + (serverLog.isEmpty() ? "" : "\n" + serverLog));
  }

  /** Fast shutdown (rolls back open transactions), and waits until the server is gone. */
  void stop() {
    ProcessRunner.Result result = pgCtlStop("fast");
    if (!result.succeeded() && isRunning()) {
      log.warn("PostgreSQL on " + dataDirectory + " did not stop in fast mode; stopping it immediately");
      result = pgCtlStop("immediate");
    }
    if (isRunning()) {
      throw new EmbeddedPostgresException("Could not stop the PostgreSQL server on " + dataDirectory + ":\n"
          + FileTrees.indent(FileTrees.tail(result.output(), TAIL_LINES)) + "\nStop it yourself: kill the pid in "
          + dataDirectory.resolve("postmaster.pid") + ".");
    }
  }

  private boolean isRunning() {
    return PostmasterPid.running(dataDirectory).isPresent();
  }

  private ProcessRunner.Result pgCtlStop(String mode) {
    return ProcessRunner.run(launcher.command(List.of(exe("pg_ctl"), "stop", "-D", dataDirectory.toString(), "-m",
        mode, "-w", "-t", String.valueOf(WAIT_SECONDS), "-s")), PG_CTL_TIMEOUT);
  }

  String exe(String name) {
    return PostgresBinaries.executable(binDirectory, name).toString();
  }
}
