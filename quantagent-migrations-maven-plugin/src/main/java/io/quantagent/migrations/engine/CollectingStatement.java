package io.quantagent.migrations.engine;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Statement;

/**
 * The statement MyBatis' script runner executes a whole script section on. Nothing is sent here: the section
 * goes to the run's {@link MigrationConnection.Collector}, which sends it later with the migration's changelog
 * row and commit in one round trip. Other calls (MyBatis' own changelog reads) reach the real statement.
 */
final class CollectingStatement implements InvocationHandler {
  private final Statement real;
  private final MigrationConnection.Collector collector;

  private CollectingStatement(Statement real, MigrationConnection.Collector collector) {
    this.real = real;
    this.collector = collector;
  }

  static Statement wrap(Statement real, MigrationConnection.Collector collector) {
    return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
        new CollectingStatement(real, collector));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "execute":
        if (args != null && args.length == 1 && args[0] instanceof String script) {
          collector.section(script);
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
}
