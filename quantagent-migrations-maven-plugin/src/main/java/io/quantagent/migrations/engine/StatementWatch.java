package io.quantagent.migrations.engine;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.events.EventLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Looks at the run's own backend from a second connection while a migration runs, but only once it has run long
 * enough to matter (half its lock timeout, at most a second): which statement runs, for how long, and, when it
 * waits for a lock, who holds it. That gives the "still running" lines every 10 s and says whom a lock timeout
 * waited for. Fast migrations never open the second connection.
 */
final class StatementWatch implements AutoCloseable {
  private static final Duration LONGEST_PERIOD = Duration.ofSeconds(1);
  private static final Duration SHORTEST_PERIOD = Duration.ofMillis(20);
  private static final String SAMPLE = """
      select a.state, a.query, extract(epoch from clock_timestamp() - a.query_start)::float8, a.query_start::text,
             w.locktype, w.mode, w.relation::regclass::text,
             b.pid, b.application_name, b.state,
             extract(epoch from clock_timestamp() - coalesce(b.xact_start, b.query_start, b.backend_start))::bigint,
             b.query,
             (select string_agg(distinct h.mode, ', ') from pg_locks h
               where h.pid = b.pid and h.granted and (w.relation is null or h.relation = w.relation)),
             b.usename, b.backend_start is null, current_user, a.wait_event = 'SyncRep'
      from pg_stat_activity a
      left join lateral (select l.locktype, l.mode, l.relation from pg_locks l
                          where l.pid = a.pid and not l.granted limit 1) w on true
      left join lateral unnest(pg_blocking_pids(a.pid)) with ordinality as bp(pid, n) on true
      left join pg_stat_activity b on b.pid = bp.pid
      where a.pid = ?
      order by bp.n
      limit 5""";

  private final ConnectionFactory connections;
  private final int backendPid;
  private final EventLog log;
  private final long progressMillis;
  private ScheduledExecutorService timer;
  private Connection monitor; // opened and used on the timer's thread only
  private PreparedStatement sample;
  private volatile boolean unavailable;

  StatementWatch(ConnectionFactory connections, int backendPid, Duration progressEvery, EventLog log) {
    this.connections = connections;
    this.backendPid = backendPid;
    this.progressMillis = progressEvery.toMillis();
    this.log = log;
  }

  /** Starts watching {@code migration} while it runs; close the result when it ends. */
  Watch start(PlannedMigration migration, List<SqlStatement> statements, Duration lockTimeout) {
    return start(List.of(migration), Optional.of(statements), lockTimeout);
  }

  /** Starts watching migrations sent together (a {@link BatchWindow}) while they run. */
  Watch start(List<PlannedMigration> window, Duration lockTimeout) {
    return start(window, Optional.empty(), lockTimeout);
  }

