package io.quantagent.migrations.engine;

import io.quantagent.migrations.events.EventLog;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends a run's transactional batches on its connection, on the sender's thread ({@link SendAhead}): alone, or
 * several in one round trip ({@link BatchWindow}), each under the lock-timeout guard and retried after a lock
 * timeout. It knows what that leaves behind: the migrations in the transaction still open ({@code all} mode), and
 * whether commits wait for a flush (all but the run's last commit asynchronously).
 */
final class BatchSender {
  /** A migration's batch waiting for the sender, and whom to tell about it. */
  record Queued(TransactionBatch batch, boolean asynchronous, MigrationRunner.Progress progress) {
    PlannedMigration migration() {
      return batch.migration();
    }
  }

  private final MigrationConnection session;
  private final RunnerSettings settings;
  private final StatementWatch watch;
  private final LockRetry retry;
  private final EventLog log;
  private final List<TransactionBatch> openGroup = new ArrayList<>();
  private boolean unflushed;

  BatchSender(MigrationConnection session, RunnerSettings settings, StatementWatch watch, LockRetry retry,
      EventLog log) {
    this.session = session;
    this.settings = settings;
    this.watch = watch;
    this.retry = retry;
    this.log = log;
  }

  /**
   * How many of the migrations applied before are in the transaction that is still open ({@code all} mode), or
   * that a failure just rolled back; none in {@code each} mode.
   */
  int uncommitted() {
    return openGroup.size();
  }

  /** True while a commit of the run did not wait for the disk and nothing flushed it since. */
  boolean unflushed() {
    return unflushed;
  }

  /** Something waited for the disk after the run's last asynchronous commit, which is on disk with it. */
  void flushed() {
    unflushed = false;
  }

  /**
   * Something committed in auto-commit, as the server's, role's or database's {@code synchronous_commit} says:
   * that may be {@code off}, so only a later flush puts it, and the run's earlier commits, on disk.
   */
  void committedAsTheServerSays() {
    unflushed = true;
  }

  /**
   * Commits the transaction that {@code all} mode left open, if any; {@code why} ends the log line. A deadlock or
   * serialization failure at the commit (a deferred trigger's locks; a serializable transaction's read set) is retried
   * as one inside the transaction is: the whole group is sent again.
   */
  void commitGroup(String why) {
    if (openGroup.isEmpty()) {
      return;
    }
    int size = openGroup.size();
    TransactionBatch last = openGroup.get(size - 1);
    for (int attempt = 1; ; attempt++) {
      try (StatementWatch.Watch watching = watch.start(List.of(last.migration()), Duration.ZERO)) {
        session.commit();
        break;
      } catch (SQLException e) {
        session.rollbackQuietly();
        if (!LockRetry.retries(e) || attempt >= retry.attempts()) {
          throw new StepFailedException(last.migration(), TransactionBatch.Part.COMMIT, Optional.empty(), e, attempt,
              Optional.empty(), -1, Optional.empty());
        }
        retry.waitBeforeNext(attempt, e, "the commit of the transaction of " + size + " migrations ("
            + last.migration().label() + ")", Optional.empty(), 0, LockLimit.NONE, Optional.empty());
        openGroup.remove(size - 1);
        try {
          attempt = send(last, attempt + 1); // sends the group again, from its first migration, and leaves it open
        } finally {
          openGroup.add(last);
        }
      }
    }
    openGroup.clear();
    log.info("Committed " + size + (size == 1 ? " migration" : " migrations") + " in one transaction" + why + ".");
  }

  /** On the sender's thread: the window's migrations in order, in one round trip where they can go together. */
  void sendWindow(List<Queued> window) {
    int next = 0;
    int announced = 0; // "Applying ..." once each, when its round trip starts; a retry does not repeat it
    while (next < window.size()) {
      int end = next;
      while (end < window.size() && canShareRoundTrip(window.get(end))) {
        end++;
      }
      for (int upTo = Math.max(end, next + 1); announced < upTo; announced++) {
        window.get(announced).progress().sending(window.get(announced).migration());
      }
      if (end - next >= 2) {
        next += sendTogether(window.subList(next, end));
      } else {
        Queued alone = window.get(next++);
        long start = System.nanoTime();
        send(alone.batch(), 1);
        applied(alone, since(start), 1);
      }
    }
  }

  /** A statement timeout bounds each statement only when each is its own round trip (see TransactionBatch). */
  private boolean canShareRoundTrip(Queued queued) {
    return !oneByOne(queued.batch());
  }

  private boolean oneByOne(TransactionBatch batch) {
    return !batch.migration().directives().statementTimeout(settings).isZero();
  }

  /**
   * The migrations of a round trip from the failed one on, when the connection was lost without a word from the server
   * while the round trip carried their commits ({@link StepFailedException#unansweredCommits}).
   */
  private static List<PlannedMigration> unanswered(SQLException e, List<TransactionBatch> fromFailed) {
    return DriverCause.lostWithoutAWord(e) && fromFailed.stream().anyMatch(TransactionBatch::commits)
        ? fromFailed.stream().map(TransactionBatch::migration).toList() : List.of();
  }

  /**
   * Sends {@code members} as one {@link BatchWindow}. When one of them fails, the ones before it stay applied and
   * the ones after it were not run; after a lock timeout the failed one is tried again alone, as {@link #send}
   * would, and the caller goes on after it.
   *
   * @return how many of {@code members} were applied (all of them, unless a failure was retried)
   */
  private int sendTogether(List<Queued> members) {
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
      if (!LockRetry.retries(e) || retry.attempts() <= 1) {
        throw new StepFailedException(failed.migration(), at.part(), at.statement(), e, 1, wait, -1,
            Optional.empty(), unanswered(e, window.members().subList(failure.member(), members.size())));
      }
      retry.waitBeforeNext(1, e, retried(failed.batch()), at.statement(), failed.migration().statements().size(),
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

  /** @return the attempt that got through */
  private int send(TransactionBatch current, int firstAttempt) {
    for (int attempt = firstAttempt; ; attempt++) {
      TransactionBatch sending = current;
      Optional<LockWait> wait = Optional.empty();
      try {
        session.begin();
        for (TransactionBatch batch : attempt == 1 ? List.of(current) : group(current)) {
          sending = batch;
          try (StatementWatch.Watch watching = watch.start(batch.migration(), batch.migration().statements(),
              lockTimeout(batch.migration()).value())) {
            try {
              batch.execute(session.connection(), log, oneByOne(batch));
            } finally {
              wait = watching.lockWait();
            }
          }
        }
        if (current.commits()) {
          session.commit(); // the batch committed: this only returns the connection to auto-commit
        }
        return attempt;
      } catch (SQLException e) {
        session.rollbackQuietly();
        TransactionBatch.Position at = sending.failedAt(e);
        if (!LockRetry.retries(e) || attempt >= retry.attempts()) {
          // One by one, each part is a round trip of its own: the answers place the failure exactly.
          throw new StepFailedException(sending.migration(), at.part(), at.statement(), e, attempt, wait, -1,
              Optional.empty(), oneByOne(sending) ? List.of() : unanswered(e, List.of(sending)));
        }
        retry.waitBeforeNext(attempt, e, retried(sending), at.statement(), sending.migration().statements().size(),
            lockTimeout(sending.migration()), wait);
      }
    }
  }

  /** What a failure {@link LockRetry} retries makes the run try again: the migration, or in all mode the open one. */
  private String retried(TransactionBatch failed) {
    return openGroup.isEmpty() ? failed.migration().label() : "the transaction of " + (openGroup.size() + 1)
        + " migrations (" + failed.migration().label() + ")";
  }

  private Duration shortestLockTimeout(List<Queued> members) {
    return members.stream().map(q -> lockTimeout(q.migration()).value()).filter(d -> !d.isZero())
        .min(Duration::compareTo).orElse(Duration.ZERO);
  }

  private LockLimit lockTimeout(PlannedMigration migration) {
    return retry.limit(migration, Optional.empty());
  }

  private List<TransactionBatch> group(TransactionBatch current) {
    List<TransactionBatch> all = new ArrayList<>(openGroup);
    all.add(current);
    return all;
  }

  static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
