package io.quantagent.migrations.testing;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.db.DatabaseUrl;
import io.quantagent.migrations.db.PostgresConnector;
import io.quantagent.migrations.embedded.EmbeddedPostgres;
import io.quantagent.migrations.embedded.EmbeddedPostgresSettings;
import io.quantagent.migrations.events.EventLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL 17 primary whose commits wait for a synchronous standby that never comes, as a primary's do while its
 * standby is down: {@code synchronous_standby_names} is a server-wide setting, so the shared test servers cannot have
 * it. Only the databases {@link #freshDatabase} makes wait: the server runs with {@code synchronous_commit = off}, and
 * each of them sets it on. One per test JVM, from {@link PostgresFixture}.
 */
public final class SynchronousPrimary implements AutoCloseable {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final EmbeddedPostgres postgres;

  private SynchronousPrimary(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static SynchronousPrimary start() {
    PostgresMajor.V17.requireInstalled();
    try {
      Path data = FastScratchSpace.newDirectory("quantagent-test-sync-primary-");
      Files.delete(data); // initdb wants to create it
      SynchronousPrimary primary = new SynchronousPrimary(EmbeddedPostgres.start(
          EmbeddedPostgresSettings.throwaway(PostgresMajor.V17.binaries(), data), EventLog.silent()));
      primary.admin("alter system set synchronous_standby_names = 'standby_that_never_comes'",
          "select pg_reload_conf()");
      return primary;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A new database whose commits wait for the standby; a session of the test's own that must not wait sets
   * {@code synchronous_commit = off}. Its sessions are the only ones in it, so a test may end every waiting one.
   */
  public ConnectionFactory freshDatabase() {
    String name = "sync_" + DATABASES.incrementAndGet();
    admin("create database " + name, "alter database " + name + " set synchronous_commit = on");
    PostgresConnector connector = connector(name);
    return connector::connect;
  }

  private PostgresConnector connector(String database) {
    return new PostgresConnector(DatabaseUrl.parse(postgres.jdbcUrl(database))
        .withCredentials(postgres.user(), postgres.password()));
  }

  private void admin(String... sql) {
    try (Connection c = connector("postgres").connect(); Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not prepare the synchronous primary: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    postgres.close();
  }
}
