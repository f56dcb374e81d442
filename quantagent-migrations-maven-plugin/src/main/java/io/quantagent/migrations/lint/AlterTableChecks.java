package io.quantagent.migrations.lint;

import io.quantagent.migrations.lint.ParsedStatement.AlterAction;
import io.quantagent.migrations.lint.ParsedStatement.AlterTable;
import io.quantagent.migrations.lint.TableConstraint.Kind;
import java.util.Optional;

/** ALTER TABLE on a table that existed before the script: rewrites, scans, renames, drops. */
final class AlterTableChecks implements Check {

  @Override
  public void check(StatementContext context) {
    if (!(context.parsed() instanceof AlterTable alter) || alter.table() == null) {
      return;
    }
    RelationName table = alter.table();
    boolean existing = context.existing(table);
    for (AlterAction action : alter.actions()) {
      if (action instanceof AlterAction.OtherAction other && other.concurrently() && context.transactional()) {
        context.report(Rule.CONCURRENTLY_IN_TRANSACTION, "ALTER TABLE " + table + " ... CONCURRENTLY cannot run"
            + " inside a transaction block, and this script runs in one (it is not marked"
            + " -- quantagent:no-transaction): the migration fails when it gets here.");
      } else if (action instanceof AlterAction.ValidateConstraint validate) {
        validate(context, table, validate.name());
      } else if (action instanceof AlterAction.AddConstraint add) {
        rememberNotValid(context, add.constraint());
        if (existing) {
          addConstraint(context, table, add.constraint());
        }
      } else if (existing) {
        onExistingTable(context, table, action);
      }
    }
  }

  private static void onExistingTable(StatementContext context, RelationName table, AlterAction action) {
    if (action instanceof AlterAction.AddColumn add) {
      addColumn(context, table, add.column());
    } else if (action instanceof AlterAction.AlterColumnType change) {
      changeType(context, table, change);
    } else if (action instanceof AlterAction.SetNotNull set) {
      setNotNull(context, table, set.column());
    } else if (action instanceof AlterAction.RenameColumn rename) {
      context.report(Rule.RENAME, "RENAME COLUMN " + rename.from() + " TO " + rename.to() + " on " + table
          + ": code still running during the deploy reads and writes " + table + "." + rename.from()
          + " and fails from this moment.");
    } else if (action instanceof AlterAction.RenameTable rename) {
      context.report(Rule.RENAME, "RENAME of table " + table + " to " + rename.to() + ": code still running"
          + " during the deploy uses " + table + " and fails from this moment.");
    } else if (action instanceof AlterAction.DropColumn drop
        && !(context.undo() && context.state().columnAddedHere(table, drop.column()))) {
      // An @UNDO part that drops the column its change added loses no data anyone had before the migration.
      context.report(Rule.DROP_COLUMN, "DROP COLUMN " + drop.column() + " on " + table + " deletes that column's"
          + " data for good (under a short ACCESS EXCLUSIVE lock); code that still reads it fails.");
    }
  }

  private static void addColumn(StatementContext context, RelationName table, ColumnDefinition column) {
    String reason = VolatileDefault.reason(column, context.postgresVersion());
    if (reason != null) {
      context.report(Rule.ADD_COLUMN_VOLATILE_DEFAULT, "ADD COLUMN " + column.name() + " " + reason
          + ", so " + table + " is rewritten under ACCESS EXCLUSIVE: no reads, no writes until it is done.");
    }
    for (TableConstraint constraint : column.constraints()) {
      switch (constraint.kind()) {
        case FOREIGN_KEY -> context.report(Rule.FOREIGN_KEY_WITHOUT_NOT_VALID, "ADD COLUMN " + column.name()
            + " ... REFERENCES " + constraint.references() + " validates the new foreign key by scanning " + table
            + " while writes to both tables wait (SHARE ROW EXCLUSIVE).", "add the column alone, then ADD CONSTRAINT"
            + " ... FOREIGN KEY ... NOT VALID, and VALIDATE CONSTRAINT in a later migration");
        case CHECK -> context.report(Rule.CHECK_WITHOUT_NOT_VALID, "ADD COLUMN " + column.name() + " with a CHECK"
            + " scans " + table + " under ACCESS EXCLUSIVE to validate it.", "add the column alone, then ADD"
            + " CONSTRAINT ... CHECK (...) NOT VALID, and VALIDATE CONSTRAINT in a later migration");
        case UNIQUE, PRIMARY_KEY -> context.report(Rule.UNIQUE_WITHOUT_INDEX, "ADD COLUMN " + column.name() + " "
            + (constraint.kind() == Kind.UNIQUE ? "UNIQUE" : "PRIMARY KEY") + " builds its index under ACCESS"
            + " EXCLUSIVE on " + table + ": no reads, no writes until it is built.");
        default -> { }
      }
    }
  }

