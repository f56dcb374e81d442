package io.quantagent.migrations.engine;

import io.quantagent.migrations.db.DatabaseConnectionException;
import java.sql.SQLException;
import java.util.List;

/**
 * Turns a failed run into a message that is true about what happened: which migration, file, statement and line,
 * what PostgreSQL said (one line), what of it and of the run is applied, and what to do.
 */
final class ScriptFailure {
  private static final String UNSAFE_NEW_ENUM_VALUE = "55P04";
  /** A statement PostgreSQL runs only outside a transaction block, which the check before the run did not know. */
  private static final String REFUSED_IN_TRANSACTION = "25001";
  /** Permission denied, or not the owner: about the role that runs the script more often than the script. */
  private static final String INSUFFICIENT_PRIVILEGE = "42501";
  /**
   * Out of (shared) memory. With a hint naming max_locks_per_transaction, the server's lock table is full; the hint's
   * setting name, unlike the message, is never translated.
   */
  private static final String OUT_OF_MEMORY = "53200";

  private ScriptFailure() {}

  /**
   * @param durable false when the run's last commits may not have reached the disk (the connection was lost before
   *     they could be flushed)
   */
  static RuntimeException explain(RuntimeException e, RunRecorder recorder, boolean durable, String location,
      String goal, TimeLimitAdvice timeLimits) {
    StepFailedException step = find(e, StepFailedException.class);
    SQLException sql = step != null ? step.sqlCause() : find(e, SQLException.class);
    if (step == null) {
      String where = recorder.failed().map(m -> " in " + m.label() + " (" + m.file() + ")").orElse("");
      if (sql != null && DriverCause.connectionLost(sql)) {
        return new DatabaseConnectionException("Lost the database connection during " + goal + where + ": "
            + DriverCause.of(sql) + "\n  " + applied(recorder, durable, true) + "\n  Check where the database is with mvn"
            + " quantagent:current, then run the same mvn quantagent:" + goal + " command again.", e);
      }
      RuntimeException ours = ours(e);
      if (sql == null && ours != null) {
        return ours; // e.g. an interrupt while waiting to retry: its own message is the truth
      }
      String failure = "The " + goal + " failed" + where + ": " + (sql != null ? DriverCause.of(sql) : rootMessage(e));
      return new ScriptFailedException(failure + "\n  " + applied(recorder, durable, true), failure, e);
    }
    PlannedMigration migration = step.migration();
    // Our message names the migration, statement and line; MyBatis' wrappers and pgjdbc's batch text would repeat
    // the statement in Maven's summary, so the server's own error is the cause.
    Throwable cause = DriverCause.innermost(sql);
    StringBuilder message = new StringBuilder(recorder.undo() ? "Undoing migration " : "Migration ")
        .append(migration.migration()).append(" failed in ").append(migration.file()).append(where(step, recorder))
        .append("\n  ").append(DriverCause.of(sql));
    String failure = message.toString();
    if (ClientEncodingGuard.failed(step)) {
      return ClientEncodingGuard.explain(step, recorder, durable, failure, goal);
    }
    if (ClientEncoding.changedBy(sql)) {
      return ClientEncodingChanged.explain(step, recorder, durable, failure, goal);
    }
    if (step.connectionLost()) {
      boolean mayHaveCommitted = UnknownCommit.at(step);
      return new DatabaseConnectionException("Lost the database connection during " + goal + ". " + message
          + "\n  " + (mayHaveCommitted
              ? UnknownCommit.explain(step, sharedWith(step, recorder).size(), recorder.undo())
              : consequence(step, recorder)) + " "
          + applied(recorder, durable, !mayHaveCommitted)
          + "\n  Check where the database is with mvn quantagent:current, then run the same mvn quantagent:" + goal
          + " command again.",
          cause);
    }
    if (step.lockTimeout()) {
      message.append("\n  It timed out waiting for ").append(step.lockWait().map(LockWait::describe)
          .orElse("a lock (its holder was not seen)")).append(", in ").append(attempts(step)).append('.');
      timeLimits.lockTimedOut(step).ifPresent(limit -> message.append(' ').append(limit));
    }
    if (step.deadlock()) {
      message.append("\n  PostgreSQL chose it to end a deadlock with another session, in ").append(attempts(step))
          .append('.');
    }
    if (step.serializationFailure()) {
      message.append("\n  Another session's commit changed what its repeatable read or serializable transaction had"
          + " read, in ").append(attempts(step)).append('.');
    }
    message.append("\n  ").append(consequence(step, recorder));
    String before = applied(recorder, durable, true);
    if (!recorder.runs().isEmpty()) {
      message.append(' ').append(before);
    }
    message.append("\n  ").append(advice(step, recorder, location, goal, timeLimits));
    return step.conflictWithOtherSessions() ? new SessionConflictException(message.toString(), cause)
        : new ScriptFailedException(message.toString(), failure, cause);
  }

