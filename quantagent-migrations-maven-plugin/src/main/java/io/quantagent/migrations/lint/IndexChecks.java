package io.quantagent.migrations.lint;

import io.quantagent.migrations.lint.ParsedStatement.CreateIndex;
import io.quantagent.migrations.lint.ParsedStatement.DropIndex;
import io.quantagent.migrations.lint.ParsedStatement.Reindex;

/** CREATE INDEX, DROP INDEX and REINDEX: with CONCURRENTLY outside a transaction, or they block the table. */
final class IndexChecks implements Check {
  private static final String IN_TRANSACTION = " cannot run inside a transaction block, and this script runs in one"
      + " (it is not marked -- quantagent:no-transaction): the migration fails when it gets here.";

  @Override
  public void check(StatementContext context) {
    ParsedStatement parsed = context.parsed();
    if (parsed instanceof CreateIndex create) {
      createIndex(context, create);
    } else if (parsed instanceof DropIndex drop) {
      dropIndex(context, drop);
    } else if (parsed instanceof Reindex reindex) {
      reindex(context, reindex);
    }
  }

  private static void createIndex(StatementContext context, CreateIndex create) {
    if (create.concurrently()) {
      if (context.transactional()) {
        context.report(Rule.CONCURRENTLY_IN_TRANSACTION, "CREATE INDEX CONCURRENTLY" + IN_TRANSACTION);
      }
      if (create.name() == null) {
        context.report(Rule.UNNAMED_CONCURRENT_INDEX, "CREATE INDEX CONCURRENTLY on " + create.table() + " names no"
            + " index: an invalid one that a killed build leaves cannot be found by its name, and a re-run builds"
            + " another beside it.");
      }
    } else if (context.existing(create.table())) {
      context.report(Rule.INDEX_WITHOUT_CONCURRENTLY, "CREATE " + (create.unique() ? "UNIQUE " : "") + "INDEX "
          + (create.name() == null ? "" : create.name() + " ") + "on " + create.table() + " takes a SHARE lock on "
          + create.table() + ": INSERT, UPDATE and DELETE wait until the index is built and the migration commits.");
    }
  }

  private static void dropIndex(StatementContext context, DropIndex drop) {
    if (drop.concurrently()) {
      if (context.transactional()) {
        context.report(Rule.CONCURRENTLY_IN_TRANSACTION, "DROP INDEX CONCURRENTLY" + IN_TRANSACTION);
      }
      return;
    }
    for (RelationName index : drop.indexes()) {
      String table = context.schema().tableOf(index).orElse(null);
      boolean tableIsNew = table != null && context.state().createdHere(new RelationName(null, table));
      if (!tableIsNew) {
        context.report(Rule.DROP_INDEX_WITHOUT_CONCURRENTLY, "DROP INDEX " + index + " takes ACCESS EXCLUSIVE on "
            + (table == null ? "its table" : table) + ": it waits for every running query on the table, and every"
            + " new query waits behind it.");
      }
    }
  }

  private static void reindex(StatementContext context, Reindex reindex) {
    if (reindex.concurrently()) {
      if (context.transactional()) {
        context.report(Rule.CONCURRENTLY_IN_TRANSACTION, "REINDEX CONCURRENTLY" + IN_TRANSACTION);
      }
      return;
    }
    if (reindex.target() == null || !(reindex.scope().equals("index") || reindex.scope().equals("table"))) {
      return;
    }
    String table = reindex.scope().equals("table") ? reindex.target().display()
        : context.schema().tableOf(reindex.target()).orElse(null);
    if (table != null && context.state().createdHere(new RelationName(null, table))) {
      return;
    }
    String message = "REINDEX " + reindex.scope().toUpperCase(java.util.Locale.ROOT) + " " + reindex.target()
        + " blocks writes to " + (table == null ? "its table" : table) + " (and reads that use the index) while it"
        + " rebuilds.";
    if (context.postgresVersion() >= 12) {
      context.report(Rule.REINDEX_WITHOUT_CONCURRENTLY, message);
    } else {
      context.report(Rule.REINDEX_WITHOUT_CONCURRENTLY, message, "PostgreSQL " + context.postgresVersion()
          + " has no REINDEX CONCURRENTLY: CREATE INDEX CONCURRENTLY a copy, DROP INDEX CONCURRENTLY the old one,"
          + " rename the copy (no-transaction scripts)");
    }
  }
}
