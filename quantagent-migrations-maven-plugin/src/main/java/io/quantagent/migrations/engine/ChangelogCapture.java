package io.quantagent.migrations.engine;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Stands in for the prepared statement MyBatis writes its changelog row with ({@code insert into <table> (ID,
 * APPLIED_AT, DESCRIPTION) values (?,?,?)}, or {@code delete from <table> where ID = ?} when undoing): the values
 * are handed to the run's collector, which writes the row (with its checksum) in the migration's own batch.
 */
final class ChangelogCapture implements InvocationHandler {
  // Compiled once: MyBatis prepares one changelog statement per migration, 10,000 in a big run.
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private final boolean insert;
  private final MigrationConnection.Collector collector;
  private final Map<Integer, Object> values = new HashMap<>();

  private ChangelogCapture(boolean insert, MigrationConnection.Collector collector) {
    this.insert = insert;
    this.collector = collector;
  }

  /** A capturing statement when {@code sql} is MyBatis' changelog insert or delete on {@code table}. */
  static Optional<PreparedStatement> forSql(String sql, String table, MigrationConnection.Collector collector) {
    String normalized = WHITESPACE.matcher(sql.strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
    boolean insert = normalized.startsWith("insert into " + table + " (id, applied_at, description)");
    boolean delete = normalized.startsWith("delete from " + table + " where id = ?");
    if (!insert && !delete) {
      return Optional.empty();
    }
    return Optional.of((PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, new ChangelogCapture(insert, collector)));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) {
    switch (method.getName()) {
      case "setBigDecimal", "setString", "setObject" -> {
        values.put((Integer) args[0], args[1]);
        return null;
      }
      case "execute", "executeUpdate" -> {
        if (insert) {
          collector.changelogInsert((BigDecimal) values.get(1), (String) values.get(2), (String) values.get(3));
        } else {
          collector.changelogDelete((BigDecimal) values.get(1));
        }
        return method.getName().equals("execute") ? Boolean.FALSE : (Object) 1;
      }
      case "close", "clearParameters" -> {
        return null;
      }
      case "isClosed" -> {
        return false;
      }
      default -> throw new UnsupportedOperationException("The changelog statement does not support " + method.getName());
    }
  }
}
