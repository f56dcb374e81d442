package io.quantagent.migrations.schema;

import io.quantagent.migrations.db.DatabaseUrl;
import io.quantagent.migrations.db.PostgresConnector;
import io.quantagent.migrations.embedded.BuildServers;
import io.quantagent.migrations.embedded.EmbeddedPostgres;
import io.quantagent.migrations.embedded.PostgresBinaries;
import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.schema.ScratchDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Scratch databases for building expected schemas: a new database on the server {@code -Dquantagent.scratchUrl}
 * names, dropped after use, or else a throwaway embedded PostgreSQL of the live server's major version.
 */
public final class ConfiguredScratchDatabases implements ScratchDatabases {
  /** Under the work directory ({@code target}): the throwaway embedded servers, one directory each. */
  private static final String SERVERS_DIRECTORY = "quantagent-scratch";
  private static final String SCRATCH_URL_ORIGIN = "scratchUrl (-Dquantagent.scratchUrl or <scratchUrl>)";

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
      return onNamedServer(new PostgresConnector(DatabaseUrl.parse(scratchUrl, SCRATCH_URL_ORIGIN)));
    }
    log.info("Building the migrations' schema on a throwaway embedded PostgreSQL " + serverMajorVersion
        + " (the live server's major version)");
    // One directory per process under one parent: a goal killed with -9 leaves its server running, and the next
    // goal's scratch server there stops it.
    EmbeddedPostgres server = BuildServers.start(binariesForMajor.apply(serverMajorVersion),
        workDirectory.resolve(SERVERS_DIRECTORY), "postgres", 0, log);
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

  /**
   * A new database on the named server. A goal ended meanwhile (Ctrl-C, a CI job cancelled) drops it from a shutdown
   * hook, registered before the database exists, so that no window leaves one behind.
   */
  private Scratch onNamedServer(PostgresConnector server) {
    String name = "quantagent_scratch_" + UUID.randomUUID().toString().replace("-", "");
    // The hook's drop waits for a CREATE DATABASE in flight, which no DROP could see before it commits.
    Object creating = new Object();
    Thread dropAtExit = new Thread(() -> {
      synchronized (creating) {
        dropQuietly(server, name);
      }
    }, "quantagent-scratch-drop");
    try {
      Runtime.getRuntime().addShutdownHook(dropAtExit);
    } catch (IllegalStateException shuttingDown) {
      throw new IllegalStateException("Not creating a scratch database on " + server.url().display() + ": this JVM"
          + " is shutting down (Ctrl-C, a kill, or the build ending). Run the goal again.", shuttingDown);
    }
    synchronized (creating) {
      create(server, name, dropAtExit);
    }
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
        forget(dropAtExit);
        drop(server, name);
      }
    };
  }

  private static void create(PostgresConnector server, String name, Thread dropAtExit) {
    try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
      statement.execute("create database " + name);
    } catch (SQLException e) {
      forget(dropAtExit);
      throw new IllegalStateException("On the scratch server " + server.url().display() + ": " + e.getMessage()
          + ". The scratch user must be allowed to create databases.", e);
    }
  }

  private static void forget(Thread dropAtExit) {
    try {
      Runtime.getRuntime().removeShutdownHook(dropAtExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook drops it; a second DROP ... IF EXISTS beside it does no harm
    }
  }

  private static void dropQuietly(PostgresConnector server, String name) {
    try {
      drop(server, name);
    } catch (IllegalStateException e) {
      System.err.println("[quantagent] " + e.getMessage()); // Maven's log may be gone when the JVM exits
    }
  }

  private static void drop(PostgresConnector server, String name) {
    try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
      for (String sql : dropStatements(connection.getMetaData().getDatabaseMajorVersion(), name)) {
        statement.execute(sql);
      }
    } catch (SQLException | RuntimeException e) {
      throw new IllegalStateException("The scratch database " + name + " was left behind on "
          + server.url().display() + ": " + e.getMessage() + ". Drop it as its owner or a superuser: DROP DATABASE "
          + name + " WITH (FORCE) (PostgreSQL 13 and later; on 12, first end its sessions: SELECT"
          + " pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "').", e);
    }
  }

  /**
   * What drops the scratch database with any session still in it. DROP DATABASE ... WITH (FORCE) came with
   * PostgreSQL 13; before it, the sessions are ended first, and DROP DATABASE waits up to 5 s for them to go.
   */
  static List<String> dropStatements(int serverMajorVersion, String name) {
    if (serverMajorVersion >= 13) {
      return List.of("drop database if exists " + name + " with (force)");
    }
    return List.of(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + name + "'"
            + " and pid <> pg_backend_pid()",
        "drop database if exists " + name);
  }
}
