package io.quantagent.migrations.lint;

/**
 * What the rules depend on besides the scripts: the PostgreSQL major version the scripts will run on, and whether the
 * runner itself puts a lock timeout on every migration (then a script need not set one).
 */
public record LintSettings(int postgresVersion, boolean runnerSetsLockTimeout) {
  /** The oldest PostgreSQL the plugin supports, and what lint assumes when it knows nothing better. */
  public static final int OLDEST_SUPPORTED = 12;

  public LintSettings {
    if (postgresVersion < 10) {
      throw new IllegalArgumentException("PostgreSQL " + postgresVersion + " is older than lint knows (10)");
    }
  }

  /** For scripts that another tool runs, or this runner with its lock timeout turned off. */
  public static LintSettings forVersion(int postgresVersion) {
    return new LintSettings(postgresVersion, false);
  }
}
