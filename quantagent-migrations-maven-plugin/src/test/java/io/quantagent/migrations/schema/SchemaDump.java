package io.quantagent.migrations.schema;

import io.quantagent.migrations.testing.ClientProgram;
import io.quantagent.migrations.testing.Prerequisite;
import io.quantagent.migrations.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code pg_dump --schema-only} of a test database and its restore with {@code psql}, as an operator moves a database:
 * the real client programs, run as processes. pg_dump must be of the source server's major version or newer; the
 * machine has the system PostgreSQL 15's, and PostgreSQL 17's only where {@code tools/install-pg-dump-17.sh} put it.
 */
final class SchemaDump {
  private static final Path PG_DUMP_17 = Path.of(System.getenv().getOrDefault("QUANTAGENT_PG_DUMP_17",
      "/opt/quantagent/pg-client-17/bin/pg_dump"));

  private SchemaDump() {}

  /** pg_dump of a server's major version: the 15 server's own, or the PostgreSQL 17 client the script installs. */
  static Path pgDumpFor(TestDatabase source) {
    if (source.server().major().number() == 15) {
      return source.server().binDirectory().resolve("pg_dump");
    }
    Prerequisite.require(Files.isExecutable(PG_DUMP_17), "pg_dump 17 at " + PG_DUMP_17 + " (run tools/install-pg-dump-17.sh;"
        + " Debian 12 has no PostgreSQL 17 client, and pg_dump 15 refuses a 17 server)");
    return PG_DUMP_17;
  }

  /** The schema of {@code source} as {@code pg_dump --schema-only --no-owner --no-privileges} writes it. */
  static Path dump(TestDatabase source, Path pgDump, Path into) throws IOException, InterruptedException {
    run(source, List.of(pgDump.toString(), "--schema-only", "--no-owner", "--no-privileges", "--file", into.toString()));
    return into;
  }

  /** Runs a dump into {@code target} with {@code psql}, stopping at the first error. */
  static void restore(Path dump, TestDatabase target, Path psql) throws IOException, InterruptedException {
    run(target, List.of(psql.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "--file", dump.toString()));
  }

  private static void run(TestDatabase db, List<String> program) throws IOException, InterruptedException {
    ClientProgram.Outcome outcome = ClientProgram.run(db, program);
    if (!outcome.succeeded()) {
      throw new AssertionError(program.get(0) + " failed (" + outcome.exitStatus() + "): " + outcome.output());
    }
  }
}
