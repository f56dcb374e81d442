package io.quantagent.migrations.engine;

/**
 * A connection lost where the server may have committed: at a migration's (or a group's) COMMIT, or at the changelog
 * row of a no-transaction script, which commits alone. A commit can finish just as the connection drops, and a primary
 * that waits for a synchronous standby (synchronous_standby_names) has committed on its own disk before it waits: a
 * server restart, or a pg_terminate_backend, during that wait ends the session after the commit. The error must not
 * say that the migration was rolled back.
 */
final class UnknownCommit {
  private UnknownCommit() {}

  /** Whether {@code step}, which lost its connection, was lost at such a commit. */
  static boolean at(StepFailedException step) {
    return step.part() == TransactionBatch.Part.COMMIT
        || step.part() == TransactionBatch.Part.CHANGELOG && step.committedStatements() >= 0;
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
      return step.migration().file() + " runs without a transaction (-- quantagent:no-transaction): all "
          + step.migration().statements().size() + " of its statements are applied, and the connection was lost"
          + " while its changelog row was written: PostgreSQL may have committed the row or not" + why + " Without"
          + " it, the next upgrade runs the whole script again.";
    }
    String what = undo ? "the undo, with its changelog row deleted," : "it, with its changelog row,";
    return "The connection was lost at its commit: PostgreSQL may have committed " + what + (shared == 0 ? "" : " and"
        + " the " + shared + (shared == 1 ? " migration" : " migrations") + " before it in this run that shared its"
        + " transaction (-Dquantagent.transaction=all),") + " or rolled " + (shared == 0 ? "it" : "them all") + " back"
        + why;
  }
}
