package io.quantagent.migrations.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The lock_timeout the offline SQL file sets for a migration's statements, as {@link LockLimit} has upgrade set it.
 * Where the run's default would give way to a stricter lock_timeout the session has from its login
 * ({@link LockLimit#forRun}), the file cannot know the session that will run it: each migration that takes the run's
 * limit goes back to the session's own ({@code DEFAULT}: the role's, the database's, postgresql.conf's, PGOPTIONS') and
 * keeps it where it is stricter, in one {@code DO} statement, plain SQL that psql and any other client run (a psql
 * variable would have made every such file psql's). A script's line, and a {@code -Dquantagent.statementLockTimeout}
 * the user gave, are written as they are.
 */
final class OfflineLockTimeout {
  private final RunnerSettings runner;
  private final boolean keepsSessionsLimit;
  /** The same two statements for every migration under the run's limit: in a transaction, and in auto-commit. */
  private final String keepStricterInTransaction;
  private final String keepStricterInSession;

  private OfflineLockTimeout(RunnerSettings runner, boolean keepsSessionsLimit) {
    this.runner = runner;
    this.keepsSessionsLimit = keepsSessionsLimit;
    this.keepStricterInTransaction = keepStricter(runner, true);
    this.keepStricterInSession = keepStricter(runner, false);
  }

  /** @param migrations the file's: it keeps the session's limit only when one of them takes the run's */
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

  /** The header's line that says so, when the file keeps the session's stricter limit. */
  Optional<String> note() {
    if (!keepsSessionsLimit) {
      return Optional.empty();
    }
    return Optional.of("-- Where the session has a lock_timeout of its own stricter than the run's "
        + DurationSetting.show(runner.statementLockTimeout()) + " (ALTER ROLE or ALTER DATABASE ... SET,"
        + " postgresql.conf, PGOPTIONS), a migration without a limit of its own keeps it, as upgrade does;"
        + " -Dquantagent.statementLockTimeout writes its own instead.\n");
  }

  /**
   * Back to the session's own lock_timeout, kept where it is stricter than the run's; {@code local}: for the
   * transaction only.
   */
  private static String keepStricter(RunnerSettings runner, boolean local) {
    long run = runner.statementLockTimeout().toMillis();
    String session = "current_setting('lock_timeout')";
    return "DO $quantagent$BEGIN " + (local ? "SET LOCAL lock_timeout TO DEFAULT" : "RESET lock_timeout")
        + "; PERFORM set_config('lock_timeout', CASE WHEN " + session + "::interval > interval '0' AND " + session
        + "::interval < interval '" + run + " milliseconds' THEN " + session + " ELSE '" + run + "' END, " + local
        + "); END$quantagent$";
  }

  /** The {@code SET LOCAL} of a migration in a transaction; empty where the server's own applies. */
  Optional<String> setLocal(PlannedMigration migration) {
    if (keepsSessionsLimit && LockLimit.takesTheRunsLimit(migration, Optional.empty())) {
      return Optional.of(keepStricterInTransaction);
    }
    SessionTimeout limit = migration.directives().sessionLockTimeout(runner);
    return limit.value().map(value -> limit.setLocal("lock_timeout"));
  }

  /**
   * The {@code SET} (or {@code RESET}) for a statement of a no-transaction script: a {@code CONCURRENTLY} one waits as
   * long as it takes unless the script's line says otherwise (see {@link NoTransactionScript}).
   */
  String set(PlannedMigration migration, SqlStatement statement) {
    if (keepsSessionsLimit && LockLimit.takesTheRunsLimit(migration, Optional.of(statement))) {
      return keepStricterInSession;
    }
    SessionTimeout limit = Concurrently.is(statement)
        ? SessionTimeout.of(migration.directives().lockTimeout(), Duration.ZERO)
        : migration.directives().sessionLockTimeout(runner);
    return limit.set("lock_timeout");
  }
}
