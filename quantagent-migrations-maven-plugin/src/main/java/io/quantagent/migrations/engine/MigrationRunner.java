package io.quantagent.migrations.engine;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.events.EventLog;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the migrations of one run on its connection, each as one batch (several in one round trip when they queued
 * up together, see {@link BatchWindow}): under the lock-timeout guard, retried from its start after a lock
 * timeout, and committed together with its changelog row. Commits do not wait for the disk
 * ({@code synchronous_commit = off}), except the run's last one, which makes every earlier one durable too: a crash
 * mid-run can lose the last migrations, each with its changelog row, never half of one. With
 * {@link TransactionMode#ALL} the migrations share one transaction until the run ends or a no-transaction script
 * comes. Batches go out from a thread of their own ({@link SendAhead}), so MyBatis prepares the next migrations
 * while the server runs earlier ones; a no-transaction script waits for them and runs on the caller's thread.
 */
final class MigrationRunner implements AutoCloseable {
  /** What the run says about a migration when its batch goes out and when it is applied. */
  interface Progress {
    void sending(PlannedMigration migration);

    /**
     * @param took how long its round trip took, shared by the {@code sentWith} migrations sent together
     * @param uncommitted applied in a transaction still open ({@code all} mode)
     */
    void applied(PlannedMigration migration, Duration took, int sentWith, boolean uncommitted);
  }

  /** A migration's batch waiting for the sender. */
  private record Queued(TransactionBatch batch, boolean asynchronous, Progress progress) {
    PlannedMigration migration() {
      return batch.migration();
    }
  }

  private final MigrationConnection session;
  private final RunnerSettings settings;
  private final int planned;
  private final EventLog log;
  private final StatementWatch watch;
  private final LockRetry retry;
  private final NoTransactionScript noTransaction;
  private final SendAhead<Queued> sender = new SendAhead<>("quantagent-migrations", this::sendWindow);
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

  /**
   * Queues one migration for the sender, or, when it runs without a transaction, waits for the queue and runs it;
   * throws the failure of one sent earlier. In {@code all} mode it joins the open transaction, which {@link #finish}
   * commits.
   */
  void apply(PlannedMigration migration, Optional<String> changelogRow, Progress progress) {
    started++;
    List<String> ddl = changelogDdl;
    changelogDdl = List.of();
    if (migration.directives().noTransaction()) {
      sender.await();
      progress.sending(migration);
      long start = System.nanoTime();
      commitGroup(" before " + migration.file() + ", which runs without a transaction");
      createChangelog(ddl, migration);
      log.warn(migration.file() + " is marked -- quantagent:no-transaction: its statements commit one by one.");
      noTransaction.run(migration, changelogRow);
      unflushed = false; // auto-commit statements wait for the disk, and so flush every earlier commit
      progress.applied(migration, since(start), 1, false);
      return;
    }
    boolean each = settings.transaction() == TransactionMode.EACH;
    boolean asynchronous = each && started < planned;
    List<String> prefix = new ArrayList<>(settings(migration, asynchronous, each));
    prefix.addAll(ddl);
    sender.submit(new Queued(new TransactionBatch(migration, prefix, changelogRow, each), asynchronous, progress));
    log.debug("Queued " + migration.label() + " for sending");
  }

  /**
   * How many of the migrations applied before are in the transaction that is still open ({@code all} mode), or
   * that a failure just rolled back; none in {@code each} mode.
   */
  int uncommitted() {
    return openGroup.size();
  }

  /** Waits for the queued migrations, commits what the run left open and makes sure every commit is on disk. */
  void finish() {
    sender.await();
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
    sender.stop();
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
    sender.close();
    watch.close();
  }

  /** On the sender's thread: the window's migrations in order, in one round trip where they can go together. */
  private void sendWindow(List<Queued> window) {
    Set<Queued> announced = Collections.newSetFromMap(new IdentityHashMap<>());
    int next = 0;
    while (next < window.size()) {
      int end = next;
      while (end < window.size() && canShareRoundTrip(window.get(end))) {
        end++;
      }
      if (end - next >= 2) {
        next += sendTogether(window.subList(next, end), announced);
      } else {
        Queued alone = window.get(next++);
        announce(alone, announced);
        long start = System.nanoTime();
        send(alone.batch(), 1);
        applied(alone, since(start), 1);
      }
    }
  }

  /** "Applying ..." once per migration, also when a retry after a window's failure sends it again. */
  private static void announce(Queued queued, Set<Queued> announced) {
    if (announced.add(queued)) {
      queued.progress().sending(queued.migration());
    }
  }

  /** A statement timeout bounds each statement only when each is its own round trip (see TransactionBatch). */
  private boolean canShareRoundTrip(Queued queued) {
    return queued.migration().directives().statementTimeout(settings).isZero();
  }

  /**
   * Sends {@code members} as one {@link BatchWindow}. When one of them fails, the ones before it stay applied and
   * the ones after it were not run; after a lock timeout the failed one is tried again alone, as {@link #send}
   * would, and the caller goes on after it.
   *
   * @return how many of {@code members} were applied (all of them, unless a failure was retried)
   */
  private int sendTogether(List<Queued> members, Set<Queued> announced) {
    members.forEach(q -> announce(q, announced));
    BatchWindow window = new BatchWindow(members.stream().map(Queued::batch).toList());
    long start = System.nanoTime();
    Optional<LockWait> wait = Optional.empty();
    try {
      session.begin();
      try (StatementWatch.Watch watching = watch.start(window.migrations(), shortestLockTimeout(members))) {
        try {
          window.execute(session.connection(), log);
        } finally {
          wait = watching.lockWait();
        }
      }
      if (members.get(members.size() - 1).batch().commits()) {
        session.commit(); // the batch committed: this only returns the connection to auto-commit
      }
      Duration took = since(start);
      members.forEach(q -> applied(q, took, members.size()));
      return members.size();
    } catch (SQLException e) {
      session.rollbackQuietly();
      BatchWindow.Failure failure = window.failedAt(e);
      Duration took = since(start);
      for (int i = 0; i < failure.member(); i++) {
        applied(members.get(i), took, members.size()); // in all mode they join the group, which a retry re-sends
      }
      Queued failed = members.get(failure.member());
      TransactionBatch.Position at = failure.position();
      if (!"55P03".equals(DriverCause.sqlState(e)) || retry.attempts() <= 1) {
        throw new StepFailedException(failed.migration(), at.part(), at.statement(), e, 1, wait, -1,
            Optional.empty());
      }
      retry.waitBeforeNext(1, retried(failed.batch()), at.statement(), failed.migration().statements().size(),
          lockTimeout(failed.migration()), wait);
      long again = System.nanoTime();
      send(failed.batch(), 2);
      applied(failed, since(again), 1);
      return failure.member() + 1;
    }
  }

  /** Records a migration whose batch the server ran; {@code sentWith} migrations shared its round trip. */
  private void applied(Queued queued, Duration took, int sentWith) {
    openGroup.add(queued.batch());
    if (queued.batch().commits()) {
      openGroup.clear();
      unflushed = queued.asynchronous();
    }
    queued.progress().applied(queued.migration(), took, sentWith, !openGroup.isEmpty());
  }

  private void send(TransactionBatch current, int firstAttempt) {
    for (int attempt = firstAttempt; ; attempt++) {
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
        retry.waitBeforeNext(attempt, retried(sending), at.statement(), sending.migration().statements().size(),
            lockTimeout(sending.migration()), wait);
      }
    }
  }

  /** What a lock timeout makes the run try again: the migration, or in all mode the whole open transaction. */
  private String retried(TransactionBatch failed) {
    return openGroup.isEmpty() ? failed.migration().label() : "the transaction of " + (openGroup.size() + 1)
        + " migrations (" + failed.migration().label() + ")";
  }

  private Duration shortestLockTimeout(List<Queued> members) {
    return members.stream().map(q -> lockTimeout(q.migration())).filter(d -> !d.isZero()).min(Duration::compareTo)
        .orElse(Duration.ZERO);
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
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
