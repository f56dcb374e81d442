package io.quantagent.migrations.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * A thing a test needs from the machine (the system PostgreSQL 15, root, a Debian package). Under {@code CI=true}
 * a missing prerequisite fails the test, so that CI never passes by skipping; elsewhere the test is skipped with
 * a reason that names what is missing.
 */
public final class Prerequisite {
  private Prerequisite() {}

  public static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** @param missing what is missing and how to get it, e.g. "the system PostgreSQL 15 (apt-get install postgresql-15)" */
  public static void require(boolean met, String missing) {
    if (met) {
      return;
    }
    if (onCi()) {
      throw new AssertionError("Missing on CI (CI=true): " + missing);
    }
    Assumptions.abort("Skipped: missing " + missing + " (under CI=true this fails)");
  }
}
