package io.quantagent.migrations.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * The lock_timeout a migration's statement waits under, and, when it is the session's own, who set it. The run's
 * default of 2 s gives way to a stricter limit the session has from its login (a DBA's {@code ALTER ROLE} or
 * {@code ALTER DATABASE ... SET lock_timeout}, postgresql.conf, the URL's options): the guard is there so that writers
 * do not queue long behind a migration, and raising a DBA's 500 ms to 2 s would undo that.
 * {@code -Dquantagent.statementLockTimeout} and a script's {@code -- quantagent:lock-timeout} line win over it, as
 * their authors asked.
 *
 * @param value zero: none of the run's (the server's own, if any, applies)
 * @param session the session's own setting, when {@code value} is it
 */
record LockLimit(Duration value, Optional<ServerSetting> session) {
  static final LockLimit NONE = new LockLimit(Duration.ZERO, Optional.empty());

  static LockLimit of(Duration value) {
    return new LockLimit(value, Optional.empty());
  }

  /**
   * The limit of the run's migrations that have no line of their own.
   *
   * @param login what the session has from its login ({@link MigrationConnection#loginLockTimeout})
   */
  static LockLimit forRun(RunnerSettings settings, LockLimit login) {
    Duration run = settings.statementLockTimeout();
    boolean stricter = !login.value().isZero() && login.value().compareTo(run) < 0;
    return !settings.statementLockTimeoutGiven() && stricter ? login : of(run);
  }

  /**
   * What {@code statement} of {@code migration} waits under when this is the run's limit: the script's own line, or
   * none for a {@code CONCURRENTLY} statement of a no-transaction script (see {@link NoTransactionScript}).
   */
  LockLimit forStatement(PlannedMigration migration, Optional<SqlStatement> statement) {
    return takesTheRunsLimit(migration, statement) ? this
        : migration.directives().lockTimeout().map(LockLimit::of).orElse(NONE);
  }

  /**
   * Whether {@code statement} of {@code migration} (empty: its transaction) waits under the run's limit: its script has
   * no line of its own, and it is not a {@code CONCURRENTLY} statement of a no-transaction script.
   */
  static boolean takesTheRunsLimit(PlannedMigration migration, Optional<SqlStatement> statement) {
    boolean waitsForOlderTransactions = migration.directives().noTransaction()
        && statement.filter(Concurrently::is).isPresent();
    return migration.directives().lockTimeout().isEmpty() && !waitsForOlderTransactions;
  }

  /** The run's settings with this limit for the migrations that have no line of their own. */
  RunnerSettings appliedTo(RunnerSettings settings) {
    return session.isEmpty() ? settings : settings.withStatementLockTimeout(value);
  }

  /** e.g. "the session's own lock_timeout, stricter than the run's default 2 s: 500ms, set for the role ...". */
  Optional<String> origin() {
    return session.map(s -> "the session's own lock_timeout, stricter than the run's default "
        + DurationSetting.show(RunnerSettings.defaults().statementLockTimeout()) + ": " + s.describe());
  }
}
