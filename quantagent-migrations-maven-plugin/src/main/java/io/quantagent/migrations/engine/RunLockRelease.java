package io.quantagent.migrations.engine;

import java.util.regex.Pattern;

/**
 * Statements that release every advisory lock of the session, the run lock among them ({@code DISCARD ALL},
 * {@code pg_advisory_unlock_all()}): after one, a second run could start on the database while this one goes on.
 * {@code DISCARD ALL} also drops the session settings the runner made. No migration needs either, so the run plan
 * refuses them.
 */
public final class RunLockRelease {
  // A statement of its own, not the name inside a string, a comment or a function's body: defining a function that
  // calls it releases nothing.
  private static final Pattern RELEASES =
      Pattern.compile("(?is)\\s*(?:discard\\s+all|select\\s+(?:pg_catalog\\.)?pg_advisory_unlock_all\\s*\\(\\s*\\))"
          + "\\s*;?\\s*");

  private RunLockRelease() {}

  /** Lint asks too, so that it names exactly the statements the runner refuses. */
  public static boolean is(SqlStatement statement) {
    return RELEASES.matcher(statement.sql()).matches();
  }
}
