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
 * PostgreSQL keeps an index made with CREATE INDEX ... ON ONLY a partitioned table invalid until every partition's
 * index is attached: when the migrations leave it so, the database that has it so has no drift.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(PostgresMajor.class)
class PartitionedIndexTest extends OnEachServer {

  @Test
  void anIndexOnOnlyAPartitionedTableIsInvalidOnBothSidesAndNoDifference(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("001_candles.sql"), "-- // candles\ncreate table candles (at date not null,"
        + " price numeric) partition by range (at);\ncreate table candles_2025 partition of candles for values from"
        + " ('2025-01-01') to ('2026-01-01');\ncreate index candles_at on only candles (at);\n-- //@UNDO\n"
        + "drop table candles;\n");
    TestDatabase db = freshDatabase();
    Migrator migrator = new Migrator(db.connections(), ScriptSource.directory(dir), "changelog", EventLog.silent());
    migrator.upgrade(new Target.Head());
    assertEquals("f", db.value("select indisvalid from pg_index where indexrelid = 'candles_at'::regclass"));
    DriftCheck drift = new DriftCheck(db.connections(),
        new ExpectedSchema(ScriptSource.directory(dir), MigratorSettings.defaults(), EventLog.silent()),
        sameServerScratch(new ArrayList<>()), TrackingTables.defaults(), EventLog.silent());
    assertEquals(List.of(), drift.differences(migrator.current().current().orElseThrow()));
  }
}
