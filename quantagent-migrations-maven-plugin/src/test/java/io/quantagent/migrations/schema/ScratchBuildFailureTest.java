package io.quantagent.migrations.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.MigratorSettings;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.engine.Target;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.FreshDatabases;
import io.quantagent.migrations.testing.PostgresMajor;
import io.quantagent.migrations.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A script that is right for the live server fails on the scratch database, which is on another server: it grants to
 * a role only the live server has. The failure is the scratch database's, never an upgrade's of the live one.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(PostgresMajor.class)
class ScratchBuildFailureTest extends OnEachServer {
  private FreshDatabases servers;

  @BeforeEach
  void bindServers(FreshDatabases servers) {
    this.servers = servers;
  }

  /** Scratch databases on the other test server, where the live server's roles do not exist. */
  private ScratchDatabases onTheOtherServer() {
    PostgresMajor other = version == PostgresMajor.V17 ? PostgresMajor.V15 : PostgresMajor.V17;
    return major -> scratchOf(servers.create(other));
  }

  @Test
  void aGrantToARoleOnlyTheLiveServerHasFailsAsTheScratchDatabases(@TempDir Path dir) throws Exception {
    TestDatabase live = freshDatabase();
    String role = "qa_readonly_" + Long.toHexString(System.nanoTime());
    live.execute("create role " + role);
    try {
      Files.writeString(dir.resolve("001_orders.sql"), "-- // orders\ncreate table orders (id bigint primary key);\n"
          + "-- //@UNDO\ndrop table orders;\n");
      Files.writeString(dir.resolve("002_reporting.sql"), "-- // reporting\ncreate view order_ids as select id from"
          + " orders;\ngrant select on order_ids to " + role + ";\n-- //@UNDO\ndrop view order_ids;\n");
      ScriptSource scripts = ScriptSource.directory(dir);
      Migrator migrator = new Migrator(live.connections(), scripts, "changelog", EventLog.silent());
      migrator.upgrade(new Target.Head());
      MigrationInfo head = migrator.current().current().orElseThrow();
      DriftCheck drift = new DriftCheck(live.connections(),
          new ExpectedSchema(scripts, MigratorSettings.defaults(), EventLog.silent()), onTheOtherServer(),
          TrackingTables.defaults(), EventLog.silent());

      ScratchBuildFailedException e = assertThrows(ScratchBuildFailedException.class, () -> drift.differences(head));
      String message = e.getMessage();
      assertTrue(message.startsWith("The migrations' schema could not be built on the scratch database: Migration "
          + head + " failed in 002_reporting.sql, statement 2 of 2 (line 3): grant select on order_ids to " + role), message);
      assertTrue(message.contains("role \"" + role + "\" does not exist"), message);
      assertTrue(message.contains("The live database was not changed.") && message.contains("-Dquantagent.scratchUrl="),
          message);
      assertFalse(message.contains("quantagent:upgrade"), message);
      assertFalse(message.contains("the database is at"), message);
      assertEquals(List.of("1", "2"), live.changelogIds());
    } finally {
      live.execute("drop owned by " + role, "drop role " + role);
    }
  }

  /** A model is compared with the migrations alone: the message does not speak of a live database there is none of. */
  @Test
  void theMigrationsBuiltForAModelFailWithoutSpeakingOfALiveDatabase(@TempDir Path dir) throws Exception {
    String role = "qa_nowhere_" + Long.toHexString(System.nanoTime());
    Files.writeString(dir.resolve("001_orders.sql"), "-- // orders\ncreate table orders (id bigint primary key);\n"
        + "grant select on orders to " + role + ";\n-- //@UNDO\ndrop table orders;\n");
    ScratchBuildFailedException e = assertThrows(ScratchBuildFailedException.class, () -> MigrationsAtHead.build(
        ScriptSource.directory(dir), MigratorSettings.defaults(), onTheOtherServer(), 17, TrackingTables.defaults()));
    String message = e.getMessage();
    assertTrue(message.contains("role \"" + role + "\" does not exist"), message);
    assertTrue(message.contains("No database of yours was read or changed"), message);
    assertFalse(message.contains("live"), message);
  }
}
