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
import java.util.List;

/**
 * Databases moved the way operators move them: the QuantAgent schema migrated to head by the plugin's engine on the
 * machine's PostgreSQL 15, dumped with its {@code pg_dump --schema-only}, and restored with {@code psql}: into another
 * 15 database, dumped and restored once more there (a dump of a restore, which the case's {@code .env} names), and
 * into the case's database on the build's PostgreSQL 17 (a move to a new major version). The 15 server stops when
 * the invoking JVM exits.
 */
public final class RestoredDumps {
  private RestoredDumps() {}

  public static void prepare(Path basedir, ItDatabase case17) throws IOException, SQLException, InterruptedException {
    SystemPostgres15.require();
    EmbeddedPostgres server = EmbeddedPostgres.start(EmbeddedPostgresSettings
        .throwaway(PostgresBinaries.installed(SystemPostgres15.BINARIES), basedir.resolve("target/postgres-15"))
        .withDatabase("source"), EventLog.silent());
    PostgresConnector source = connector(server, "source");
    new Migrator(source::connect, ScriptSource.classpath(RestoredDumps.class.getClassLoader()), "changelog",
        EventLog.silent()).upgrade(new Target.Head());
    Path fromSource = dump(server, "source", basedir.resolve("target/source.sql"));
    restore(server, fromSource, "restored");
    Path fromRestore = dump(server, "restored", basedir.resolve("target/restored.sql"));
    restore(server, fromRestore, "restored_twice");
    case17.recreate();
    case17.psql(SystemPostgres15.BINARIES.resolve("psql"), fromSource);
    Files.writeString(basedir.resolve(".env"), "DATABASE_URL=postgresql://" + server.user() + ":" + server.password()
        + "@127.0.0.1:" + server.port() + "/restored_twice\n");
  }

  private static Path dump(EmbeddedPostgres server, String database, Path file) throws IOException, InterruptedException {
    ClientProgram.run(List.of(SystemPostgres15.BINARIES.resolve("pg_dump").toString(), "--schema-only", "--no-owner",
        "--no-privileges", "--file", file.toString()), server.port(), server.user(), server.password(), database);
    return file;
  }

  private static void restore(EmbeddedPostgres server, Path dump, String database)
      throws SQLException, IOException, InterruptedException {
    try (Connection c = connector(server, "postgres").connect(); Statement s = c.createStatement()) {
      s.execute("create database " + database);
    }
    ClientProgram.run(List.of(SystemPostgres15.BINARIES.resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
        "--file", dump.toString()), server.port(), server.user(), server.password(), database);
  }

  private static PostgresConnector connector(EmbeddedPostgres server, String database) {
    return new PostgresConnector(DatabaseUrl.parse(server.jdbcUrl(database)).withCredentials(server.user(), server.password()));
  }
}
