package io.quantagent.migrations.engine;

import java.util.List;

/**
 * A connection lost where the server may have committed: at a migration's (or a group's) COMMIT, or at the changelog
 * row of a no-transaction script, which commits alone. A commit can finish just as the connection drops, and a primary
 * that waits for a synchronous standby (synchronous_standby_names) has committed on its own disk before it waits: a
 * server restart, or a pg_terminate_backend, during that wait ends the session after the commit. The error must not
 * say that the migration was rolled back, nor that a no-transaction script's statement in flight is not applied.
 * Nor when the connection ends without the server's word (a network, a proxy, a killed server) anywhere in a round
 * trip that carried the commit: the answers that came tell only where the server had got to at the latest.
 */
final class UnknownCommit {
  private UnknownCommit() {}

  /** Whether {@code step}, which lost its connection, was lost at such a commit. */
  static boolean at(StepFailedException step) {
    return step.part() == TransactionBatch.Part.COMMIT
        || step.part() == TransactionBatch.Part.CHANGELOG && step.committedStatements() >= 0
        || !step.unansweredCommits().isEmpty();
  }

  /**
   * What of a no-transaction script is applied when the connection was lost while its statement {@code done + 1} of
   * {@code n} ran: in auto-commit, that statement commits on its own, and may have.
   */
  static String statement(int done, int n) {
    return (done == 0 ? "" : done == 1 ? "statement 1 is applied; " : "statements 1 to " + done + " are applied; ")
        + "statement " + (done + 1) + " was running when the connection was lost, and PostgreSQL may have committed it"
        + " or not" + (done + 1 < n ? "; the " + (n - done - 1) + " after it are not" : "");
  }

  /**
   * What may be left of the failed migration.
   *
   * @param shared how many migrations before it shared its transaction ({@code all} mode)
   */
  static String explain(StepFailedException step, int shared, boolean undo) {
    String why = " (a server that waits for a synchronous standby has committed on its own disk before it waits, and"
        + " a commit can finish just as the connection drops).";
    if (step.committedStatements() >= 0) {
      // An undo's row is deleted, not written: left there, it is the next downgrade that runs the script again.
      return step.migration().file() + " runs without a transaction (-- quantagent:no-transaction): all "
          + step.migration().statements().size() + " of its statements are applied, and the connection was lost"
          + " while its changelog row was " + (undo ? "deleted" : "written") + ": PostgreSQL may have committed the "
          + (undo ? "deletion" : "row") + " or not" + why + (undo ? " With the row still there, the next downgrade"
          + " runs the whole undo again." : " Without it, the next upgrade runs the whole script again.");
    }
    String what = undo ? "the undo, with its changelog row deleted," : "it, with its changelog row,";
    List<PlannedMigration> after = step.unansweredCommits().stream().skip(1).toList();
    String sentWith = after.isEmpty() ? "" : " and " + sentAfter(after) + ",";
    if (step.part() != TransactionBatch.Part.COMMIT && !step.unansweredCommits().isEmpty()) {
      return "The server's answers stopped there and the connection was lost without a word from it, while the rest"
          + " of the round trip that carried the migration, its commit included, was on its way: PostgreSQL may have"
          + " run it all and committed " + what + sentWith + " or not.";
    }
    // Those sent after it may not have begun: "rolled back" would be true of this one only.
    return "The connection was lost at its commit: PostgreSQL may have committed " + what + (shared == 0 ? "" : " and"
        + " the " + shared + (shared == 1 ? " migration" : " migrations") + " before it in this run that shared its"
        + " transaction (-Dquantagent.transaction=all),") + sentWith + (after.isEmpty() ? " or rolled "
        + (shared == 0 ? "it" : "them all") + " back" : " or not") + why;
  }

  private static String sentAfter(List<PlannedMigration> after) {
    String which = after.size() == 1 ? after.get(0).label()
        : "the " + after.size() + " migrations " + after.get(0).label() + " to " + after.get(after.size() - 1).label();
    return which + ", sent after it in the same round trip";
  }
}
