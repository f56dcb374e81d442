package io.quantagent.migrations.engine;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.events.EventLog;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the migrations of one run on its connection: each transactional one as one batch, committed together with
 * its changelog row, sent by {@link BatchSender} from a thread of its own ({@link SendAhead}) while MyBatis prepares
 * the next; a no-transaction script waits for them and runs on the caller's thread. Commits do not wait for the
 * disk ({@code synchronous_commit = off}), except the run's last one, which makes every earlier one durable too (a
 * no-transaction script's auto-commits follow the server's setting, so a run that ends with one ends with a flush): a
 * crash mid-run can lose the last migrations, each with its changelog row, never half of one. With
 * {@link TransactionMode#ALL} the migrations share one transaction until the run ends or a no-transaction script
 * comes.
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

  /** CREATE TEMPORARY TABLE refused: the database's TEMPORARY privilege was revoked from the role. */
  private static final String NO_TEMPORARY_TABLES = "42501";
  /** Far beyond the 600 ms the WAL writer takes at most by default. */
  private static final Duration SERVER_FLUSH_LIMIT = Duration.ofSeconds(20);

  private final MigrationConnection session;
  private final RunnerSettings settings;
  private final LockLimit lockLimit;
  private final int planned;
  private final EventLog log;
  private final StatementWatch watch;
  private final NoTransactionScript noTransaction;
  private final BatchSender batches;
  private final SendAhead<BatchSender.Queued> sender;
  private final Map<String, String> setInOpenTransaction = new HashMap<>(); // all mode: SET LOCALs sent since BEGIN
  private ChangelogStart changelogStart = ChangelogStart.NONE;
  private int started;

  MigrationRunner(MigrationConnection session, RunnerSettings settings, int planned, ConnectionFactory connections,
      EventLog log) {
    this.session = session;
    this.lockLimit = LockLimit.forRun(settings, session.loginLockTimeout());
    this.settings = lockLimit.appliedTo(settings);
    this.planned = planned;
    this.log = log;
    this.watch = new StatementWatch(connections, session.backendPid(), settings.progressEvery(), log);
    LockRetry retry = new LockRetry(this.settings, lockLimit, log);
    this.noTransaction = new NoTransactionScript(session, this.settings, watch, retry, log);
    this.batches = new BatchSender(session, this.settings, watch, retry, log);
    this.sender = new SendAhead<>("quantagent-migrations", batches::sendWindow);
  }

  /**
   * What the first migration does to the changelog, sent with it: in its transaction, so that a first run that fails
   * leaves no table behind; before it, committed, when that migration runs without a transaction (see
   * {@link ChangelogStart}).
   */
  void startChangelog(ChangelogStart start) {
    changelogStart = start;
  }

  /**
   * Queues one migration for the sender, or, when it runs without a transaction, waits for the queue and runs it;
   * throws the failure of one sent earlier. In {@code all} mode it joins the open transaction, which {@link #finish}
   * commits.
   */
  void apply(PlannedMigration migration, Optional<String> changelogRow, Progress progress) {
    started++;
    ChangelogStart changelog = changelogStart;
    changelogStart = ChangelogStart.NONE;
    if (migration.directives().noTransaction()) {
      sender.await();
      progress.sending(migration);
      long start = System.nanoTime();
      batches.commitGroup(" before " + migration.file() + ", which runs without a transaction");
      setInOpenTransaction.clear();
      batches.committedAsTheServerSays(); // from here on, also when the script fails part way
      createChangelog(changelog.beforeNoTransaction(migration.file()), migration);
      log.warn(migration.file() + " is marked -- quantagent:no-transaction: its statements commit one by one.");
      noTransaction.run(migration, changelog.withRow(changelogRow));
      progress.applied(migration, BatchSender.since(start), 1, false);
      return;
    }
    boolean each = settings.transaction() == TransactionMode.EACH;
    boolean asynchronous = each && started < planned;
    List<String> prefix = new ArrayList<>(settings(migration, asynchronous, each));
    prefix.addAll(changelog.inTransaction());
    List<String> resets = List.of();
    if (SessionSettings.mayChange(migration.statements())) {
      // RESET ALL takes this transaction's SET LOCALs too: they are made again, or the commit would wait for the disk
      // as the server's default says, not as the run needs.
      setInOpenTransaction.clear();
      resets = new ArrayList<>(session.resetsAfterScript());
      resets.addAll(settings(migration, asynchronous, each));
    }
    sender.submit(new BatchSender.Queued(new TransactionBatch(migration, prefix, resets, changelogRow, each),
        asynchronous, progress));
    log.debug("Queued " + migration.label() + " for sending");
  }

  /**
   * How many of the migrations applied before are in the transaction that is still open ({@code all} mode), or
   * that a failure just rolled back; none in {@code each} mode.
   */
  int uncommitted() {
    return batches.uncommitted();
  }

  /** The lock_timeout of the run's migrations that have no line of their own. */
  LockLimit lockLimit() {
    return lockLimit;
  }

  /** Waits for the queued migrations, commits what the run left open and makes sure every commit is on disk. */
  void finish() {
    sender.await();
    batches.commitGroup("");
    if (batches.unflushed()) {
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
    if (batches.unflushed()) {
      try {
        flush();
      } catch (RuntimeException e) {
        log.debug("Could not flush the run's earlier commits: " + e.getMessage());
      }
    }
  }

  /** False while commits of the run may not be on disk yet (after an {@link #abort} that could not flush them). */
  boolean durable() {
    return !batches.unflushed();
  }

  @Override
  public void close() {
    sender.close();
    watch.close();
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

  /**
   * The batch's {@code SET LOCAL}s (see {@link SessionTimeout}). Where the server's own timeout holds, a shared
   * transaction sets it back to that default, so that one script's override does not leak into the next.
   */
  private List<String> settings(PlannedMigration migration, boolean asynchronous, boolean each) {
    Map<String, String> wanted = new LinkedHashMap<>();
    setting(wanted, "lock_timeout", migration.directives().sessionLockTimeout(settings), each);
    setting(wanted, "statement_timeout", migration.directives().sessionStatementTimeout(settings), each);
    // The commits that make the run durable wait for the disk whatever the server's or role's default says.
    wanted.put("synchronous_commit", "SET LOCAL synchronous_commit = "
        + (asynchronous ? "off" : session.durableCommit()));
    if (each) {
      return List.copyOf(wanted.values());
    }
    // A shared transaction keeps a SET LOCAL until it ends, so only what changes goes out again: three statements
    // per migration were about 1 s of server CPU at 10,000 (psql -1, measured). A retry re-sends the transaction from
    // its first migration, which carries them all.
    List<String> changed = new ArrayList<>();
    wanted.forEach((name, sql) -> {
      if (!sql.equals(setInOpenTransaction.put(name, sql))) {
        changed.add(sql);
      }
    });
    return changed;
  }

  private static void setting(Map<String, String> sql, String name, SessionTimeout value, boolean each) {
    if (value.value().isPresent() || !each) {
      sql.put(name, value.setLocal(name));
    }
  }

  private void flush() {
    try {
      session.begin();
      try (Statement statement = session.connection().createStatement()) {
        // PostgreSQL waits for the disk only at the commit of a transaction that wrote WAL (one that only took a
        // transaction id commits asynchronously, whatever synchronous_commit says): a temporary table's catalog
        // rows are WAL, and every role may create one unless the database's TEMPORARY privilege was revoked.
        statement.execute("SET LOCAL synchronous_commit = " + session.durableCommit());
        statement.execute("CREATE TEMPORARY TABLE quantagent_flush (x int) ON COMMIT DROP");
      }
      session.commit();
      batches.flushed();
    } catch (SQLException e) {
      session.rollbackQuietly();
      if (!NO_TEMPORARY_TABLES.equals(DriverCause.sqlState(e))) {
        throw new IllegalStateException("Could not make the run's commits durable: " + DriverCause.of(e), e);
      }
      awaitServerFlush(e);
    }
  }

  private void awaitServerFlush(SQLException noTemporaryTables) {
    try {
      if (!ServerWalFlush.await(session.connection(), SERVER_FLUSH_LIMIT)) {
        throw new IllegalStateException("Could not make the run's commits durable: the role may not create a"
            + " temporary table (" + DriverCause.of(noTemporaryTables) + "), and the server did not flush its WAL"
            + " within " + DurationSetting.show(SERVER_FLUSH_LIMIT) + ". They are committed, and on disk once it"
            + " does.");
      }
      batches.flushed();
    } catch (SQLException e) {
      e.addSuppressed(noTemporaryTables);
      throw new IllegalStateException("Could not make the run's commits durable: " + DriverCause.of(e), e);
    }
  }
}
