package io.quantagent.migrations.schema;

import io.quantagent.migrations.db.DatabaseUrl;
import io.quantagent.migrations.db.PostgresConnector;
import io.quantagent.migrations.embedded.EmbeddedPostgres;
import io.quantagent.migrations.embedded.EmbeddedPostgresSettings;
import io.quantagent.migrations.embedded.PostgresBinaries;
import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.schema.ScratchDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Scratch databases for building expected schemas: a new database on the server {@code -Dquantagent.scratchUrl}
 * names, dropped after use, or else a throwaway embedded PostgreSQL of the live server's major version.
 */
public final class ConfiguredScratchDatabases implements ScratchDatabases {
  private final String scratchUrl;
  private final IntFunction<PostgresBinaries> binariesForMajor;
  private final Path workDirectory;
  private final EventLog log;

  public ConfiguredScratchDatabases(String scratchUrl, IntFunction<PostgresBinaries> binariesForMajor, Path workDirectory,
      EventLog log) {
    this.scratchUrl = scratchUrl;
    this.binariesForMajor = binariesForMajor;
    this.workDirectory = workDirectory;
    this.log = log;
  }

  @Override
  public Scratch create(int serverMajorVersion) {
    if (scratchUrl != null && !scratchUrl.isBlank()) {
      return onNamedServer(new PostgresConnector(DatabaseUrl.parse(scratchUrl)));
    }
    log.info("Building the migrations' schema on a throwaway embedded PostgreSQL " + serverMajorVersion
        + " (the live server's major version)");
    Path data = workDirectory.resolve("quantagent-scratch-" + UUID.randomUUID());
    EmbeddedPostgres server = EmbeddedPostgres.start(
        EmbeddedPostgresSettings.throwaway(binariesForMajor.apply(serverMajorVersion), data), log);
    PostgresConnector connector = new PostgresConnector(
        DatabaseUrl.parse(server.jdbcUrl()).withCredentials(server.user(), server.password()));
    return new Scratch() {
      @Override
      public ConnectionFactory connections() {
        return connector::connect;
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }

  private Scratch onNamedServer(PostgresConnector server) {
    String name = "quantagent_scratch_" + UUID.randomUUID().toString().replace("-", "");
    execute(server, "create database " + name);
    String url = server.url().jdbcUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    PostgresConnector database = new PostgresConnector(new DatabaseUrl(url, server.url().user(), server.url().password()));
    log.info("Building the migrations' schema in the scratch database " + name + " (-Dquantagent.scratchUrl)");
    return new Scratch() {
      @Override
      public ConnectionFactory connections() {
        return database::connect;
      }

      @Override
      public void close() {
        execute(server, "drop database if exists " + name + " with (force)");
      }
    };
  }

  private static void execute(PostgresConnector server, String sql) {
    try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("On the scratch server " + server.url().display() + ": " + e.getMessage()
          + ". The scratch user must be allowed to create databases.", e);
    }
  }
}
