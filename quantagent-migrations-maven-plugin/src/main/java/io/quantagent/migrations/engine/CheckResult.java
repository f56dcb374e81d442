package io.quantagent.migrations.engine;

import java.util.List;

/**
 * What {@code check} found: migrations still pending, applied scripts that changed or are gone, and scripts that
 * look unfinished (create's placeholder, a change or an {@code @UNDO} section without any statement).
 */
public record CheckResult(List<MigrationInfo> pending, List<String> problems, List<String> unfinished) {
  public boolean passed() {
    return pending.isEmpty() && problems.isEmpty() && unfinished.isEmpty();
  }
}