  private static String attempts(StepFailedException step) {
    return step.attempts() == 1 ? "its only attempt" : "each of " + step.attempts() + " attempts";
  }

  private static String where(StepFailedException step, RunRecorder recorder) {
    int n = step.migration().statements().size();
    int before = sharedWith(step, recorder).size();
    // A deadlock or serialization failure at a commit is explained on the lines after this one, a lost connection too.
    boolean deferred = !step.conflictWithOtherSessions() && !step.connectionLost();
    if (step.part() == TransactionBatch.Part.COMMIT && before > 0) {
      return " at the commit of the transaction it shared with the " + before + (before == 1 ? " migration" :
          " migrations") + " before it (-Dquantagent.transaction=all)" + (deferred ? ": a deferred constraint or"
          + " trigger of any of them fired then, and PostgreSQL's message names it" : "");
    }
    return switch (step.part()) {
      case STATEMENT -> step.statement().map(s -> ", statement " + s.number() + " of " + n + " (line " + s.line()
          + "): " + s.firstLine()).orElse("");
      case ENCODING_GUARD -> " at the check that its " + n + (n == 1 ? " statement" : " statements")
          + " left the client encoding UTF8";
      case CHANGELOG -> " when writing its changelog row, after its " + n + (n == 1 ? " statement" : " statements")
          + " ran";
      case COMMIT -> " at its commit" + (deferred ? " (a deferred constraint or trigger fired then)" : "");
      case SETTING -> " before its first statement (setting its timeouts, or creating the changelog table)";
      case UNKNOWN -> " (the failing statement could not be told from the driver's message)";
    };
  }

  /** What is left of the failed migration itself. */
  static String consequence(StepFailedException step, RunRecorder recorder) {
    PlannedMigration migration = step.migration();
    if (step.committedStatements() < 0) {
      List<MigrationRun> rolledBack = sharedWith(step, recorder);
      String group = rolledBack.isEmpty() ? "" : " It shared its transaction (-Dquantagent.transaction=all) with the "
          + rolledBack.size() + (rolledBack.size() == 1 ? " migration" : " migrations") + " before it in this run,"
          + " rolled back with it" + (recorder.runs().isEmpty() ? ": nothing of the run is applied." : ".");
      return (recorder.undo()
          ? "The undo was rolled back: migration " + migration.migration() + " stays applied, with its changelog row."
          : "It was rolled back: nothing of it is applied and it has no changelog row.") + group;
    }
    int n = migration.statements().size();
    int done = step.committedStatements();
    String statements = step.part() == TransactionBatch.Part.CHANGELOG ? "all " + n + " of its statements are applied"
        : step.connectionLost() ? UnknownCommit.statement(done, n)
        : (done == 0 ? "none of its statements is applied" : (done == 1 ? "statement 1 is applied"
            : "statements 1 to " + done + " are applied") + ", statement " + (done + 1) + (done + 1 < n
            ? " and the " + (n - done - 1) + " after it are not" : " is not"));
    String cleanup = step.cleanup().map(c -> "; " + c).orElse("");
    String row = recorder.undo() ? "Its changelog row stays, so the next downgrade runs its whole undo again"
        : "It has no changelog row, so the next upgrade runs the whole script again";
    return migration.file() + " runs without a transaction (-- quantagent:no-transaction), so its statements commit"
        + " one by one: " + statements + cleanup + ". " + row + ": each statement must be safe to repeat (IF NOT"
        + " EXISTS, IF EXISTS).";
  }

