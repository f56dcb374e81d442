package io.quantagent.migrations.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived command (initdb, pg_ctl, a probe) and captures its combined output. */
final class ProcessRunner {

  record Result(List<String> command, int exitCode, String output) {
    boolean succeeded() {
      return exitCode == 0;
    }
  }

  private ProcessRunner() {}

  /**
   * Runs {@code command} and waits at most {@code timeout}; a command that cannot be started or does not finish
   * in time yields a result with exit code -1 and the reason as its output, so that callers report all failures
   * the same way.
   */
  static Result run(List<String> command, Duration timeout) {
    return run(command, "", timeout);
  }

  /** As {@link #run(List, Duration)}, with {@code input} written to the command's standard input. */
  static Result run(List<String> command, String input, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    ToolEnvironment.restrict(builder.environment());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return new Result(command, -1, e.getMessage());
    }
    feed(process, input);
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()),
        ProcessRunner::startOutputReader);
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return new Result(command, -1, "did not finish within " + timeout.toSeconds() + " s");
      }
      return new Result(command, process.exitValue(), output.join());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return new Result(command, -1, "interrupted");
    }
  }

  /**
   * The output is read on a thread of its own: a read blocks until the command ends, and the default pool of
   * {@code supplyAsync}, the JVM's common pool, has one thread on a two-core machine from Java 25 on and is shared with
   * whatever else runs in Maven's JVM (the other modules of a parallel build starting their servers), so a read queued
   * there waits for theirs, and a command whose output fills the pipe stalls meanwhile until its timeout.
   */
  private static void startOutputReader(Runnable read) {
    Thread reader = new Thread(read, "quantagent-process-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Then the end of input, which also keeps a prompt from waiting forever. */
  private static void feed(Process process, String input) {
    try (var stdin = process.getOutputStream()) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    } catch (IOException ignored) {
      // the process is already gone; its exit code and output say why
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }
}
