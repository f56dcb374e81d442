package io.quantagent.migrations.engine;

import java.util.Optional;

/**
 * One migration known from the scripts or the changelog. {@code appliedAt} is empty while pending;
 * {@code scriptPresent} is false for a changelog row whose script is gone.
 */
public record HistoryEntry(MigrationInfo migration, Optional<String> appliedAt, boolean scriptPresent,
    boolean current) {
  public boolean pending() {
    return appliedAt.isEmpty();
  }
}
