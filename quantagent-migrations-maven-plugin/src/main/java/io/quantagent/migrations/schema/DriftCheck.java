package io.quantagent.migrations.schema;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.engine.SchemaVerifier;
import io.quantagent.migrations.events.EventLog;
import java.util.List;
import java.util.Optional;

/**
 * Compares the live database with the schema the migrations build up to a revision, built on a scratch
 * database of the live server's major version. Reads the live database only.
 */
public final class DriftCheck implements SchemaVerifier {
  private final ConnectionFactory live;
  private final ExpectedSchema expected;
  private final ScratchDatabases scratch;
  private final TrackingTables tracking;
  private final EventLog log;

  public DriftCheck(ConnectionFactory live, ExpectedSchema expected, ScratchDatabases scratch,
      TrackingTables tracking, EventLog log) {
    this.live = live;
    this.expected = expected;
    this.scratch = scratch;
    this.tracking = tracking;
    this.log = log;
  }

  /** Every difference and warning, in a stable order; {@code revision} empty means at base. */
  public List<SchemaDifference> compare(Optional<MigrationInfo> revision) {
    SchemaRead actual = SchemaRead.of(live, tracking, "live");
    try (ScratchDatabases.Scratch database = scratch.create(actual.serverMajorVersion())) {
      ConnectionFactory likeLive = actual.session().on(database.connections(), expected.schemaCreations());
      SchemaSnapshot migrations = revision.isPresent()
          ? expected.at(revision.get(), likeLive)
          : SchemaRead.of(likeLive, tracking, "scratch").snapshot();
      List<SchemaDifference> differences = SchemaComparison.compare(migrations,
          EquivalentDefinitions.align(migrations, actual.snapshot(), likeLive));
      differences.stream().filter(SchemaDifference::isWarning).forEach(w -> log.warn(w.describe()));
      return differences;
    }
  }

  @Override
  public List<String> differences(MigrationInfo revision) {
    return compare(Optional.of(revision)).stream().filter(d -> !d.isWarning()).map(SchemaDifference::describe).toList();
  }
}
