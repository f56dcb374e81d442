package io.quantagent.migrations.schema;

import io.quantagent.migrations.events.EventLog;

/**
 * A process that builds on a scratch database of {@code -Dquantagent.scratchUrl} the way check, stamp or diff do:
 * it creates one, prints {@code READY}, and waits to be sent SIGTERM (a Ctrl-C, a CI job cancelled).
 *
 * <p>Argument: the scratch server's URL.
 */
public final class ScratchUser {
  private ScratchUser() {}

  public static void main(String[] args) throws Exception {
    ScratchDatabases.Scratch scratch = new ConfiguredScratchDatabases(args[0], major -> null, null, EventLog.silent())
        .create(17);
    try (var connection = scratch.connections().open(); var statement = connection.createStatement();
        var rs = statement.executeQuery("select current_database()")) {
      rs.next();
      System.out.println("READY database=" + rs.getString(1));
      System.out.flush();
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
