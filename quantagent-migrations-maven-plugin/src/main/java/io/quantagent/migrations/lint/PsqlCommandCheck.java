package io.quantagent.migrations.lint;

import io.quantagent.migrations.engine.PsqlCommand;

/** What only psql can run (a meta-command, a COPY with its rows), read as the runner reads it ({@link PsqlCommand}). */
final class PsqlCommandCheck implements Check {

  @Override
  public void check(StatementContext context) {
    if (PsqlCommand.is(context.statement())) {
      context.report(Rule.PSQL_COMMAND, context.statement().firstLine() + (PsqlCommand.copiesRows(context.statement())
          ? " needs psql to carry its rows" : " is a psql command, not SQL") + ": upgrade refuses the script before"
          + " anything runs.");
    }
  }
}
