package io.quantagent.migrations.engine;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A migration of the run failed on the database, with everything its message needs: which part failed, how
 * many attempts were made, what a lock timeout waited for, and, for a script that runs without a transaction,
 * how many of its statements were committed before. {@link ScriptFailure} turns it into the user's message.
 */
final class StepFailedException extends RuntimeException {
  private final PlannedMigration migration;
  private final TransactionBatch.Part part;
  private final Optional<SqlStatement> statement;
  private final SQLException sqlCause;
  private final int attempts;
  private final Optional<LockWait> lockWait;
  private final int committedStatements;
  private final Optional<String> cleanup;
  private final List<PlannedMigration> unansweredCommits;

  StepFailedException(PlannedMigration migration, TransactionBatch.Part part, Optional<SqlStatement> statement,
      SQLException cause, int attempts, Optional<LockWait> lockWait, int committedStatements, Optional<String> cleanup) {
    this(migration, part, statement, cause, attempts, lockWait, committedStatements, cleanup, List.of());
  }

  /**
   * @param unansweredCommits see {@link #unansweredCommits()}
   */
  StepFailedException(PlannedMigration migration, TransactionBatch.Part part, Optional<SqlStatement> statement,
      SQLException cause, int attempts, Optional<LockWait> lockWait, int committedStatements, Optional<String> cleanup,
      List<PlannedMigration> unansweredCommits) {
    super(migration.label() + " failed: " + cause.getMessage(), cause);
    this.migration = migration;
    this.part = part;
    this.statement = statement;
    this.sqlCause = cause;
    this.attempts = attempts;
    this.lockWait = lockWait;
    this.committedStatements = committedStatements;
    this.cleanup = cleanup;
    this.unansweredCommits = List.copyOf(unansweredCommits);
  }

  PlannedMigration migration() {
    return migration;
  }

  TransactionBatch.Part part() {
    return part;
  }

  Optional<SqlStatement> statement() {
    return statement;
  }

  SQLException sqlCause() {
    return sqlCause;
  }

  int attempts() {
    return attempts;
  }

  Optional<LockWait> lockWait() {
    return lockWait;
  }

  /** For a no-transaction script: the statements committed before the failing one; -1 in a transaction. */
  int committedStatements() {
    return committedStatements;
  }

  /** What was cleaned up after the failure, e.g. the invalid index a failed CREATE INDEX CONCURRENTLY left. */
  Optional<String> cleanup() {
    return cleanup;
  }

  /**
   * This migration and the ones sent after it in the same round trip, when the connection was lost without a word
   * from the server while that round trip carried their commits: the answers that came tell only where the server had
   * got to at the latest, and it may have run the rest. Empty when the answers place the failure exactly.
   */
  List<PlannedMigration> unansweredCommits() {
    return unansweredCommits;
  }

  boolean lockTimeout() {
    return LockRetry.lockTimeout(sqlCause);
  }

  /** PostgreSQL rolled the migration's transaction back to end a deadlock with another session. */
  boolean deadlock() {
    return LockRetry.deadlock(sqlCause);
  }

  /** PostgreSQL rolled it back: another session's commit changed what its transaction (not read committed) read. */
  boolean serializationFailure() {
    return LockRetry.serializationFailure(sqlCause);
  }

  /** Lost to other sessions' work (any of the three above), which every attempt met: the failures a retry may pass. */
  boolean conflictWithOtherSessions() {
    return LockRetry.retries(sqlCause);
  }

  boolean connectionLost() {
    return DriverCause.connectionLost(sqlCause);
  }
}
