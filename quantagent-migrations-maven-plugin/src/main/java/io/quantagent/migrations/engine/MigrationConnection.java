package io.quantagent.migrations.engine;

import io.quantagent.migrations.events.EventLog;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.ibatis.migration.ConnectionProvider;

/**
 * The one connection a run uses, handed to MyBatis operations in a form whose {@code commit},
 * {@code rollback} and {@code close} do nothing. MyBatis commits a script and then, separately, its
 * changelog row; here the engine commits both at once after each migration, so a failure leaves
 * nothing of that migration behind. Scripts run on a {@link SplittingStatement}.
 */
final class MigrationConnection implements AutoCloseable {
  private final Connection real;
  private final Connection shielded;

  MigrationConnection(Connection real, EventLog log) throws SQLException {
    this.real = real;
    endWithClient(real);
    real.setAutoCommit(false);
    this.shielded = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new Shield(real, log));
  }

  /**
   * PostgreSQL 14+ then notices within a second that a killed client is gone, even during a long
   * statement, and rolls back and drops the lock at once instead of when the statement ends.
   */
  private static void endWithClient(Connection connection) throws SQLException {
    if (connection.getMetaData().getDatabaseMajorVersion() >= 14) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("set client_connection_check_interval = 1000");
      }
    }
  }

  Connection connection() {
    return real;
  }

  ConnectionProvider provider() {
    return () -> shielded;
  }

  void commit() throws SQLException {
    if (!real.getAutoCommit()) {
      real.commit();
    }
  }

  void setAutoCommit(boolean autoCommit) throws SQLException {
    if (real.getAutoCommit() != autoCommit) {
      real.setAutoCommit(autoCommit);
    }
  }

  void rollbackQuietly() {
    try {
      if (!real.getAutoCommit()) {
        real.rollback();
      }
    } catch (SQLException ignored) {
      // The connection is gone, and with it the transaction.
    }
  }

  @Override
  public void close() throws SQLException {
    rollbackQuietly();
    real.close();
  }

  private record Shield(Connection real, EventLog log) implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "createStatement":
          if (method.getParameterCount() == 0) {
            return SplittingStatement.wrap(real.createStatement(), log);
          }
          break;
        case "commit", "rollback", "close":
          if (method.getParameterCount() == 0) {
            return null;
          }
          break;
        case "setAutoCommit":
          return null;
        case "getAutoCommit":
          return false;
        default:
          break;
      }
      try {
        return method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
