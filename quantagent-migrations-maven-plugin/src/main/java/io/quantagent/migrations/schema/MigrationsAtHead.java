package io.quantagent.migrations.schema;

import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.engine.MigrationRun;
import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.MigratorSettings;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.engine.Target;
import io.quantagent.migrations.events.EventLog;
import java.util.List;

/** Every script applied to a throwaway database, and the schema that gave: what a model is compared with. */
record MigrationsAtHead(List<MigrationInfo> migrations, SchemaSnapshot snapshot) {

  static MigrationsAtHead build(ScriptSource scripts, MigratorSettings settings, ScratchDatabases scratch, int major,
      TrackingTables tracking) {
    try (ScratchDatabases.Scratch database = scratch.create(major)) {
      List<MigrationInfo> applied = ScratchBuildFailedException.onScratchWithoutLiveDatabase(() -> new Migrator(
          database.connections(), scripts, settings, EventLog.silent()).upgrade(new Target.Head())).runs().stream()
          .map(MigrationRun::migration).toList();
      return new MigrationsAtHead(applied, SchemaRead.of(database.connections(), tracking, "scratch").snapshot());
    }
  }
}
