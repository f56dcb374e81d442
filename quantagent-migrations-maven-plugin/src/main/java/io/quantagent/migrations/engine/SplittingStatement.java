package io.quantagent.migrations.engine;

import io.quantagent.migrations.events.EventLog;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;

/**
 * The statement MyBatis' script runner executes a whole script section on. It splits the section the
 * PostgreSQL way and runs statement by statement, so a failure can name its statement, and turns
 * PostgreSQL's notices (which MyBatis would throw as warnings) into debug lines.
 */
final class SplittingStatement implements InvocationHandler {
  private final Statement real;
  private final EventLog log;

  private SplittingStatement(Statement real, EventLog log) {
    this.real = real;
    this.log = log;
  }

  static Statement wrap(Statement real, EventLog log) {
    return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
        new SplittingStatement(real, log));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "execute":
        if (args != null && args.length == 1 && args[0] instanceof String script) {
          executeScript(script);
          return false;
        }
        break;
      case "getUpdateCount":
        return -1;
      case "getMoreResults":
        return false;
      case "getWarnings":
        return null;
      default:
        break;
    }
    try {
      return method.invoke(real, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private void executeScript(String script) throws SQLException {
    List<SqlStatement> statements = PostgresScriptSplitter.split(script);
    for (SqlStatement statement : statements) {
      log.debug("SQL " + statement.number() + "/" + statements.size() + ": " + statement.sql());
      try {
        real.execute(statement.sql());
      } catch (SQLException e) {
        throw new StatementFailedException(statement, statements.size(), e);
      }
      for (SQLWarning warning = real.getWarnings(); warning != null; warning = warning.getNextWarning()) {
        log.debug("PostgreSQL: " + warning.getMessage());
      }
      real.clearWarnings();
    }
  }
}
