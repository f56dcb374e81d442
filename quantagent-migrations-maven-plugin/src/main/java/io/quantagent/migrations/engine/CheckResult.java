package io.quantagent.migrations.engine;

import java.util.List;

/**
 * What {@code check} found: migrations still pending, scripts below the current migration that never ran (pending
 * too, but upgrade passes them over), applied scripts that changed or are gone, and scripts that look unfinished
 * (create's placeholder, a change or an {@code @UNDO} section without any statement).
 */
public record CheckResult(List<MigrationInfo> pending, List<String> passedOver, List<String> problems,
    List<String> unfinished) {
  public boolean passed() {
    return pending.isEmpty() && passedOver.isEmpty() && problems.isEmpty() && unfinished.isEmpty();
  }

  /** Every script that has not run: after the current migration, or passed over below it. */
  public int notRun() {
    return pending.size() + passedOver.size();
  }
}
