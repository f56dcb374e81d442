package io.quantagent.migrations.engine;

import java.util.List;

/** The live schema differs from the migrations' at the stamp target; nothing was written. */
public final class StampRefusedException extends MigrationFailureException {
  public StampRefusedException(MigrationInfo revision, List<String> differences) {
    super("Not stamped: the database's schema differs from what the migrations build up to " + revision
        + ", so recording it as applied would be a lie. Nothing was written.\n  - "
        + String.join("\n  - ", differences)
        + "\n  Stamp the migration the schema really matches, fix the schema, or, knowingly, add"
        + " -Dquantagent.force to record an unverified stamp.");
  }
}
