package io.quantagent.migrations.engine;

import java.time.Duration;

/**
 * How {@code upgrade} and {@code downgrade} run a migration's statements on a live database.
 *
 * @param statementLockTimeout how long one statement may wait for a lock before its migration is rolled back and
 *     retried ({@code SET LOCAL lock_timeout}); zero waits forever
 * @param statementLockTimeoutGiven whether the user set {@code statementLockTimeout}; the default gives way to a
 *     stricter lock_timeout the session has from its login ({@link LockLimit#forRun})
 * @param lockAttempts how many times a migration is tried when its statements keep timing out on locks
 * @param retryWait the wait before the second attempt; it doubles for each further attempt, with jitter
 * @param statementTimeout the longest a statement may run ({@code SET LOCAL statement_timeout}); zero is no limit
 * @param transaction one transaction per migration, or all pending migrations in one
 * @param progressEvery how often a long statement says it is still running
 */
public record RunnerSettings(Duration statementLockTimeout, boolean statementLockTimeoutGiven, int lockAttempts,
    Duration retryWait, Duration statementTimeout, TransactionMode transaction, Duration progressEvery) {
  public static final String DEFAULT_STATEMENT_LOCK_TIMEOUT = "2s";
  public static final String DEFAULT_LOCK_ATTEMPTS = "5";
  public static final String DEFAULT_STATEMENT_TIMEOUT = "off";
  public static final String DEFAULT_TRANSACTION = "each";

  public RunnerSettings {
    if (statementLockTimeout.isNegative() || statementTimeout.isNegative() || retryWait.isNegative()) {
      throw new InvalidSettingException("Timeouts cannot be negative.");
    }
    if (progressEvery.isNegative() || progressEvery.isZero()) {
      throw new IllegalArgumentException("progressEvery must be positive");
    }
    if (lockAttempts < 1) {
      throw new InvalidSettingException("-Dquantagent.statementLockAttempts=" + lockAttempts + " must be at least 1 (1: no"
          + " retry after a lock timeout).");
    }
  }

  public static RunnerSettings defaults() {
    return new RunnerSettings(Duration.ofSeconds(2), false, 5, Duration.ofSeconds(1), Duration.ZERO,
        TransactionMode.EACH, Duration.ofSeconds(10));
  }

  /**
   * From the user's text, as the Mojo reads it; a bad value fails naming its property.
   *
   * @param statementLockTimeout null when the user set none: the default
   */
  public static RunnerSettings parse(String statementLockTimeout, int lockAttempts, String statementTimeout,
      String transaction) {
    boolean given = statementLockTimeout != null;
    return new RunnerSettings(DurationSetting.parse(given ? statementLockTimeout : DEFAULT_STATEMENT_LOCK_TIMEOUT,
        "-Dquantagent.statementLockTimeout"), given, lockAttempts, Duration.ofSeconds(1),
        DurationSetting.parse(statementTimeout, "-Dquantagent.statementTimeout"), TransactionMode.parse(transaction),
        Duration.ofSeconds(10));
  }

  /**
   * Whether {@code -Dquantagent.statementLockTimeout}, as the user wrote it, leaves the runner's lock timeout on: what
   * lint needs to know before it asks a script to set one itself.
   */
  public static boolean guardsLocks(String statementLockTimeout) {
    return statementLockTimeout == null
        || !DurationSetting.parse(statementLockTimeout, "-Dquantagent.statementLockTimeout").isZero();
  }

  /** As the user's {@code -Dquantagent.statementLockTimeout}: it wins over the session's own lock_timeout. */
  public RunnerSettings withStatementLockTimeout(Duration timeout) {
    return new RunnerSettings(timeout, true, lockAttempts, retryWait, statementTimeout, transaction, progressEvery);
  }

  public RunnerSettings withLockAttempts(int attempts, Duration firstWait) {
    return new RunnerSettings(statementLockTimeout, statementLockTimeoutGiven, attempts, firstWait, statementTimeout,
        transaction, progressEvery);
  }

  public RunnerSettings withStatementTimeout(Duration timeout) {
    return new RunnerSettings(statementLockTimeout, statementLockTimeoutGiven, lockAttempts, retryWait, timeout,
        transaction, progressEvery);
  }

  public RunnerSettings withTransaction(TransactionMode mode) {
    return new RunnerSettings(statementLockTimeout, statementLockTimeoutGiven, lockAttempts, retryWait,
        statementTimeout, mode, progressEvery);
  }

  public RunnerSettings withProgressEvery(Duration every) {
    return new RunnerSettings(statementLockTimeout, statementLockTimeoutGiven, lockAttempts, retryWait,
        statementTimeout, transaction, every);
  }
}
