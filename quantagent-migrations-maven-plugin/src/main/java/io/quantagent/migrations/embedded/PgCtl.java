package io.quantagent.migrations.embedded;

import io.quantagent.migrations.events.EventLog;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts and stops the server of one data directory, launched through a {@link Launcher}. On Linux postgres is
 * started directly in a session of its own ({@code setsid}, so that Ctrl-C on Maven does not reach it) and stopped
 * with a signal, each watched every few milliseconds: {@code pg_ctl} looks only every 100 ms, which is most of a
 * warm start. Elsewhere {@code pg_ctl start} and {@code pg_ctl stop}.
 */
final class PgCtl {
  private static final int WAIT_SECONDS = 120;
  private static final Duration WAIT = Duration.ofSeconds(WAIT_SECONDS);
  private static final Duration PG_CTL_TIMEOUT = Duration.ofSeconds(WAIT_SECONDS + 30);
  private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(10);
  private static final long POLL_MILLIS = 5;
  private static final int TAIL_LINES = 25;
  private static final long LOG_ROTATE_BYTES = 1 << 20;
  private static final boolean DIRECT = Processes.hasProc() && onPath("setsid");

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

  /**
   * Starts the server on 127.0.0.1 only, without a Unix socket; empty when it accepts connections, else why not. The
   * postmaster is spawned through {@code hook}, which stops it when the JVM exits before the start ends.
   */
  Optional<String> start(int port, boolean throwaway, ExitHook hook) throws IOException {
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
    Optional<String> failure = DIRECT ? startDirectly(options, hook) : startWithPgCtl(options, hook);
    if (failure.isEmpty()) {
      return failure;
    }
    String serverLog = FileTrees.tail(FileTrees.readFrom(serverLog(), logStart), TAIL_LINES);
    return Optional.of(FileTrees.tail(failure.get(), 5) + (serverLog.isEmpty() ? "" : "\n" + serverLog));
  }

  /** What pg_ctl does (a new session, no input, output appended to the log), but watched closely. */
  private Optional<String> startDirectly(List<String> options, ExitHook hook) throws IOException {
    List<String> postgres = new ArrayList<>(List.of(exe("postgres"), "-D", dataDirectory.toString()));
    postgres.addAll(options);
    List<String> command = new ArrayList<>(List.of("setsid"));
    command.addAll(launcher.command(postgres));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(Redirect.appendTo(serverLog().toFile())).redirectInput(Redirect.from(new File("/dev/null")));
    ToolEnvironment.restrict(builder.environment());
    Process server = hook.spawn(builder, dataDirectory); // setsid and unshare exec: this is the postmaster itself
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      Optional<PostmasterPid> pid = PostmasterPid.read(dataDirectory);
      if (pid.isPresent() && pid.get().pid() == server.pid() && pid.get().ready()) {
        return Optional.empty();
      }
      if (!server.isAlive()) {
        if (hook.exiting()) {
          throw ExitHook.shuttingDown(dataDirectory); // the hook stopped it
        }
        return Optional.of("postgres exited with code " + server.exitValue() + " while starting");
      }
      if (System.nanoTime() > deadline) {
        server.destroyForcibly();
        return Optional.of("postgres did not accept connections within " + WAIT_SECONDS + " s");
      }
      pause();
    }
  }

  /** pg_ctl's postmaster is known only once it runs: the hook waits for this start to end, then stops it. */
  private Optional<String> startWithPgCtl(List<String> options, ExitHook hook) {
    if (hook.exiting()) {
      throw ExitHook.shuttingDown(dataDirectory);
    }
    ProcessRunner.Result result = ProcessRunner.run(launcher.command(List.of(exe("pg_ctl"), "start", "-D",
        dataDirectory.toString(), "-l", serverLog().toString(), "-w", "-t", String.valueOf(WAIT_SECONDS), "-s",
        "-o", String.join(" ", options))), PG_CTL_TIMEOUT);
    return result.succeeded() ? Optional.empty() : Optional.of(result.output());
  }

  /** Fast shutdown (rolls back open transactions), and waits until the server process is gone. */
  void stop() {
    Optional<PostmasterPid> running = PostmasterPid.running(dataDirectory);
    if (running.isEmpty()) {
      return;
    }
    PostmasterPid pid = running.get();
    String output;
    if (DIRECT) {
      output = signal(pid, "INT");
      if (pid.awaitExit(WAIT)) {
        return;
      }
      log.warn("PostgreSQL on " + dataDirectory + " did not stop in fast mode; stopping it immediately");
      output = signal(pid, "QUIT");
    } else {
      ProcessRunner.Result result = pgCtlStop("fast");
      if (!result.succeeded() && PostmasterPid.running(dataDirectory).isPresent()) {
        log.warn("PostgreSQL on " + dataDirectory + " did not stop in fast mode; stopping it immediately");
        result = pgCtlStop("immediate");
      }
      output = result.output();
    }
    if (!pid.awaitExit(WAIT)) {
      throw new EmbeddedPostgresException("Could not stop the PostgreSQL server on " + dataDirectory + ":\n"
          + FileTrees.indent(FileTrees.tail(output, TAIL_LINES)) + "\nStop it yourself: kill " + pid.pid() + ".");
    }
  }

  /**
   * Root may signal the server whether it runs in a user namespace or as nobody: no launcher needed. The shell's
   * kill, since minimal images may lack procps.
   */
  private static String signal(PostmasterPid pid, String signal) {
    return ProcessRunner.run(List.of("sh", "-c", "kill -s " + signal + " " + pid.pid()), SIGNAL_TIMEOUT).output();
  }

  private ProcessRunner.Result pgCtlStop(String mode) {
    return ProcessRunner.run(launcher.command(List.of(exe("pg_ctl"), "stop", "-D", dataDirectory.toString(), "-m",
        mode, "-w", "-t", String.valueOf(WAIT_SECONDS), "-s")), PG_CTL_TIMEOUT);
  }

  String exe(String name) {
    return PostgresBinaries.executable(binDirectory, name).toString();
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null && List.of(path.split(File.pathSeparator)).stream()
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedPostgresException("Interrupted while starting PostgreSQL", e);
    }
  }
}
