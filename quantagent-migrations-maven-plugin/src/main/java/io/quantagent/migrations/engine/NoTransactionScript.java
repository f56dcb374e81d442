package io.quantagent.migrations.engine;

import io.quantagent.migrations.events.EventLog;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A script marked {@code -- quantagent:no-transaction}: each statement runs alone in auto-commit, under the
 * lock-timeout guard and retried on its own after a lock timeout, except that a {@code CONCURRENTLY} statement
 * waits as long as it needs (the guard would abort its wait for older transactions and leave an invalid index)
 * unless the script's header sets a lock timeout. A failed index build leaves no invalid index behind. The
 * changelog row is written after the last statement.
 */
final class NoTransactionScript {
  private final MigrationConnection session;
  private final RunnerSettings settings;
  private final StatementWatch watch;
  private final LockRetry retry;
  private final EventLog log;
  private SessionTimeout lockTimeoutSet = SessionTimeout.SERVER_DEFAULT;
  private SessionTimeout statementTimeoutSet = SessionTimeout.SERVER_DEFAULT;

  NoTransactionScript(MigrationConnection session, RunnerSettings settings, StatementWatch watch, LockRetry retry,
      EventLog log) {
    this.session = session;
    this.settings = settings;
    this.watch = watch;
    this.retry = retry;
    this.log = log;
  }

  void run(PlannedMigration migration, Optional<String> changelogRow) {
    Connection connection = session.connection();
    List<SqlStatement> statements = migration.statements();
    try {
      for (SqlStatement statement : statements) {
        runStatement(connection, migration, statement);
      }
      if (changelogRow.isPresent()) {
        try (Statement insert = connection.createStatement()) {
          if (SessionSettings.mayChange(statements)) {
            // One message, one round trip where each took its own (seven): PostgreSQL runs it as one implicit
            // transaction, which holds only settings, so they all take effect or none; the changelog row stays a
            // message of its own, as when nothing was reset.
            insert.execute(String.join(";\n", session.resetsAfterScript()));
            lockTimeoutSet = SessionTimeout.SERVER_DEFAULT; // what a RESET leaves
            statementTimeoutSet = SessionTimeout.SERVER_DEFAULT;
          }
          insert.execute(changelogRow.get());
        } catch (SQLException e) {
          throw new StepFailedException(migration, TransactionBatch.Part.CHANGELOG, Optional.empty(), e, 1,
              Optional.empty(), statements.size(), Optional.empty());
        }
      }
    } finally {
      resetTimeouts(connection);
    }
  }

  private void runStatement(Connection connection, PlannedMigration migration, SqlStatement statement) {
    boolean concurrently = Concurrently.is(statement);
    SessionTimeout sessionLockTimeout = concurrently
        ? SessionTimeout.of(migration.directives().lockTimeout(), Duration.ZERO)
        : migration.directives().sessionLockTimeout(settings);
    LockLimit lockTimeout = retry.limit(migration, Optional.of(statement));
    Optional<Concurrently.IndexBuild> build = Concurrently.indexBuild(statement);
    int n = migration.statements().size();
    for (int attempt = 1; ; attempt++) {
      Optional<LockWait> wait = Optional.empty();
      Set<String> invalidBefore = Set.of();
      try {
        setTimeouts(connection, sessionLockTimeout, migration.directives().sessionStatementTimeout(settings));
        if (build.isPresent()) {
          dropLeftover(connection, build.get());
          invalidBefore = InvalidIndexes.of(connection, build.get());
        }
        log.debug("SQL " + statement.number() + "/" + n + " (auto-commit): " + statement.sql());
        try (StatementWatch.Watch watching = watch.start(migration, List.of(statement), lockTimeout.value());
            Statement jdbc = connection.createStatement()) {
          try {
            jdbc.setEscapeProcessing(false);
            jdbc.execute(statement.sql());
            for (SQLWarning w = jdbc.getWarnings(); w != null; w = w.getNextWarning()) {
              log.debug("PostgreSQL: " + w.getMessage());
            }
          } finally {
            wait = watching.lockWait();
          }
        }
        return;
      } catch (SQLException e) {
        Optional<String> cleanup = build.isPresent() && !DriverCause.connectionLost(e)
            ? cleanUp(connection, build.get(), invalidBefore, e) : Optional.empty();
        if (!LockRetry.retries(e) || attempt >= retry.attempts()) {
          throw new StepFailedException(migration, TransactionBatch.Part.STATEMENT, Optional.of(statement), e, attempt,
              wait, statement.number() - 1, cleanup);
        }
        retry.waitBeforeNext(attempt, e, migration.label(), Optional.of(statement), n, lockTimeout, wait);
      }
    }
  }

  /** What an earlier failed run of this build left in its way ({@link EarlierBuildLeftovers}), dropped first. */
  private void dropLeftover(Connection connection, Concurrently.IndexBuild build) throws SQLException {
    Optional<String> query = EarlierBuildLeftovers.query(build);
    if (query.isEmpty()) {
      return;
    }
    List<String> leftovers = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query.get())) {
      while (rs.next()) {
        leftovers.add(rs.getString(1));
      }
    }
    for (String index : leftovers) {
      log.warn(index + " is an invalid index left by an earlier failed " + (build.reindex() ? "REINDEX" : "CREATE INDEX")
          + " CONCURRENTLY.");
      InvalidIndexes.drop(connection, index, log);
    }
  }

  private Optional<String> cleanUp(Connection connection, Concurrently.IndexBuild build, Set<String> before,
      SQLException failure) {
    try {
      List<String> dropped = InvalidIndexes.dropNew(connection, build, before, log);
      return dropped.isEmpty() ? Optional.empty()
          : Optional.of("the invalid index " + String.join(", ", dropped) + " it left was dropped");
    } catch (SQLException e) {
      failure.addSuppressed(e);
      return Optional.of("the invalid index it may have left could not be dropped (" + DriverCause.of(e) + "):"
          + " look for it with select indexrelid::regclass from pg_index where not indisvalid, and drop it");
    }
  }

  private void setTimeouts(Connection connection, SessionTimeout lockTimeout, SessionTimeout statementTimeout)
      throws SQLException {
    if (lockTimeout.equals(lockTimeoutSet) && statementTimeout.equals(statementTimeoutSet)) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(lockTimeout.set("lock_timeout") + "; " + statementTimeout.set("statement_timeout"));
    }
    lockTimeoutSet = lockTimeout;
    statementTimeoutSet = statementTimeout;
  }

  private void resetTimeouts(Connection connection) {
    try {
      setTimeouts(connection, SessionTimeout.SERVER_DEFAULT, SessionTimeout.SERVER_DEFAULT);
    } catch (SQLException ignored) {
      // the connection is gone, and its settings with it
    }
  }
}
