package io.quantagent.migrations.testing;

import io.quantagent.migrations.events.EventLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL client program (psql, pg_dump) run as a process against a test database, as an operator runs it: the
 * real program, the database's connection options appended, the password in {@code PGPASSWORD}.
 */
public final class ClientProgram {
  /** How a run ended: the exit status, and standard output and error together. */
  public record Outcome(int exitStatus, String output) {
    public boolean succeeded() {
      return exitStatus == 0;
    }
  }

  private ClientProgram() {}

  /** {@code psql} of the system PostgreSQL 15: zonky's bundles have none. Fails under CI=true, skips elsewhere. */
  public static String psql() {
    PostgresMajor.V15.requireInstalled();
    return PostgresMajor.V15.binaries().binDirectory(EventLog.silent())
        .resolve("psql").toString();
  }

  /** Runs an SQL file with psql, as the README says to run an offline SQL file: stopping at the first error. */
  public static Outcome psqlFile(TestDatabase db, String psql, Path file)
      throws IOException, InterruptedException {
    return run(db, List.of(psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--file", file.toString()));
  }

  /** As {@link #psqlFile(TestDatabase, String, Path)}, in a psql whose own client encoding is {@code encoding}. */
  public static Outcome psqlFile(TestDatabase db, String psql, Path file, String encoding)
      throws IOException, InterruptedException {
    return run(db, List.of(psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--file", file.toString()),
        Map.of("PGCLIENTENCODING", encoding));
  }

  public static Outcome run(TestDatabase db, List<String> program) throws IOException, InterruptedException {
    return run(db, program, Map.of());
  }

  private static Outcome run(TestDatabase db, List<String> program, Map<String, String> environment)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(program);
    command.addAll(List.of("--host", "127.0.0.1", "--port", String.valueOf(db.server().port()),
        "--username", db.server().user(), "--dbname", db.name()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", db.server().password());
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    // The output ends when the program does; this only bounds a program that closed its output and hangs.
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(command.get(0) + " did not end: " + output);
    }
    return new Outcome(process.exitValue(), output);
  }
}
