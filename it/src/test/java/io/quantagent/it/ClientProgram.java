package io.quantagent.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs pg_dump or psql against one database, the password in PGPASSWORD (never on a command line). */
final class ClientProgram {
  private ClientProgram() {}

  static void run(List<String> program, int port, String user, String password, String database)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(program);
    command.addAll(List.of("--host", "127.0.0.1", "--port", String.valueOf(port), "--username", user,
        "--dbname", database));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", password);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(command.get(0) + " did not end: " + output);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(command.get(0) + " on " + database + " failed (" + process.exitValue() + "): "
          + output);
    }
  }
}
