package io.quantagent.migrations.lint;

import java.util.Locale;

/** How bad a finding is, most severe first; a build fails on findings at or above its {@code failOn} threshold. */
public enum Severity {
  /** Locks or rewrites a busy table, or fails when it runs. */
  ERROR,
  /** Risky depending on the table's size and traffic. */
  WARNING,
  /** Loses data by design: a person must confirm it is meant. */
  REVIEW;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a finding of this severity fails a build whose threshold is {@code threshold} (null: never). */
  public boolean atLeast(Severity threshold) {
    return threshold != null && compareTo(threshold) <= 0;
  }
}
