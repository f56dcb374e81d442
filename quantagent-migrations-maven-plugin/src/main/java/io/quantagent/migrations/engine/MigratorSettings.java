package io.quantagent.migrations.engine;

import java.time.Duration;

/**
 * How the engine runs: the changelog table (a plain lower-case identifier), how long {@code upgrade},
 * {@code downgrade} and {@code repair} wait for another run's lock, whether {@code upgrade} first checks that
 * applied scripts are unchanged, and how a migration's statements run ({@link RunnerSettings}).
 */
public record MigratorSettings(String changelogTable, Duration lockTimeout, boolean validate, RunnerSettings runner) {
  public static final String DEFAULT_CHANGELOG_TABLE = "changelog";
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);

  public MigratorSettings {
    Changelog.validateTableName(changelogTable);
    if (lockTimeout.isNegative()) {
      throw new MigrationFailureException("The lock timeout cannot be negative (-Dquantagent.lockTimeout=" + lockTimeout.toSeconds() + ").");
    }
  }

  public MigratorSettings(String changelogTable, Duration lockTimeout, boolean validate) {
    this(changelogTable, lockTimeout, validate, RunnerSettings.defaults());
  }

  public static MigratorSettings defaults() {
    return new MigratorSettings(DEFAULT_CHANGELOG_TABLE, DEFAULT_LOCK_TIMEOUT, true);
  }

  public MigratorSettings withChangelogTable(String table) {
    return new MigratorSettings(table, lockTimeout, validate, runner);
  }

  public MigratorSettings withLockTimeout(Duration timeout) {
    return new MigratorSettings(changelogTable, timeout, validate, runner);
  }

  public MigratorSettings withRunner(RunnerSettings runner) {
    return new MigratorSettings(changelogTable, lockTimeout, validate, runner);
  }
}
