package io.quantagent.migrations.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The lock_timeout the offline SQL file sets for a migration's statements, as {@link LockLimit} has upgrade set it.
 * Where the run's default would give way to a stricter lock_timeout the session has from its login
 * ({@link LockLimit#forRun}), the file cannot know the session that will run it: it reads the limit once, at its start,
 * into a psql variable, and each migration that takes the run's limit sets that. A script's line, and a
 * {@code -Dquantagent.statementLockTimeout} the user gave, are written as they are.
 */
final class OfflineLockTimeout {
  /** The psql variable the file reads the limit into. */
  static final String VARIABLE = "quantagent_lock_timeout";

  private final RunnerSettings runner;
  private final boolean readsSession;

  private OfflineLockTimeout(RunnerSettings runner, boolean readsSession) {
    this.runner = runner;
    this.readsSession = readsSession;
  }

  /** @param migrations the file's: it reads the session only when one of them takes the run's limit */
  static OfflineLockTimeout of(RunnerSettings runner, List<PlannedMigration> migrations) {
    boolean defaultGivesWay = !runner.statementLockTimeoutGiven() && !runner.statementLockTimeout().isZero();
    return new OfflineLockTimeout(runner,
        defaultGivesWay && migrations.stream().anyMatch(OfflineLockTimeout::takesTheRunsLimit));
  }

  private static boolean takesTheRunsLimit(PlannedMigration migration) {
    return migration.directives().noTransaction()
        ? migration.statements().stream().anyMatch(s -> LockLimit.takesTheRunsLimit(migration, Optional.of(s)))
        : LockLimit.takesTheRunsLimit(migration, Optional.empty());
  }

  /**
   * The psql lines that read the limit, for the file's start: one query, whatever the number of migrations; empty when
   * the file does not need it.
   */
  Optional<String> read() {
    if (!readsSession) {
      return Optional.empty();
    }
    // pg_settings gives lock_timeout in milliseconds, the unit a SET without one takes; 0 is none, never stricter.
    String run = DurationSetting.forPostgres(runner.statementLockTimeout());
    return Optional.of("-- The run's " + DurationSetting.show(runner.statementLockTimeout()) + " lock_timeout gives way"
        + " to a stricter one this session already has (ALTER ROLE or ALTER DATABASE ... SET, postgresql.conf,"
        + " PGOPTIONS), as upgrade does; -Dquantagent.statementLockTimeout writes its own instead.\n"
        + "SELECT CASE WHEN setting::bigint > 0 AND setting::bigint < " + run + " THEN setting ELSE '" + run + "'"
        + " END AS " + VARIABLE + " FROM pg_settings WHERE name = 'lock_timeout' \\gset\n");
  }

  /** The {@code SET LOCAL} of a migration in a transaction; empty where the server's own applies. */
  Optional<String> setLocal(PlannedMigration migration) {
    if (readsSession && LockLimit.takesTheRunsLimit(migration, Optional.empty())) {
      return Optional.of("SET LOCAL lock_timeout = :'" + VARIABLE + "'");
    }
    SessionTimeout limit = migration.directives().sessionLockTimeout(runner);
    return limit.value().map(value -> limit.setLocal("lock_timeout"));
  }

  /**
   * The {@code SET} (or {@code RESET}) for a statement of a no-transaction script: a {@code CONCURRENTLY} one waits as
   * long as it takes unless the script's line says otherwise (see {@link NoTransactionScript}).
   */
  String set(PlannedMigration migration, SqlStatement statement) {
    if (readsSession && LockLimit.takesTheRunsLimit(migration, Optional.of(statement))) {
      return "set lock_timeout = :'" + VARIABLE + "'";
    }
    SessionTimeout limit = Concurrently.is(statement)
        ? SessionTimeout.of(migration.directives().lockTimeout(), Duration.ZERO)
        : migration.directives().sessionLockTimeout(runner);
    return limit.set("lock_timeout");
  }
}
