package io.quantagent.migrations.db;

import io.quantagent.migrations.db.ConnectionSettings.ResolvedConnection;
import io.quantagent.migrations.embedded.DevelopmentDatabase;
import io.quantagent.migrations.embedded.EmbeddedPostgres;
import io.quantagent.migrations.embedded.PostgresBinaries;
import io.quantagent.migrations.events.EventLog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The database a goal uses for its duration: a configured one, the one {@code quantagent:start} started in this
 * build, or the embedded development database, started for this goal or joined when it runs, and stopped after it
 * unless another goal or process still uses it.
 */
public final class DatabaseLease implements AutoCloseable {
  /** For goals that said they need no database: any attempt to connect is a bug, said plainly. */
  public static final ConnectionFactory NONE = () -> {
    throw new IllegalStateException("This goal was run without a database, but tried to connect to one.");
  };

  private static final Set<String> MISSING_DATABASE_OR_PASSWORD = Set.of("3D000", "28P01");

  private final EmbeddedPostgres ownedServer;
  private final FirstConnectionAhead connections;

  private DatabaseLease(PostgresConnector connector, EmbeddedPostgres ownedServer) {
    this.ownedServer = ownedServer;
    this.connections = new FirstConnectionAhead(ownedServer == null ? connector::connect
        : () -> connectToDevelopmentDatabase(connector, ownedServer));
  }

  /** @param embeddedPort the development database's port; 0 for the one kept for the project */
  public static DatabaseLease open(ConnectionSettings settings, Optional<EmbeddedPostgres> started, Path workingDirectory,
      Supplier<PostgresBinaries> binaries, int embeddedPort, EventLog log) {
    Optional<ResolvedConnection> configured = settings.resolve(started.isPresent());
    if (configured.isPresent()) {
      ResolvedConnection connection = configured.get();
      announce(connection.url(), connection.source().description(), log);
      return new DatabaseLease(new PostgresConnector(connection.url()), null);
    }
    if (started.isPresent()) {
      List<ConnectionSource> unread = settings.configuredSources();
      if (!unread.isEmpty()) {
        log.debug("Not read, as the database quantagent:start started wins over them: " + unread.stream()
            .map(ConnectionSource::description).collect(Collectors.joining(", ")));
      }
      return new DatabaseLease(connectorTo(started.get(), "the database quantagent:start started", log), null);
    }
    PostgresBinaries postgres = binaries.get();
    log.info("No database URL configured (-Dquantagent.url or DATABASE_URL): using the embedded development database"
        + " in " + DevelopmentDatabase.dataDirectory(workingDirectory));
    EmbeddedPostgres server = DevelopmentDatabase.start(workingDirectory, postgres, embeddedPort, log);
    return new DatabaseLease(connectorTo(server, ConnectionSource.EMBEDDED.description(), log), server);
  }

  private static PostgresConnector connectorTo(EmbeddedPostgres server, String source, EventLog log) {
    DatabaseUrl url = DatabaseUrl.parse(server.jdbcUrl()).withCredentials(server.user(), server.password());
    announce(url, source, log);
    return new PostgresConnector(url);
  }

  private static void announce(DatabaseUrl url, String source, EventLog log) {
    log.info("Database: " + url.display() + " (from " + source + ")");
    log.debug("JDBC driver: " + DriverIdentity.describe());
  }

  public ConnectionFactory connections() {
    return connections;
  }

  /**
   * The development database's warm start does not connect, so a goal's first connection is where a database dropped
   * by hand, or a server running with another password, shows: the server mends the first and explains the second.
   */
  private static Connection connectToDevelopmentDatabase(PostgresConnector connector, EmbeddedPostgres ownedServer) {
    try {
      return connector.connect();
    } catch (DatabaseConnectionException e) {
      boolean missingDatabaseOrPassword = e.getCause() instanceof SQLException cause
          && MISSING_DATABASE_OR_PASSWORD.contains(cause.getSQLState());
      if (!missingDatabaseOrPassword) {
        throw e;
      }
      ownedServer.createDatabaseIfMissing();
      return connector.connect();
    }
  }

  @Override
  public void close() {
    connections.close();
    if (ownedServer != null) {
      ownedServer.close();
    }
  }
}
