package io.quantagent.migrations.lint;

import io.quantagent.migrations.lint.ParsedStatement.AlterTable;
import io.quantagent.migrations.lint.ParsedStatement.Cluster;
import io.quantagent.migrations.lint.ParsedStatement.CreateIndex;
import io.quantagent.migrations.lint.ParsedStatement.DataChange;
import io.quantagent.migrations.lint.ParsedStatement.DropIndex;
import io.quantagent.migrations.lint.ParsedStatement.DropTable;
import io.quantagent.migrations.lint.ParsedStatement.LockTable;
import io.quantagent.migrations.lint.ParsedStatement.Reindex;
import io.quantagent.migrations.lint.ParsedStatement.SetParameter;
import io.quantagent.migrations.lint.ParsedStatement.Vacuum;

/**
 * The first statement of a part that must lock an existing table, when neither the part (SET lock_timeout or
 * statement_timeout), nor its header ({@code -- quantagent:lock-timeout}), nor the runner sets a timeout first.
 */
final class LockTimeoutCheck implements Check {

  @Override
  public void check(StatementContext context) {
    ParsedStatement parsed = context.parsed();
    if (parsed instanceof SetParameter set
        && (set.name().equals("lock_timeout") || set.name().equals("statement_timeout"))) {
      String value = set.value().strip();
      context.state().timeoutSet(!value.equals("0") && !value.equalsIgnoreCase("default"));
      return;
    }
    String target = lockedTable(context);
    if (target == null || context.state().timeoutSet() || guarded(context)) {
      return;
    }
    if (context.state().reportTimeoutOnce()) {
      context.report(Rule.MISSING_LOCK_TIMEOUT, "this statement locks " + target + ", and nothing set a"
          + " lock_timeout before it: if a long query holds " + target + ", the statement waits, and every query on "
          + target + " queues behind it.");
    }
  }

  private static boolean guarded(StatementContext context) {
    ScriptDirectives directives = context.directives();
    return directives.lockTimeoutSet() || (context.settings().runnerSetsLockTimeout() && !directives.lockTimeoutOff());
  }

  /** The existing table the statement must lock against reads or writes, or null. */
  private static String lockedTable(StatementContext context) {
    ParsedStatement parsed = context.parsed();
    if (parsed instanceof AlterTable alter && context.existing(alter.table())) {
      return alter.table().display();
    }
    if (parsed instanceof CreateIndex index && !index.concurrently() && context.existing(index.table())) {
      return index.table().display();
    }
    if (parsed instanceof DropIndex drop && !drop.concurrently()) {
      for (RelationName index : drop.indexes()) {
        String table = tableOfIndex(context, index);
        if (table != null) {
          return table;
        }
      }
      return null;
    }
    if (parsed instanceof DropTable drop) {
      return drop.tables().stream().filter(context::existing).map(RelationName::display).findFirst().orElse(null);
    }
    if (parsed instanceof LockTable lock) {
      return lock.tables().stream().filter(context::existing).map(RelationName::display).findFirst().orElse(null);
    }
    if (parsed instanceof Reindex reindex && !reindex.concurrently() && reindex.target() != null) {
      return reindexedTable(context, reindex);
    }
    if (parsed instanceof Cluster cluster && cluster.table() != null && context.existing(cluster.table())) {
      return cluster.table().display();
    }
    if (parsed instanceof Vacuum vacuum && vacuum.full()) {
      return "each table it works on";
    }
    if (parsed instanceof DataChange change && context.existing(change.table())) {
      return change.table().display();
    }
    return null;
  }

  /**
   * The table REINDEX TABLE or INDEX locks, or null when the script created it; a REINDEX of a schema or database
   * names what it covers.
   */
  private static String reindexedTable(StatementContext context, Reindex reindex) {
    return switch (reindex.scope()) {
      case "table" -> context.existing(reindex.target()) ? reindex.target().display() : null;
      case "index" -> tableOfIndex(context, reindex.target());
      default -> reindex.target().display();
    };
  }

  /** The existing table an index is on, a phrase for it when no script created the index, or null for a new table. */
  private static String tableOfIndex(StatementContext context, RelationName index) {
    String table = context.schema().tableOf(index).orElse(null);
    if (table == null) {
      return "the table of " + index;
    }
    return context.existing(new RelationName(null, table)) ? table : null;
  }
}
