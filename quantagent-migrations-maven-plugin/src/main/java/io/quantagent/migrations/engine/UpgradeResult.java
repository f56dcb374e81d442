package io.quantagent.migrations.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What an upgrade or downgrade did: the migrations run, in order, where the database was and is, and how long the
 * run took from its first migration to its last commit. That is not the sum of the runs' durations: migrations sent
 * together share one round trip, and each run's duration is its share of it.
 */
public record UpgradeResult(List<MigrationRun> runs, Optional<MigrationInfo> from, Optional<MigrationInfo> to,
    Duration took) {
  static UpgradeResult nothingToDo(Optional<MigrationInfo> current) {
    return new UpgradeResult(List.of(), current, current, Duration.ZERO);
  }

  public boolean changedNothing() {
    return runs.isEmpty();
  }
}
