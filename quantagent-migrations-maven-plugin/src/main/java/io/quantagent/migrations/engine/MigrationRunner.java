package io.quantagent.migrations.engine;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.events.EventLog;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the migrations of one run on its connection, each as one batch (one round trip): under the lock-timeout
 * guard, retried from its start after a lock timeout, and committed together with its changelog row. Commits do
 * not wait for the disk ({@code synchronous_commit = off}), except the run's last one, which makes every earlier
 * one durable too: a crash mid-run can lose the last migrations, each with its changelog row, never half of one.
 * With {@link TransactionMode#ALL} the migrations share one transaction until the run ends or a
 * no-transaction script comes.
 */
final class MigrationRunner implements AutoCloseable {
  private final MigrationConnection session;
  private final RunnerSettings settings;
  private final int planned;
  private final EventLog log;
  private final StatementWatch watch;
  private final LockRetry retry;
  private final NoTransactionScript noTransaction;
  private final List<TransactionBatch> openGroup = new ArrayList<>();
  private List<String> changelogDdl = List.of();
  private int started;
  private boolean unflushed;

  MigrationRunner(MigrationConnection session, RunnerSettings settings, int planned, ConnectionFactory connections,
      EventLog log) {
    this.session = session;
    this.settings = settings;
    this.planned = planned;
    this.log = log;
    this.watch = new StatementWatch(connections, session.backendPid(), settings.progressEvery(), log);
    this.retry = new LockRetry(settings, log);
    this.noTransaction = new NoTransactionScript(session, settings, watch, retry, log);
  }

  /**
   * The changelog's DDL, sent with the first migration: in its transaction, so that a first run that fails leaves
   * no table behind; before it, committed, when that migration runs without a transaction.
   */
  void createChangelogFirst(List<String> ddl) {
    changelogDdl = List.copyOf(ddl);
  }

  /** Runs one migration; in {@code all} mode it joins the open transaction, which {@link #finish} commits. */
  void apply(PlannedMigration migration, Optional<String> changelogRow) {
    started++;
    List<String> ddl = changelogDdl;
    changelogDdl = List.of();
    if (migration.directives().noTransaction()) {
      commitGroup(" before " + migration.file() + ", which runs without a transaction");
      createChangelog(ddl, migration);
      log.warn(migration.file() + " is marked -- quantagent:no-transaction: its statements commit one by one.");
      noTransaction.run(migration, changelogRow);
      unflushed = false; // auto-commit statements wait for the disk, and so flush every earlier commit
      return;
    }
    boolean each = settings.transaction() == TransactionMode.EACH;
    boolean asynchronous = each && started < planned;
    List<String> prefix = new ArrayList<>(settings(migration, asynchronous, each));
    prefix.addAll(ddl);
    TransactionBatch batch = new TransactionBatch(migration, prefix, changelogRow, each);
    send(batch);
    openGroup.add(batch);
    if (each) {
      openGroup.clear();
      unflushed = asynchronous;
    }
  }

  /**
   * How many of the migrations applied before are in the transaction that is still open ({@code all} mode), or
   * that a failure just rolled back; none in {@code each} mode.
   */
  int uncommitted() {
    return openGroup.size();
  }

  /** Commits what the run left open and makes sure every commit of the run is on disk. */
  void finish() {
    commitGroup("");
    if (unflushed) {
      flush();
    }
  }

  /**
   * After a failure: rolls back what is open, then puts the run's earlier commits on disk before the failure is
   * reported.
   */
  void abort() {
    session.rollbackQuietly();
    if (unflushed) {
      try {
        flush();
      } catch (RuntimeException e) {
        log.debug("Could not flush the run's earlier commits: " + e.getMessage());
      }
    }
  }

  /** False while commits of the run may not be on disk yet (after an {@link #abort} that could not flush them). */
  boolean durable() {
    return !unflushed;
  }

  @Override
  public void close() {
    watch.close();
  }

  private void send(TransactionBatch current) {
    for (int attempt = 1; ; attempt++) {
      TransactionBatch sending = current;
      Optional<LockWait> wait = Optional.empty();
      try {
        session.begin();
        for (TransactionBatch batch : attempt == 1 ? List.of(current) : group(current)) {
          sending = batch;
          try (StatementWatch.Watch watching = watch.start(batch.migration(), batch.migration().statements(),
              lockTimeout(batch.migration()))) {
            try {
              batch.execute(session.connection(), log,
                  !batch.migration().directives().statementTimeout(settings).isZero());
            } finally {
              wait = watching.lockWait();
            }
          }
        }
        if (current.commits()) {
          session.commit(); // the batch committed: this only returns the connection to auto-commit
        }
        return;
      } catch (SQLException e) {
        session.rollbackQuietly();
        TransactionBatch.Position at = sending.failedAt(e);
        boolean lockTimedOut = "55P03".equals(DriverCause.sqlState(e));
        if (!lockTimedOut || attempt >= retry.attempts()) {
          throw new StepFailedException(sending.migration(), at.part(), at.statement(), e, attempt, wait, -1,
              Optional.empty());
        }
        String what = openGroup.isEmpty() ? sending.migration().label() : "the transaction of "
            + (openGroup.size() + 1) + " migrations (" + sending.migration().label() + ")";
        retry.waitBeforeNext(attempt, what, at.statement(), sending.migration().statements().size(),
            lockTimeout(sending.migration()), wait);
      }
    }
  }

  private void createChangelog(List<String> ddl, PlannedMigration before) {
    if (ddl.isEmpty()) {
      return;
    }
    try (Statement statement = session.connection().createStatement()) {
      for (String sql : ddl) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new StepFailedException(before, TransactionBatch.Part.SETTING, Optional.empty(), e, 1, Optional.empty(),
          -1, Optional.empty());
    }
  }

  private List<TransactionBatch> group(TransactionBatch current) {
    List<TransactionBatch> all = new ArrayList<>(openGroup);
    all.add(current);
    return all;
  }

  private Duration lockTimeout(PlannedMigration migration) {
    return migration.directives().lockTimeout(settings);
  }

  /**
   * The batch's {@code SET LOCAL}s. A zero timeout leaves the server's (or role's) setting alone; in a shared
   * transaction it is set back to that default, so that one script's override does not leak into the next.
   */
  private List<String> settings(PlannedMigration migration, boolean asynchronous, boolean each) {
    List<String> sql = new ArrayList<>(3);
    setting(sql, "lock_timeout", lockTimeout(migration), each);
    setting(sql, "statement_timeout", migration.directives().statementTimeout(settings), each);
    // The commits that make the run durable wait for the disk whatever the server's or role's default says.
    sql.add("SET LOCAL synchronous_commit = " + (asynchronous ? "off" : "on"));
    return sql;
  }

  private static void setting(List<String> sql, String name, Duration value, boolean each) {
    if (!value.isZero()) {
      sql.add("SET LOCAL " + name + " = " + DurationSetting.forPostgres(value));
    } else if (!each) {
      sql.add("SET LOCAL " + name + " TO DEFAULT");
    }
  }

  private void commitGroup(String why) {
    if (openGroup.isEmpty()) {
      return;
    }
    int size = openGroup.size();
    try {
      session.commit();
    } catch (SQLException e) {
      TransactionBatch last = openGroup.get(size - 1);
      throw new StepFailedException(last.migration(), TransactionBatch.Part.COMMIT, Optional.empty(), e, 1,
          Optional.empty(), -1, Optional.empty());
    }
    openGroup.clear();
    log.info("Committed " + size + (size == 1 ? " migration" : " migrations") + " in one transaction" + why + ".");
  }

  private void flush() {
    try {
      session.begin();
      try (Statement statement = session.connection().createStatement()) {
        // PostgreSQL waits for the disk only at the commit of a transaction that wrote WAL (one that only took a
        // transaction id commits asynchronously, whatever synchronous_commit says): a temporary table's catalog
        // rows are WAL, and any role may create one.
        statement.execute("SET LOCAL synchronous_commit = on");
        statement.execute("CREATE TEMPORARY TABLE quantagent_flush (x int) ON COMMIT DROP");
      }
      session.commit();
      unflushed = false;
    } catch (SQLException e) {
      session.rollbackQuietly();
      throw new IllegalStateException("Could not make the run's commits durable: " + DriverCause.of(e), e);
    }
  }
}
