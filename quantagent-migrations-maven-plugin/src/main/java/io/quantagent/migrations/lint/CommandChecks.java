package io.quantagent.migrations.lint;

import io.quantagent.migrations.lint.ParsedStatement.Cluster;
import io.quantagent.migrations.lint.ParsedStatement.DataChange;
import io.quantagent.migrations.lint.ParsedStatement.DropTable;
import io.quantagent.migrations.lint.ParsedStatement.LockTable;
import io.quantagent.migrations.lint.ParsedStatement.TransactionStatement;
import io.quantagent.migrations.lint.ParsedStatement.Vacuum;

/**
 * Whole-table commands: DROP TABLE, VACUUM FULL, CLUSTER, LOCK TABLE, UPDATE and DELETE without WHERE; and a script's
 * own BEGIN or COMMIT inside the transaction the runner gives it.
 */
final class CommandChecks implements Check {

  @Override
  public void check(StatementContext context) {
    ParsedStatement parsed = context.parsed();
    if (parsed instanceof DropTable drop) {
      for (RelationName table : drop.tables()) {
        if (context.existing(table)) {
          context.report(Rule.DROP_TABLE, "DROP TABLE " + table + " deletes the table and its data for good.");
        }
      }
    } else if (parsed instanceof Vacuum vacuum && vacuum.full()) {
      context.report(Rule.VACUUM_FULL_OR_CLUSTER, "VACUUM FULL rewrites each table it works on under ACCESS"
          + " EXCLUSIVE (and cannot run inside a transaction block at all).");
    } else if (parsed instanceof Cluster cluster && (cluster.table() == null || context.existing(cluster.table()))) {
      context.report(Rule.VACUUM_FULL_OR_CLUSTER, "CLUSTER " + (cluster.table() == null ? "" : cluster.table() + " ")
          + "rewrites the table in index order under ACCESS EXCLUSIVE: no reads, no writes until it is done.");
    } else if (parsed instanceof LockTable lock && lock.mode().blocksWrites()
        && lock.tables().stream().anyMatch(context::existing)) {
      context.report(Rule.LOCK_TABLE, "LOCK TABLE " + lock.tables().get(0) + " IN " + lock.mode().label()
          + " MODE makes " + lock.mode().blocks() + " on it wait until the migration commits.");
    } else if (parsed instanceof TransactionStatement statement && context.transactional()) {
      context.report(Rule.TRANSACTION_CONTROL_IN_TRANSACTION, statement.firstLine() + " ends the transaction this"
          + " script runs in (or starts one): upgrade refuses the script, as a COMMIT here would keep what came"
          + " before it when a later statement fails, and run what follows outside the lock-timeout guard.");
    } else if (parsed instanceof DataChange change && !change.hasWhere() && context.existing(change.table())) {
      context.report(Rule.UPDATE_OR_DELETE_WITHOUT_WHERE, change.verb() + " of every row of " + change.table()
          + " in one transaction: each row stays locked until the migration commits, and concurrent writes to"
          + " them wait.");
    }
  }
}
