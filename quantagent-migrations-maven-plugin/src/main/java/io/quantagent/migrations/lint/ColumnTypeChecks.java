package io.quantagent.migrations.lint;

import io.quantagent.migrations.lint.ParsedStatement.AlterAction;
import io.quantagent.migrations.lint.ParsedStatement.AlterTable;
import io.quantagent.migrations.lint.ParsedStatement.CreateTable;
import java.util.Set;

/**
 * QuantAgent's type rules, on every column a change defines (new tables included): jsonb not json, timestamptz
 * not timestamp, NUMERIC for money. The {@code @UNDO} part is left alone: it restores what was there.
 */
final class ColumnTypeChecks implements Check {
  /** Words of a column name (split at underscores) that say it holds money. */
  static final Set<String> MONEY_WORDS = Set.of("price", "prices", "amount", "cost", "costs", "fee", "fees", "pnl",
      "balance", "notional", "cash", "equity", "margin", "commission", "payment", "revenue", "profit", "premium",
      "rebate", "tax", "salary");

  @Override
  public void check(StatementContext context) {
    if (context.undo()) {
      return;
    }
    if (context.parsed() instanceof CreateTable create) {
      create.columns().forEach(c -> column(context, create.table(), c.name(), c.type()));
    } else if (context.parsed() instanceof AlterTable alter) {
      for (AlterAction action : alter.actions()) {
        if (action instanceof AlterAction.AddColumn add) {
          column(context, alter.table(), add.column().name(), add.column().type());
        } else if (action instanceof AlterAction.AlterColumnType change && change.type() != null) {
          column(context, alter.table(), change.column(), change.type());
        }
      }
    }
  }

  private static void column(StatementContext context, RelationName table, String name, TypeName type) {
    String column = table + "." + name;
    if (type.isJson()) {
      context.report(Rule.PREFER_JSONB, column + " is json: it keeps the raw text, cannot be compared or"
          + " GIN-indexed, and is parsed again on every access.");
    } else if (type.isTimestampWithoutTimeZone()) {
      context.report(Rule.PREFER_TIMESTAMPTZ, column + " is " + type + ": it stores no zone, so its value"
          + " means whatever zone the writer was in. Time is timestamptz.");
    } else if (type.isMoney()) {
      context.report(Rule.FLOAT_MONEY, column + " is money, whose text and rounding follow lc_monetary. Money is"
          + " NUMERIC.");
    } else if (type.isFloat() && saysMoney(name)) {
      context.report(Rule.FLOAT_MONEY, column + " is " + type + ", binary floating point, which cannot hold 0.10"
          + " exactly. Money is NUMERIC.");
    }
  }

  static boolean saysMoney(String column) {
    for (String word : column.toLowerCase(java.util.Locale.ROOT).split("_")) {
      if (MONEY_WORDS.contains(word)) {
        return true;
      }
    }
    return false;
  }
}
