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

  private static final String MISSING = "the system PostgreSQL 15 in " + BINARIES + " (apt-get install postgresql-15)";

  public static boolean available() {
    return Files.isExecutable(BINARIES.resolve("postgres"));
  }

  /**
   * A case's selector.groovy, deciding as the unit tests' {@code Prerequisite} does: under {@code CI=true} the case
   * runs, so that CI never passes by skipping it (its prebuild then fails, naming what is missing); elsewhere a
   * machine without PostgreSQL 15 skips it, and the case's build.log says why (invoker's summary says only SKIPPED).
   */
  public static boolean selected() {
    if (available() || onCi()) {
      return true;
    }
    System.out.println("Skipped: missing " + MISSING + " (under CI=true this fails)");
    return false;
  }

  /** The first step of a case's prebuild: only CI runs a case without PostgreSQL 15, and it must fail there. */
  static void require() {
    if (!available()) {
      throw new IllegalStateException((onCi() ? "Missing on CI (CI=true): " : "Missing: ") + MISSING);
    }
  }

  private static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  public static void startEditedLiveDatabase(Path basedir) throws IOException, SQLException {
    require();
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