  private synchronized Watch start(List<PlannedMigration> migrations, Optional<List<SqlStatement>> statements,
      Duration lockTimeout) {
    if (timer == null) {
      timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "quantagent-statement-watch");
        thread.setDaemon(true);
        return thread;
      });
    }
    Duration longest = LONGEST_PERIOD.toMillis() < progressMillis ? LONGEST_PERIOD : Duration.ofMillis(progressMillis);
    Duration period = lockTimeout.isZero() ? longest : lockTimeout.dividedBy(2);
    period = period.compareTo(longest) > 0 ? longest
        : period.compareTo(SHORTEST_PERIOD) < 0 ? SHORTEST_PERIOD : period;
    Watch watch = new Watch(migrations, statements);
    watch.task = timer.scheduleWithFixedDelay(watch::sample, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    return watch;
  }

  @Override
  public synchronized void close() {
    if (timer == null) {
      return;
    }
    timer.execute(this::closeMonitor);
    timer.shutdown();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void closeMonitor() {
    try {
      if (monitor != null) {
        monitor.close();
      }
    } catch (SQLException ignored) {
      // only a monitor
    }
  }

  private void forgetMonitor() {
    closeMonitor();
    monitor = null;
    sample = null;
  }

  private PreparedStatement sampleStatement() throws SQLException {
    if (sample == null) {
      monitor = connections.open();
      monitor.setAutoCommit(true);
      sample = monitor.prepareStatement(SAMPLE);
      sample.setInt(1, backendPid);
    }
    return sample;
  }

  /** One migration (or one statement of a no-transaction script, or a window of migrations) being watched. */
  final class Watch implements AutoCloseable {
    private final List<PlannedMigration> migrations;
    // What to match pg_stat_activity's query against when not the migrations' own statements (a no-transaction
    // script watched one statement at a time).
    private final Optional<List<SqlStatement>> statements;
    private ScheduledFuture<?> task;
    private volatile LockWait lastWait;
    private String statementStart = "";
    private long reportedMark;

    private Watch(List<PlannedMigration> migrations, Optional<List<SqlStatement>> statements) {
      this.migrations = migrations;
      this.statements = statements;
    }

    /** The last lock wait seen while this ran, if the monitor saw one. */
    Optional<LockWait> lockWait() {
      return Optional.ofNullable(lastWait);
    }

    @Override
    public void close() {
      task.cancel(false);
    }

    private void sample() {
      if (unavailable) {
        return;
      }
      try {
        read();
      } catch (SQLException | RuntimeException first) {
        // The monitor's session idles between slow statements and lock retries, and the server may have ended it
        // there: a role's or database's idle_session_timeout, or a DBA's job that ends idle sessions. Without it a
        // lock timeout's error could not say who held the lock. A new session, once, before giving up.
        forgetMonitor();
        try {
          read();
        } catch (SQLException | RuntimeException e) {
          unavailable = true;
          log.debug("The statement monitor stopped: " + e.getMessage());
        }
      }
    }

    private void read() throws SQLException {
      try (ResultSet rs = sampleStatement().executeQuery()) {
        if (!rs.next() || !"active".equals(rs.getString(1))) {
          return;
        }
        String query = rs.getString(2);
        double seconds = rs.getDouble(3);
        boolean standby = rs.getBoolean(17);
        Optional<LockWait> wait = Optional.empty();
        if (rs.getString(6) != null) {
          String mode = rs.getString(6);
          String object = LockWait.objectName(rs.getString(5), rs.getString(7));
          List<LockWait.Blocker> blockers = new ArrayList<>();
          do {
            if (rs.getObject(8) != null) {
              blockers.add(new LockWait.Blocker(rs.getInt(8), rs.getString(9), rs.getString(14), rs.getString(10),
                  rs.getLong(11), rs.getString(12), rs.getString(13), rs.getBoolean(15) ? rs.getString(16) : null));
            }
          } while (rs.next());
          wait = Optional.of(new LockWait(mode, object, blockers));
          lastWait = wait.get();
        }
        progress(query, seconds, wait, standby);
      }
    }

    /** @param standby whether it waits for a synchronous standby to confirm its commit */
    private void progress(String query, double seconds, Optional<LockWait> wait, boolean standby) {
      PlannedMigration migration = migrations.get(0);
      Optional<SqlStatement> statement = Optional.empty();
      for (PlannedMigration candidate : migrations) {
        statement = running(statements.orElse(candidate.statements()), query);
        if (statement.isPresent()) {
          migration = candidate;
          break;
        }
      }
      String start = migration.file() + statement.map(s -> "#" + s.number()).orElse(query);
      if (!start.equals(statementStart)) {
        statementStart = start;
        reportedMark = 0;
      }
      long mark = (long) (seconds * 1000) / progressMillis;
      if (mark <= reportedMark) {
        return;
      }
      reportedMark = mark;
      String after = DurationSetting.show(java.time.Duration.ofMillis(mark * progressMillis));
      if (standby) {
        // A standby that is down or far behind makes this wait last, and the run with it, with nothing else to see.
        // Only the run's last commit waits for it, the last of migrations sent together.
        log.info("  " + migrations.get(migrations.size() - 1).label() + ": its commit, on this server's disk, still"
            + " waits after " + after + " for a synchronous standby to confirm it (synchronous_standby_names; pg_stat_replication shows the"
            + " standbys that are connected)");
        return;
      }
      int of = migration.statements().size();
      log.info("  " + migration.label() + ": " + statement.map(s -> "statement " + s.number() + " of "
          + of + " (line " + s.line() + ") " + s.firstLine()).orElse("a statement")
          + " still running after " + after + wait.map(w -> ", waiting for " + w.describe()).orElse(""));
    }
  }

  /** The statement whose text pg_stat_activity shows (it may be cut at track_activity_query_size). */
  static Optional<SqlStatement> running(List<SqlStatement> statements, String query) {
    String shown = normalized(query);
    if (shown.isEmpty()) {
      return Optional.empty();
    }
    for (SqlStatement statement : statements) {
      String sql = normalized(statement.sql());
      if (sql.startsWith(shown) || shown.startsWith(sql)) {
        return Optional.of(statement);
      }
    }
    return Optional.empty();
  }

  private static String normalized(String sql) {
    String text = sql == null ? "" : sql.strip().replaceAll("\\s+", " ");
    while (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1).strip();
    }
    return text.length() > 200 ? text.substring(0, 200) : text;
  }
}
