package io.quantagent.migrations.embedded;

import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.schema.ConfiguredScratchDatabases;
import io.quantagent.migrations.schema.ScratchDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A process that uses an embedded server the way a Maven goal does, for the tests that kill or stop one: it starts
 * (or joins) the server, prints {@code READY pid=<postmaster> port=<port>}, then exits without closing it, waits to
 * be killed or sent SIGTERM, or closes it when its standard input ends. With {@code start-during-exit} it starts the
 * server only once the JVM is exiting, from a shutdown hook, and prints {@code REFUSED <message>} when that fails.
 * {@code scratch <work directory> wait} makes a scratch database on an embedded server, as diff, check or stamp do
 * without a scratchUrl, prints the same line and waits.
 *
 * <p>Arguments: {@code dev|throwaway|build <directory> exit|wait|close-on-eof|start-during-exit}, or
 * {@code scratch <work directory> wait}.
 */
public final class EmbeddedUser {
  private EmbeddedUser() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    if (args[0].equals("scratch")) {
      scratchThenWait(dir);
    }
    if (args[2].equals("start-during-exit")) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          ready(start(args[0], dir));
        } catch (RuntimeException e) {
          System.out.println("REFUSED " + e.getMessage());
          System.out.flush();
        }
      }));
      System.exit(0);
    }
    EmbeddedPostgres server = start(args[0], dir);
    ready(server);
    switch (args[2]) {
      case "exit" -> System.exit(0); // without close: the shutdown hook is all that stops the server
      case "wait" -> Thread.sleep(Long.MAX_VALUE);
      default -> {
        while (System.in.read() >= 0) {
          // until the parent closes our input
        }
        server.close();
        System.out.println("CLOSED");
      }
    }
  }

  private static EmbeddedPostgres start(String kind, Path dir) {
    EventLog log = EventLog.silent();
    return switch (kind) {
      case "dev" -> DevelopmentDatabase.start(dir, TestSupport.BINARIES, log);
      case "throwaway" -> EmbeddedPostgres.start(EmbeddedPostgresSettings.throwaway(TestSupport.BINARIES, dir), log);
      case "build" -> BuildServers.start(TestSupport.BINARIES, dir, "app", 0, log);
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static void scratchThenWait(Path workDirectory) throws Exception {
    ScratchDatabases.Scratch scratch = new ConfiguredScratchDatabases(null, major -> TestSupport.BINARIES,
        workDirectory, EventLog.silent()).create(17);
    try (Connection c = scratch.connections().open(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select pg_backend_pid(), current_setting('port')")) {
      rs.next();
      long postmaster = ProcessHandle.of(rs.getLong(1)).flatMap(ProcessHandle::parent).orElseThrow().pid();
      System.out.println("READY pid=" + postmaster + " port=" + rs.getString(2) + " version=");
      System.out.flush();
    }
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void ready(EmbeddedPostgres server) {
    System.out.println("READY pid=" + server.pid() + " port=" + server.port() + " version=" + server.serverVersion());
    System.out.flush();
  }
}
