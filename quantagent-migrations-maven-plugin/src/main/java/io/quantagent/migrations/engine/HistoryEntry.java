package io.quantagent.migrations.engine;

import java.util.Optional;

/**
 * One migration known from the scripts or the changelog. {@code appliedAt} is empty while pending;
 * {@code integrity} says whether an applied script is unchanged.
 */
public record HistoryEntry(MigrationInfo migration, Optional<String> appliedAt, Integrity integrity, boolean current) {
  public boolean pending() {
    return appliedAt.isEmpty();
  }

  public boolean scriptPresent() {
    return integrity != Integrity.NO_SCRIPT;
  }
}
