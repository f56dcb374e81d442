package io.quantagent.migrations.embedded;

import io.quantagent.migrations.events.EventLog;
import java.nio.file.Path;

/**
 * A process that uses an embedded server the way a Maven goal does, for the tests that kill or stop one: it starts
 * (or joins) the server, prints {@code READY pid=<postmaster> port=<port>}, then exits without closing it, waits to
 * be killed or sent SIGTERM, or closes it when its standard input ends.
 *
 * <p>Arguments: {@code dev|throwaway|build <directory> exit|wait|close-on-eof}.
 */
public final class EmbeddedUser {
  private EmbeddedUser() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    EventLog log = EventLog.silent();
    EmbeddedPostgres server = switch (args[0]) {
      case "dev" -> DevelopmentDatabase.start(dir, TestSupport.BINARIES, log);
      case "throwaway" -> EmbeddedPostgres.start(EmbeddedPostgresSettings.throwaway(TestSupport.BINARIES, dir), log);
      case "build" -> BuildServers.start(TestSupport.BINARIES, dir, "app", 0, log);
      default -> throw new IllegalArgumentException(args[0]);
    };
    System.out.println("READY pid=" + server.pid() + " port=" + server.port() + " version=" + server.serverVersion());
    System.out.flush();
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
}