  /**
   * The migrations before the failed one in the transaction it shared ({@code all} mode), rolled back with it. One
   * that failed at the group's commit had run, so it is among the recorder's rolled-back ones; it is not one before it.
   */
  private static List<MigrationRun> sharedWith(StepFailedException step, RunRecorder recorder) {
    return recorder.rolledBack().stream().filter(run -> !run.migration().equals(step.migration().migration()))
        .toList();
  }

  /**
   * What of the run before the failed migration is applied (or undone).
   *
   * @param endKnown false when the failed migration itself may have committed ({@link UnknownCommit}): the database is
   *     then not said to be at the one before it
   */
  static String applied(RunRecorder recorder, boolean durable, boolean endKnown) {
    List<MigrationRun> runs = recorder.runs();
    if (runs.isEmpty()) {
      return recorder.undo() ? "Nothing else was undone." : "Nothing else was applied.";
    }
    MigrationInfo last = runs.get(runs.size() - 1).migration();
    String count = runs.size() + (runs.size() == 1 ? " migration" : " migrations");
    String verb = runs.size() == 1 ? " stays " : " stay ";
    String stay = recorder.undo()
        ? "The " + count + " undone before it in this run" + verb + "undone (the last: " + last + ")."
        : "The " + count + " before it in this run" + verb + "applied" + (endKnown ? "; the database is at " + last
            : "") + ".";
    return durable ? stay : stay + " Unless the server itself crashed: the run's last commits had not reached its"
        + " disk yet, and a crash loses them (each migration together with its changelog row).";
  }

