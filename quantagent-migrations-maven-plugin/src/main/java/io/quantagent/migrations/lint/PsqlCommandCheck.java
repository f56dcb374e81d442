package io.quantagent.migrations.lint;

import io.quantagent.migrations.engine.PsqlCommand;

/** A psql meta-command where a statement starts, read as the runner reads it ({@link PsqlCommand}). */
final class PsqlCommandCheck implements Check {

  @Override
  public void check(StatementContext context) {
    if (PsqlCommand.is(context.statement())) {
      context.report(Rule.PSQL_COMMAND, context.statement().firstLine() + " is a psql command, not SQL: upgrade"
          + " refuses the script before anything runs.");
    }
  }
}
