package io.quantagent.migrations.engine;

import java.sql.SQLException;

/** PostgreSQL refused one statement of a script; says which one. */
final class StatementFailedException extends SQLException {
  StatementFailedException(SqlStatement statement, int total, SQLException cause) {
    super("statement " + statement.number() + " of " + total + " (line " + statement.line() + "): "
        + statement.firstLine() + "\n  " + cause.getMessage(), cause.getSQLState(), cause);
  }
}
