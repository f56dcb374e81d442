package io.quantagent.migrations.engine;

import java.util.List;
import java.util.Optional;

/** What an upgrade or downgrade did: the migrations run, in order, and where the database was and is. */
public record UpgradeResult(List<MigrationRun> runs, Optional<MigrationInfo> from, Optional<MigrationInfo> to) {
  public boolean changedNothing() {
    return runs.isEmpty();
  }
}
