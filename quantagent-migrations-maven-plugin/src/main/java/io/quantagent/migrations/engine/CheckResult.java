package io.quantagent.migrations.engine;

import java.util.List;

/** What {@code check} found: migrations still pending, and applied scripts that changed or are gone. */
public record CheckResult(List<MigrationInfo> pending, List<String> problems) {
  public boolean passed() {
    return pending.isEmpty() && problems.isEmpty();
  }
}
