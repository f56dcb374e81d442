package io.quantagent.migrations.schema;

import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.engine.MigratorSettings;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.events.EventLog;
import java.util.List;
import java.util.Optional;

/**
 * Models first: compares the schema a model declares with what the migrations build at head, both built on
 * throwaway databases of one PostgreSQL major. No live database is read.
 */
public final class ModelCheck {
  private final ScriptSource scripts;
  private final MigratorSettings settings;
  private final ScratchDatabases scratch;
  private final EventLog log;

  public ModelCheck(ScriptSource scripts, MigratorSettings settings, ScratchDatabases scratch, EventLog log) {
    this.scripts = scripts;
    this.settings = settings;
    this.scratch = scratch;
    this.log = log;
  }

  /** The migrations' head ({@code empty}: there are no scripts) and how the model differs from what they build. */
  public record Comparison(Optional<MigrationInfo> head, List<SchemaDifference> differences) {
    /** The differences without the warnings, worded for a model ({@link #describe}). */
    public List<String> changes() {
      return differences.stream().filter(d -> !d.isWarning()).map(ModelCheck::describe).toList();
    }
  }

  /** Every difference and warning, in {@link SchemaDifference#ORDER}. */
  public Comparison compare(ModelSchema model, int major) {
    TrackingTables tracking = new TrackingTables(settings.changelogTable());
    MigrationsAtHead head = MigrationsAtHead.build(scripts, settings, scratch, major, tracking);
    SchemaSnapshot declared;
    try (ScratchDatabases.Scratch database = scratch.create(major)) {
      declared = model.buildOn(database.connections(), tracking);
    }
    log.debug("Compared the model " + model + " with the migrations at head on PostgreSQL " + major);
    List<MigrationInfo> applied = head.migrations();
    return new Comparison(applied.isEmpty() ? Optional.empty() : Optional.of(applied.get(applied.size() - 1)),
        SchemaComparison.compare(head.snapshot(), declared));
  }

  /**
   * A difference as a model user reads it: the comparison's other side is the model, not a database
   * ({@code trades.risk_level: column in the model, not in the migrations (numeric(10,2))}).
   */
  public static String describe(SchemaDifference difference) {
    return difference.describe()
        .replace(" in the database, not in the migrations", " in the model, not in the migrations")
        .replace(" in the migrations, not in the database", " in the migrations, not in the model")
        .replace(", database has ", ", the model has ");
  }
}
