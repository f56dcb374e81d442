package io.quantagent.migrations.testing;

import io.quantagent.migrations.db.PostgresConnector;
import io.quantagent.migrations.db.ConnectionFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** One empty database of a test's own on a {@link TestServer}; dropped when the test ends. */
public final class TestDatabase implements AutoCloseable {
  private final TestServer server;
  private final String name;
  private final PostgresConnector connector;
  private Connection session; // for execute/column: each login starts a backend, and tests run many queries

  TestDatabase(TestServer server, String name) {
    this.server = server;
    this.name = name;
    this.connector = server.connector(name);
  }

  public TestServer server() {
    return server;
  }

  public String name() {
    return name;
  }

  public String jdbcUrl() {
    return server.jdbcUrl(name);
  }

  /** {@code postgresql://user:password@127.0.0.1:port/name}, the form DATABASE_URL takes. */
  public String databaseUrl() {
    return server.databaseUrl(name);
  }

  public PostgresConnector connector() {
    return connector;
  }

  public ConnectionFactory connections() {
    return connector::connect;
  }

  /** A new connection in auto-commit mode; the caller closes it. */
  public Connection connect() {
    return connector.connect();
  }

  /** Runs each SQL text (which may hold several statements) in auto-commit. */
  public void execute(String... sql) throws SQLException {
    try (Statement s = session().createStatement()) {
      for (String text : sql) {
        if (!text.isBlank()) {
          s.execute(text);
        }
      }
    }
  }

  /** The first column of every row, as text. */
  public List<String> column(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement s = session().createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  /** The first column of the first row, as text; null when there is no row. */
  public String value(String sql) throws SQLException {
    List<String> values = column(sql);
    return values.isEmpty() ? null : values.get(0);
  }

  /** The tables of the public schema, sorted. */
  public List<String> tables() throws SQLException {
    return column("select tablename from pg_tables where schemaname = 'public' order by 1");
  }

  /** Applied ids in the {@code changelog} table, oldest first; empty when there is none. */
  public List<String> changelogIds() throws SQLException {
    return changelogIds("changelog");
  }

  public List<String> changelogIds(String table) throws SQLException {
    if (value("select to_regclass('" + table + "')") == null) {
      return List.of();
    }
    return column("select id from " + table + " order by id");
  }

  private synchronized Connection session() throws SQLException {
    if (session == null || session.isClosed()) {
      session = connect();
    }
    return session;
  }

  @Override
  public synchronized void close() throws SQLException {
    if (session != null) {
      session.close();
    }
    server.dropDatabase(name);
  }

  @Override
  public String toString() {
    return name + " on " + server;
  }
}
