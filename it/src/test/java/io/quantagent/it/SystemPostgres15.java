package io.quantagent.it;

import io.quantagent.migrations.db.DatabaseUrl;
import io.quantagent.migrations.db.PostgresConnector;
import io.quantagent.migrations.embedded.EmbeddedPostgres;
import io.quantagent.migrations.embedded.EmbeddedPostgresSettings;
import io.quantagent.migrations.embedded.PostgresBinaries;
import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.engine.Target;
import io.quantagent.migrations.events.EventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A live database on the machine's PostgreSQL 15 (not the plugin's embedded 17), migrated to head and edited
 * by hand, named in the case's {@code .env}. The server stops when the invoking JVM exits.
 */
public final class SystemPostgres15 {
  public static final Path BINARIES = Path.of("/usr/lib/postgresql/15/bin");

  private SystemPostgres15() {}

  public static boolean available() {
    return Files.isExecutable(BINARIES.resolve("postgres"));
  }

  public static void startEditedLiveDatabase(Path basedir) throws IOException, SQLException {
    EmbeddedPostgres server = EmbeddedPostgres.start(EmbeddedPostgresSettings
        .throwaway(PostgresBinaries.installed(BINARIES), basedir.resolve("target/postgres-15")).withDatabase("live"),
        EventLog.silent());
    DatabaseUrl url = DatabaseUrl.parse(server.jdbcUrl()).withCredentials(server.user(), server.password());
    PostgresConnector live = new PostgresConnector(url);
    new Migrator(live::connect, ScriptSource.classpath(SystemPostgres15.class.getClassLoader()), "changelog",
        EventLog.silent()).upgrade(new Target.Head());
    try (Connection c = live.connect(); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE trades ADD COLUMN risk_level NUMERIC(10,2)");
      s.execute("DROP INDEX idx_timestamp");
    }
    Files.writeString(basedir.resolve(".env"), "DATABASE_URL=postgresql://" + server.user() + ":" + server.password()
        + "@127.0.0.1:" + server.port() + "/live\n");
  }
}
