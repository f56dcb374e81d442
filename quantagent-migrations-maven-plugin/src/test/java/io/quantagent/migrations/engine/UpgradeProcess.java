package io.quantagent.migrations.engine;

import io.quantagent.migrations.db.DatabaseUrl;
import io.quantagent.migrations.db.PostgresConnector;
import io.quantagent.migrations.events.EventLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code upgrade} to head in a JVM of its own, as a Maven process would run it: for lock and kill tests. */
public final class UpgradeProcess {
  private UpgradeProcess() {}

  public static void main(String[] args) {
    // args: jdbc url, user, password, scripts directory
    EventLog log = new EventLog() {
      @Override
      public void info(String message) {
        System.out.println("INFO " + message);
      }

      @Override
      public void warn(String message) {
        System.out.println("WARN " + message);
      }

      @Override
      public void debug(String message) {}
    };
    PostgresConnector connector = new PostgresConnector(DatabaseUrl.parse(args[0]).withCredentials(args[1], args[2]));
    try {
      UpgradeResult result = new Migrator(connector::connect, ScriptSource.directory(Path.of(args[3])), "changelog", log)
          .upgrade(new Target.Head());
      System.out.println("RESULT applied " + result.runs().size());
    } catch (RuntimeException e) {
      System.out.println("FAILED " + e.getMessage());
      System.exit(1);
    }
  }

  static ProcessBuilder command(io.quantagent.migrations.testing.TestDatabase db, Path scripts) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(UpgradeProcess.class.getName());
    command.add(db.jdbcUrl());
    command.add(db.connector().url().user().orElseThrow());
    command.add(db.connector().url().password().orElseThrow());
    command.add(scripts.toString());
    return new ProcessBuilder(command).redirectErrorStream(true);
  }
}
