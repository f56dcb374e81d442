package io.quantagent.migrations.engine;

import java.sql.SQLException;

/** PostgreSQL refused one statement of a script; says which one. */
final class StatementFailedException extends SQLException {
  private final SqlStatement statement;
  private final int total;

  StatementFailedException(SqlStatement statement, int total, SQLException cause) {
    super("statement " + statement.number() + " of " + total + " (line " + statement.line() + "): "
        + statement.firstLine() + "\n  " + cause.getMessage(), cause.getSQLState(), cause);
    this.statement = statement;
    this.total = total;
  }

  SqlStatement statement() {
    return statement;
  }

  int total() {
    return total;
  }
}