  private static void changeType(StatementContext context, RelationName table, AlterAction.AlterColumnType change) {
    if (change.type() == null) {
      return;
    }
    Optional<TypeName> old = context.schema().columnType(table, change.column());
    String head = "ALTER COLUMN " + change.column() + " TYPE " + change.type();
    if (old.isEmpty()) {
      context.report(Rule.COLUMN_TYPE_REWRITE, head + ": the scripts do not show what " + table + "."
          + change.column() + " is today, and unless this widens a varchar, turns varchar into text or widens a"
          + " numeric's precision, PostgreSQL rewrites " + table + " and its indexes under ACCESS EXCLUSIVE.");
      return;
    }
    switch (TypeChange.between(old.get(), change.type(), change.using())) {
      case REWRITE -> context.report(Rule.COLUMN_TYPE_REWRITE, head + " (from " + old.get() + ")"
          + (change.using() ? " with USING" : "") + " rewrites " + table + " and rebuilds its indexes under ACCESS"
          + " EXCLUSIVE: no reads, no writes until it is done.");
      case REWRITE_UNLESS_UTC -> context.report(Rule.COLUMN_TYPE_REWRITE, head + " (from " + old.get() + ")"
          + " rewrites " + table + " under ACCESS EXCLUSIVE unless the migration's TimeZone is UTC.",
          "SET LOCAL TimeZone = 'UTC' before it (PostgreSQL 12+ then changes only the catalog), or add a new column");
      default -> { }
    }
  }

  private static void setNotNull(StatementContext context, RelationName table, String column) {
    KnownSchema schema = context.schema();
    if (schema.columnNotNull(table, column)) {
      return;
    }
    if (context.postgresVersion() >= 12 && schema.provenNotNull(table, column)) {
      return;
    }
    String message = "SET NOT NULL on " + table + "." + column + " scans " + table + " under ACCESS EXCLUSIVE to"
        + " prove no NULL is left";
    if (context.postgresVersion() >= 12) {
      context.report(Rule.SET_NOT_NULL_SCAN, message + ": no validated CHECK (" + column + " IS NOT NULL) lets"
          + " PostgreSQL skip it.");
    } else {
      context.report(Rule.SET_NOT_NULL_SCAN, message + ": PostgreSQL " + context.postgresVersion() + " scans even"
          + " when a CHECK proves it.", "before PostgreSQL 12 there is no scan-free way: run it when the table is"
          + " quiet (a reasoned lint-ignore), or upgrade to 12+ and use a validated CHECK (col IS NOT NULL)");
    }
  }

  private static void addConstraint(StatementContext context, RelationName table, TableConstraint constraint) {
    String name = constraint.name() == null ? "" : constraint.name() + " ";
    switch (constraint.kind()) {
      case FOREIGN_KEY -> {
        if (!constraint.notValid()) {
          context.report(Rule.FOREIGN_KEY_WITHOUT_NOT_VALID, "ADD CONSTRAINT " + name + "FOREIGN KEY on " + table
              + " referencing " + constraint.references() + " without NOT VALID scans " + table + " while writes to"
              + " both tables wait (SHARE ROW EXCLUSIVE).");
        }
      }
      case CHECK -> {
        if (!constraint.notValid()) {
          context.report(Rule.CHECK_WITHOUT_NOT_VALID, "ADD CONSTRAINT " + name + "CHECK on " + table + " without"
              + " NOT VALID scans " + table + " under ACCESS EXCLUSIVE: no reads, no writes until it is done.");
        }
      }
      case UNIQUE, PRIMARY_KEY, EXCLUDE -> {
        if (!constraint.usingIndex()) {
          String kind = constraint.kind() == Kind.PRIMARY_KEY ? "PRIMARY KEY" : constraint.kind().name();
          context.report(Rule.UNIQUE_WITHOUT_INDEX, "ADD CONSTRAINT " + name + kind + " on " + table + " builds its"
              + " index under ACCESS EXCLUSIVE: no reads, no writes until it is built.",
              constraint.kind() == Kind.EXCLUDE ? "an EXCLUDE constraint cannot use a prebuilt index: add it when"
                  + " the table is created, or in a quiet window with a reasoned lint-ignore" : Rule.UNIQUE_WITHOUT_INDEX.safeWay());
        }
      }
      default -> { }
    }
  }

  private static void rememberNotValid(StatementContext context, TableConstraint constraint) {
    if (constraint.notValid() && constraint.name() != null) {
      context.state().addedNotValid(constraint.name(), constraint.kind());
    }
  }

  private static void validate(StatementContext context, RelationName table, String constraint) {
    Kind kind = constraint == null ? null : context.state().addedNotValidHere(constraint);
    if (kind == null || !context.transactional()) {
      return;
    }
    Rule rule = kind == Kind.FOREIGN_KEY ? Rule.FOREIGN_KEY_WITHOUT_NOT_VALID : Rule.CHECK_WITHOUT_NOT_VALID;
    context.report(rule, "VALIDATE CONSTRAINT " + constraint + " runs in the same transaction as its ADD ... NOT"
        + " VALID, so it scans " + table + " while the ADD's lock (" + (kind == Kind.FOREIGN_KEY ? "SHARE ROW"
        + " EXCLUSIVE" : "ACCESS EXCLUSIVE") + ") is still held: NOT VALID gains nothing.",
        "VALIDATE CONSTRAINT in a later migration (or in a script marked -- quantagent:no-transaction)");
  }
}
