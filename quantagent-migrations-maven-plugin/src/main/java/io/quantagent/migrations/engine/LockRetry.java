package io.quantagent.migrations.engine;

import io.quantagent.migrations.events.EventLog;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a statement times out on a lock, PostgreSQL ends a deadlock by rolling back the migration's transaction, or
 * rolls it back for a serialization failure (at repeatable read or serializable isolation, another session's commit
 * changed what it had read): how many attempts a migration gets, and how long to wait before the next one (the
 * configured first wait, doubling each time, with jitter so that two runs do not retry in step). All three leave
 * nothing of the attempt behind, and all come of other sessions' work, which a later attempt may no longer meet.
 */
final class LockRetry {
  private static final String LOCK_TIMEOUT = "55P03";
  private static final String DEADLOCK = "40P01";
  private static final String SERIALIZATION_FAILURE = "40001";

  private final RunnerSettings settings;
  private final LockLimit run;
  private final EventLog log;

  /** @param run the lock_timeout of the run's migrations that have no line of their own */
  LockRetry(RunnerSettings settings, LockLimit run, EventLog log) {
    this.settings = settings;
    this.run = run;
    this.log = log;
  }

  /** What {@code statement} of {@code migration} waits for a lock under. */
  LockLimit limit(PlannedMigration migration, Optional<SqlStatement> statement) {
    return run.forStatement(migration, statement);
  }

  int attempts() {
    return settings.lockAttempts();
  }

  /** Whether another attempt may get past this failure: a lock timeout, a deadlock or a serialization failure. */
  static boolean retries(SQLException e) {
    return lockTimeout(e) || deadlock(e) || serializationFailure(e);
  }

  static boolean lockTimeout(SQLException e) {
    return LOCK_TIMEOUT.equals(DriverCause.sqlState(e));
  }

  static boolean deadlock(SQLException e) {
    return DEADLOCK.equals(DriverCause.sqlState(e));
  }

  static boolean serializationFailure(SQLException e) {
    return SERIALIZATION_FAILURE.equals(DriverCause.sqlState(e));
  }

  /**
   * Logs why {@code attempt} failed (its lock timeout, deadlock or serialization failure) and waits before the next
   * one.
   *
   * @param what what is tried again, e.g. "20260102000000 (add risk level)"
   */
  void waitBeforeNext(int attempt, SQLException cause, String what, Optional<SqlStatement> statement, int statements,
      LockLimit lockTimeout, Optional<LockWait> wait) {
    Duration pause = pause(settings.retryWait(), attempt, ThreadLocalRandom.current().nextDouble());
    log.warn(failure(cause, what + where(statement, statements), lockTimeout, wait) + ". Rolled back; attempt "
        + (attempt + 1) + " of " + attempts() + " in " + DurationSetting.show(pause) + ".");
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting to try " + what + " again; nothing of it is applied.",
          e);
    }
  }

  private static String failure(SQLException cause, String where, LockLimit lockTimeout, Optional<LockWait> wait) {
    if (deadlock(cause)) {
      return "Deadlock in " + where + ": PostgreSQL chose it to end a cycle of lock waits with another session (the"
          + " server's log names that session's statement)";
    }
    if (serializationFailure(cause)) {
      return "Serialization failure in " + where + ": another session's commit changed what its repeatable read or"
          + " serializable transaction had read";
    }
    String lock = wait.map(LockWait::describe).orElse("a lock (its holder was not seen)");
    if (lockTimeout.value().isZero()) {
      // The run set no lock_timeout: the server's own (postgresql.conf, ALTER ROLE or ALTER DATABASE) ended the wait.
      return "Lock timeout in " + where + ": the server's own lock_timeout (the run sets none) ended its wait for "
          + lock;
    }
    return "Lock timeout in " + where + ": waited " + DurationSetting.show(lockTimeout.value()) + " for " + lock
        + lockTimeout.origin().map(origin -> "; its limit is " + origin).orElse("");
  }

  static String where(Optional<SqlStatement> statement, int statements) {
    return statement.map(s -> ", statement " + s.number() + " of " + statements + " (line " + s.line() + ") "
        + s.firstLine()).orElse("");
  }

  /**
   * The wait after failed {@code attempt} (1 for the first): {@code firstWait} doubled for each attempt after the
   * first, times a jitter between 0.75 and 1.25 that {@code random} (in [0, 1)) picks.
   */
  static Duration pause(Duration firstWait, int attempt, double random) {
    long base = firstWait.toMillis() << Math.min(attempt - 1, 20);
    double jitter = 0.75 + random * 0.5;
    return Duration.ofMillis(Math.round(base * jitter));
  }
}
