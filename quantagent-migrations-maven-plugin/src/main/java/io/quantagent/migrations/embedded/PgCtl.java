package io.quantagent.migrations.embedded;

import io.quantagent.migrations.events.EventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** initdb, {@code pg_ctl start} and {@code pg_ctl stop} for one data directory, launched through a {@link Launcher}. */
final class PgCtl {
  private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(5);
  private static final int WAIT_SECONDS = 120;
  private static final Duration PG_CTL_TIMEOUT = Duration.ofSeconds(WAIT_SECONDS + 30);
  private static final int TAIL_LINES = 25;

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

  Path serverLog() {
    return dataDirectory.resolve("postgres.log");
  }

  /** Runs initdb when the data directory has no cluster yet, and gives the directory to the launch user. */
  void prepare(String user, String password, boolean throwaway) throws IOException {
    if (!Files.exists(dataDirectory.resolve("PG_VERSION"))) {
      Files.createDirectories(dataDirectory);
      FileTrees.setMode(dataDirectory, 0700); // postgres refuses a data directory others can read
      launcher.checkReachable(dataDirectory);
      launcher.grant(dataDirectory, log);
      log.info("Initializing a PostgreSQL data directory in " + dataDirectory);
      initdb(user, password, throwaway);
    }
    launcher.checkReachable(dataDirectory);
    launcher.grant(dataDirectory, log);
  }

  /** Creates the cluster: UTF8, C locale, password (scram) over TCP, trust on the (unused) local socket. */
  private void initdb(String user, String password, boolean throwaway) throws IOException {
    // Beside the data directory, which initdb wants empty, and which the launch user can reach by construction.
    Path pwfile = Files.createTempFile(dataDirectory.getParent(), ".quantagent-initdb-", ".pw");
    try {
      Files.writeString(pwfile, password + "\n");
      launcher.grant(pwfile, log);
      List<String> argv = new ArrayList<>(List.of(exe("initdb"), "-D", dataDirectory.toString(), "-U", user,
          "--pwfile=" + pwfile, "-E", "UTF8", "--locale=C", "--auth-host=scram-sha-256", "--auth-local=trust"));
      if (throwaway) {
        argv.add("--no-sync");
      }
      ProcessRunner.Result result = ProcessRunner.run(launcher.command(argv), INITDB_TIMEOUT);
      log.debug("initdb: " + result.output().strip());
      if (!result.succeeded()) {
        throw new EmbeddedPostgresException("initdb could not create a PostgreSQL data directory in " + dataDirectory
            + " (exit " + result.exitCode() + "):\n" + FileTrees.indent(FileTrees.tail(result.output(), TAIL_LINES))
            + "\nIf that directory holds something else, empty it or choose another; check the free disk space.");
      }
    } finally {
      Files.deleteIfExists(pwfile);
    }
  }

  /** Starts the server on 127.0.0.1 only, without a Unix socket; empty when it accepts connections, else why not. */
  Optional<String> start(int port, boolean throwaway) throws IOException {
    Files.deleteIfExists(serverLog()); // one run's log: the tail in an error message is then about this start
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
    String serverLog = FileTrees.tail(serverLog(), TAIL_LINES);
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
    return PostmasterPid.read(dataDirectory).filter(PostmasterPid::alive).isPresent();
  }

  private ProcessRunner.Result pgCtlStop(String mode) {
    return ProcessRunner.run(launcher.command(List.of(exe("pg_ctl"), "stop", "-D", dataDirectory.toString(), "-m",
        mode, "-w", "-t", String.valueOf(WAIT_SECONDS), "-s")), PG_CTL_TIMEOUT);
  }

  private String exe(String name) {
    return PostgresBinaries.executable(binDirectory, name).toString();
  }
}