  private static String advice(StepFailedException step, RunRecorder recorder, String location, String goal,
      TimeLimitAdvice timeLimits) {
    if (step.lockTimeout()) {
      String end = step.lockWait().filter(w -> !w.blockers().isEmpty())
          .map(w -> "end the session holding the lock (select pg_terminate_backend(" + w.first().pid() + ")), ")
          .orElse("find and end the session holding the lock, ");
      return "To get past it: " + end + "run the same mvn quantagent:" + goal + " command again at a quieter"
          + " moment, or give this script more time with a line '-- quantagent:lock-timeout 30s' in "
          + step.migration().file() + " (or -Dquantagent.statementLockTimeout=10s for the whole run)."
          + (timeLimits.sessionsOwnLockTimeout(step) ? " Either one replaces the session's own stricter lock_timeout"
              + " for the migrations: agree it with whoever set that." : "");
    }
    if (step.deadlock()) {
      return "To get past it: run the same mvn quantagent:" + goal + " command again at a quieter moment. The"
          + " server's log (deadlock detected) names the other session's statement; a script that takes its tables'"
          + " locks in the order the application takes them (a LOCK TABLE of each at its start) does not deadlock"
          + " with it.";
    }
    if (step.serializationFailure()) {
      return "To get past it: run the same mvn quantagent:" + goal + " command again at a quieter moment. At read"
          + " committed, PostgreSQL's default isolation, a migration does not fail this way: a"
          + " default_transaction_isolation of the role or database, or the script's own SET TRANSACTION, raised it.";
    }
    String state = DriverCause.sqlState(step.sqlCause());
    if (TimeLimitAdvice.CANCELLED.equals(state)) {
      return timeLimits.cancelled(step, goal);
    }
    if (TimeLimitAdvice.TRANSACTION_TIMEOUT.equals(state)) {
      return timeLimits.transactionTimedOut(goal);
    }
    if (REFUSED_IN_TRANSACTION.equals(state)) {
      // e.g. DROP SUBSCRIPTION, only when the subscription has a replication slot: no reading of the text can tell.
      return "PostgreSQL runs that statement only outside a transaction, and " + step.migration().file() + " runs in"
          + " one. Put a line '-- quantagent:no-transaction' at its top, or move the statement to a script of its own"
          + " that has one (its statements then commit one by one: make each safe to repeat), then run the same mvn"
          + " quantagent:" + goal + " command again.";
    }
    if (INSUFFICIENT_PRIVILEGE.equals(state)) {
      return "The role this run connects as lacks a privilege, or the ownership, that the statement needs; the script"
          + " may well be right. Run the migrations as the role that owns the tables (-Dquantagent.user, or the user"
          + " in DATABASE_URL), or grant this one what the statement needs, then run the same mvn quantagent:" + goal
          + " command again.";
    }
    if (OUT_OF_MEMORY.equals(state) && DriverCause.hint(step.sqlCause()).contains("max_locks_per_transaction")) {
      return lockTableFull(step, recorder, goal);
    }
    if (UNSAFE_NEW_ENUM_VALUE.equals(state)) {
      // The script is right; where its transaction ends is what makes it fail.
      String refused = "PostgreSQL refuses an enum value in the transaction that added it (ALTER TYPE ... ADD VALUE)"
          + " until it commits. ";
      return refused + (sharedWith(step, recorder).isEmpty()
          ? "Add the value in one migration and use it in a later one (mvn quantagent:create), then run the same mvn"
              + " quantagent:" + goal + " command again."
          : "With -Dquantagent.transaction=all, the migrations of the run share one: run with"
              + " -Dquantagent.transaction=each, or put a line '-- quantagent:no-transaction' in the script that adds"
              + " the value, so that it commits before the next group begins.");
    }
    return (recorder.undo() ? "Fix its -- //@UNDO part (" : "Fix the script (") + location + ") and run the same mvn"
        + " quantagent:" + goal + " command again.";
  }

  /** The script is right: the transaction it ran in, alone or with the run's group, locked more than fits. */
  private static String lockTableFull(StepFailedException step, RunRecorder recorder, String goal) {
    String cause = "The server's lock table is full. A transaction keeps a lock on each table, index, partition and"
        + " sequence that it creates, alters or drops until it ends, and every session of the server shares that"
        + " table: max_locks_per_transaction slots for each connection the server allows. ";
    String again = ", then run the same mvn quantagent:" + goal + " command again.";
    String restart = "raise max_locks_per_transaction (the server must restart to take it)";
    int fitted = sharedWith(step, recorder).size();
    if (fitted == 0) {
      return cause + "This migration took more than was free: split " + step.migration().file() + " into migrations"
          + " that each lock fewer tables (mvn quantagent:create), or " + restart + again;
    }
    // -Dtarget=+N refuses to run when fewer than N are pending, so the last part is the command the user ran.
    String parts = recorder.undo()
        ? "-Dtarget=-" + fitted + " while your target is more than " + fitted + " migrations back"
        : "-Dtarget=+" + fitted + " while more than " + fitted + " are pending";
    return cause + "Its transaction, shared by the run's migrations (-Dquantagent.transaction=all), held the locks of"
        + " all of them; the " + fitted + " before this one fitted. Run without -Dquantagent.transaction=all (each"
        + " migration then commits on its own and frees its locks), or in parts of at most " + fitted + " (" + parts
        + ", then the command you ran), or " + restart + again;
  }

  /** The first exception of ours in what MyBatis wrapped. */
  private static RuntimeException ours(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RuntimeException r && !(t instanceof org.apache.ibatis.migration.MigrationException)) {
        return r;
      }
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
