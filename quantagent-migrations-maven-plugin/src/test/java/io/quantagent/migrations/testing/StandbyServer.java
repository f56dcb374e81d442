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
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A PostgreSQL 17 server in standby mode, as a read replica is: in recovery, every transaction read-only. No primary
 * feeds it: a cluster started with {@code standby.signal} and nothing to replay waits in recovery for WAL that never
 * comes, which is all a test of what a goal does on a replica needs. One per test JVM, from {@link PostgresFixture}.
 */
public final class StandbyServer implements AutoCloseable {
  private final EmbeddedPostgres postgres;
  private final Path data;

  private StandbyServer(EmbeddedPostgres postgres, Path data) {
    this.postgres = postgres;
    this.data = data;
  }

  static StandbyServer start() {
    PostgresMajor.V17.requireInstalled();
    try {
      Path data = FastScratchSpace.newDirectory("quantagent-test-standby-");
      Files.delete(data); // initdb wants to create it
      EmbeddedPostgresSettings settings = EmbeddedPostgresSettings.persistent(PostgresMajor.V17.binaries(), data,
          "postgres", EmbeddedPostgresSettings.randomPassword(), "postgres");
      EmbeddedPostgres.start(settings, EventLog.silent()).close(); // makes the cluster; the last user stops it
      Files.writeString(data.resolve("standby.signal"), "");
      return new StandbyServer(EmbeddedPostgres.start(settings, EventLog.silent()), data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String jdbcUrl() {
    return postgres.jdbcUrl();
  }

  public ConnectionFactory connections() {
    PostgresConnector connector = new PostgresConnector(DatabaseUrl.parse(jdbcUrl())
        .withCredentials(postgres.user(), postgres.password()));
    return connector::connect;
  }

  @Override
  public void close() throws IOException {
    postgres.close();
    try (Stream<Path> files = Files.walk(data)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
