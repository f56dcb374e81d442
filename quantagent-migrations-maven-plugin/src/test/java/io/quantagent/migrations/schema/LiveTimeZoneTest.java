package io.quantagent.migrations.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.MigratorSettings;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.engine.Target;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.PostgresMajor;
import io.quantagent.migrations.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A database configured with a TimeZone of its own, whose migrations run in it: the scratch database builds in the
 * same zone, so a timestamptz constant means the same instant on both sides and is no drift.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(PostgresMajor.class)
class LiveTimeZoneTest extends OnEachServer {

  @Test
  void timestamptzConstantsBuiltInTheDatabasesOwnZoneAreNoDrift(@TempDir Path dir) throws Exception {
    // A zone no test machine is in, 13:45 ahead of UTC: the JVM's zone would store other instants.
    Files.writeString(dir.resolve("001_ticks.sql"), "-- // ticks\ncreate table ticks (at timestamptz not null"
        + " default '2025-01-01 09:30', check (at >= '2020-01-01')) partition by range (at);\n"
        + "create table ticks_2025 partition of ticks for values from ('2025-01-01') to ('2026-01-01');\n"
        + "-- //@UNDO\ndrop table ticks;\n");
    TestDatabase live = freshDatabase();
    live.execute("alter database " + live.name() + " set timezone = 'Pacific/Chatham'");
    ScriptSource scripts = ScriptSource.directory(dir);
    Migrator migrator = new Migrator(live.connections(), scripts, "changelog", EventLog.silent());
    migrator.upgrade(new Target.Head());
    DriftCheck drift = new DriftCheck(live.connections(),
        new ExpectedSchema(scripts, MigratorSettings.defaults(), EventLog.silent()),
        sameServerScratch(new ArrayList<>()), TrackingTables.defaults(), EventLog.silent());
    assertEquals(List.of(), drift.differences(migrator.current().current().orElseThrow()));
  }
}
