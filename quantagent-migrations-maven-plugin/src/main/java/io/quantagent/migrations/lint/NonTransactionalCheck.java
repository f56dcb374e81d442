package io.quantagent.migrations.lint;

import io.quantagent.migrations.engine.OutsideTransactionOnly;
import io.quantagent.migrations.engine.RunLockRelease;

/**
 * VACUUM and the other statements PostgreSQL refuses in a transaction block, read as the runner reads them
 * ({@link OutsideTransactionOnly}), and those that would release the run lock ({@link RunLockRelease}), so that lint
 * names exactly the scripts upgrade refuses. VACUUM FULL's lock has a rule of its own besides.
 */
final class NonTransactionalCheck implements Check {

  @Override
  public void check(StatementContext context) {
    if (RunLockRelease.is(context.statement())) {
      context.report(Rule.RELEASES_RUN_LOCK, context.statement().firstLine() + " releases every advisory lock of the"
          + " session, the run lock among them: upgrade refuses the script before anything runs.");
    } else if (context.transactional() && OutsideTransactionOnly.is(context.statement())) {
      context.report(Rule.NON_TRANSACTIONAL_IN_TRANSACTION, context.statement().firstLine() + " cannot run inside a"
          + " transaction block, and this script runs in one: upgrade refuses the script before anything runs.");
    }
  }
}
