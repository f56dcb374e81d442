package io.quantagent.migrations.schema;

import io.quantagent.migrations.db.DatabaseUrl;
import io.quantagent.migrations.db.PostgresConnector;
import io.quantagent.migrations.embedded.EmbeddedPostgres;
import io.quantagent.migrations.embedded.EmbeddedPostgresSettings;
import io.quantagent.migrations.embedded.PostgresBinaries;
import io.quantagent.migrations.events.EventLog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** One throwaway PostgreSQL per test class (the zonky 17 or an installed one), and fresh databases on it. */
final class SchemaTestServer implements AutoCloseable {
  static final Path SYSTEM_POSTGRES_15 = Path.of("/usr/lib/postgresql/15/bin");

  private final EmbeddedPostgres postgres;

  private SchemaTestServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static SchemaTestServer start(PostgresBinaries binaries) {
    Path data = Path.of(System.getProperty("java.io.tmpdir"), "quantagent-schema-test-" + UUID.randomUUID());
    return new SchemaTestServer(EmbeddedPostgres.start(EmbeddedPostgresSettings.throwaway(binaries, data), EventLog.silent()));
  }

  static PostgresBinaries zonky() {
    return PostgresBinaries.fromClasspath(SchemaTestServer.class.getClassLoader());
  }

  /** A new empty database; dropped when the server stops. */
  Database freshDatabase() throws SQLException {
    String name = "schema_test_" + UUID.randomUUID().toString().replace("-", "");
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
    void execute(String sql) throws SQLException {
      if (sql.isBlank()) {
        return;
      }
      try (Connection c = connector.connect(); Statement s = c.createStatement()) {
        s.execute(sql);
      }
    }

    SchemaSnapshot snapshot(TrackingTables tracking, String schema) throws SQLException {
      try (Connection c = connector.connect()) {
        return new CatalogReader(tracking).read(c, schema);
      }
    }

    SchemaSnapshot snapshot() throws SQLException {
      return snapshot(TrackingTables.defaults(), "public");
    }
  }
}
