package io.quantagent.migrations.schema;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.MigratorSettings;
import io.quantagent.migrations.engine.ScriptCreations;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.engine.Target;
import io.quantagent.migrations.events.EventLog;
import java.util.function.Predicate;

/**
 * The schema the migrations build up to a revision, read from a scratch database that this class migrates
 * and that its caller throws away. Never touches the live database.
 */
public final class ExpectedSchema {
  private final ScriptSource scripts;
  private final MigratorSettings settings;
  private final EventLog log;

  public ExpectedSchema(ScriptSource scripts, MigratorSettings settings, EventLog log) {
    this.scripts = scripts;
    this.settings = settings;
    this.log = log;
  }

  /** Whether the migrations create a schema of that name themselves. */
  Predicate<String> schemaCreations() {
    return ScriptCreations.schemas(scripts);
  }

  /** Migrates the empty {@code scratch} database to {@code revision} and reads its schema. */
  public SchemaSnapshot at(MigrationInfo revision, ConnectionFactory scratch) {
    ScratchBuildFailedException.onScratch(() -> new Migrator(scratch, scripts, settings, EventLog.silent())
        .upgrade(new Target.Revision(revision.idText())));
    log.debug("Built the migrations' schema at " + revision + " on the scratch database");
    return SchemaRead.of(scratch, new TrackingTables(settings.changelogTable()), "scratch").snapshot();
  }
}
