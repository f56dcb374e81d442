package io.quantagent.migrations.engine;

import java.time.Duration;

/**
 * How the engine runs: the changelog table (a plain lower-case identifier), how long {@code upgrade} and
 * {@code downgrade} wait for another run's lock, and whether {@code upgrade} first checks that applied
 * scripts are unchanged.
 */
public record MigratorSettings(String changelogTable, Duration lockTimeout, boolean validate) {
  public static final String DEFAULT_CHANGELOG_TABLE = "changelog";
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);

  public MigratorSettings {
    Changelog.validateTableName(changelogTable);
    if (lockTimeout.isNegative()) {
      throw new MigrationFailureException("The lock timeout cannot be negative (-Dquantagent.lockTimeout=" + lockTimeout.toSeconds() + ").");
    }
  }

  public static MigratorSettings defaults() {
    return new MigratorSettings(DEFAULT_CHANGELOG_TABLE, DEFAULT_LOCK_TIMEOUT, true);
  }

  public MigratorSettings withChangelogTable(String table) {
    return new MigratorSettings(table, lockTimeout, validate);
  }
}
