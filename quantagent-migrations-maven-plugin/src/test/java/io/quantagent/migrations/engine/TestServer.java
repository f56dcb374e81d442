package io.quantagent.migrations.engine;

import io.quantagent.migrations.db.DatabaseUrl;
import io.quantagent.migrations.db.PostgresConnector;
import io.quantagent.migrations.embedded.EmbeddedPostgres;
import io.quantagent.migrations.embedded.EmbeddedPostgresSettings;
import io.quantagent.migrations.embedded.PostgresBinaries;
import io.quantagent.migrations.events.EventLog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One throwaway PostgreSQL per test class, and a fresh database on it per test. */
final class TestServer implements AutoCloseable {
  private final EmbeddedPostgres postgres;

  private TestServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static TestServer start() {
    Path data = Path.of(System.getProperty("java.io.tmpdir"), "quantagent-engine-test-" + UUID.randomUUID());
    PostgresBinaries binaries = PostgresBinaries.fromClasspath(TestServer.class.getClassLoader());
    return new TestServer(EmbeddedPostgres.start(EmbeddedPostgresSettings.throwaway(binaries, data), EventLog.silent()));
  }

  /** A new empty database; dropped when the server stops. */
  Database freshDatabase() throws SQLException {
    String name = "engine_test_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = connector("postgres").connect(); Statement s = c.createStatement()) {
      s.execute("create database " + name);
    }
    return new Database(connector(name));
  }

  private PostgresConnector connector(String database) {
    return new PostgresConnector(
        DatabaseUrl.parse(postgres.jdbcUrl(database)).withCredentials(postgres.user(), postgres.password()));
  }

  @Override
  public void close() {
    postgres.close();
  }

  record Database(PostgresConnector connector) {
    ConnectionFactory connections() {
      return connector::connect;
    }

    String url() {
      return connector.url().jdbcUrl();
    }

    List<String> column(String sql) throws SQLException {
      List<String> values = new ArrayList<>();
      try (Connection c = connector.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          values.add(rs.getString(1));
        }
      }
      return values;
    }

    void execute(String sql) throws SQLException {
      try (Connection c = connector.connect(); Statement s = c.createStatement()) {
        s.execute(sql);
      }
    }

    List<String> tables() throws SQLException {
      return column("select tablename from pg_tables where schemaname = 'public' order by 1");
    }

    List<String> changelog() throws SQLException {
      if (column("select to_regclass('changelog')").get(0) == null) {
        return List.of();
      }
      return column("select id from changelog order by id");
    }
  }
}
