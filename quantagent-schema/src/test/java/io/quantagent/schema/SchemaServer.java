package io.quantagent.schema;

import io.quantagent.migrations.embedded.EmbeddedPostgres;
import io.quantagent.migrations.embedded.EmbeddedPostgresSettings;
import io.quantagent.migrations.embedded.PostgresBinaries;
import io.quantagent.migrations.events.EventLog;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A throwaway PostgreSQL for one test class, from the zonky binaries on the test class path, started with the
 * plugin's embedded package (which also copes with running as root). Its data directory is deleted on close.
 */
final class SchemaServer implements AutoCloseable {
  private final EmbeddedPostgres postgres;

  private SchemaServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static SchemaServer start() {
    Path data = Path.of(System.getProperty("java.io.tmpdir"), "quantagent-schema-test-" + UUID.randomUUID());
    PostgresBinaries binaries = PostgresBinaries.fromClasspath(SchemaServer.class.getClassLoader());
    return new SchemaServer(EmbeddedPostgres.start(EmbeddedPostgresSettings.throwaway(binaries, data),
        EventLog.silent()));
  }

  /** A new, empty database of its own on this server. */
  FreshDatabase freshDatabase() throws SQLException {
    return FreshDatabase.create(postgres::jdbcUrl, postgres.user(), postgres.password());
  }

  @Override
  public void close() {
    postgres.close();
  }
}
