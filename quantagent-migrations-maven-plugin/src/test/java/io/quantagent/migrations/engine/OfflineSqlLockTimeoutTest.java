package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.ClientProgram;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A DBA runs the offline SQL file with psql as a role that has its own lock_timeout ({@code ALTER ROLE ... SET}): the
 * file keeps a stricter one over the run's default of 2 s, as upgrade does, and writes what the user or a script's line
 * asked for as it is. Each script records the lock_timeout its statement ran under.
 */
@ExtendWith(PostgresFixture.class)
class OfflineSqlLockTimeoutTest {
  private static final String RECORD = "insert into seen values (current_setting('lock_timeout'));";

  @ParameterizedTest(name = "role {0}, -Dquantagent.statementLockTimeout={1}, transaction={2}: {3}")
  @CsvSource({
      "500ms, , EACH, 500ms",
      "500ms, , ALL, 500ms",
      "24h, , EACH, 2s", // a looser one gives way to the run's default
      "0, , EACH, 2s",
      "500ms, 3s, EACH, 3s",
      "500ms, 2s, ALL, 2s", // the default's value, given: the user's
  })
  void theFileKeepsTheRolesStricterLockTimeoutUnlessTheUserOrTheScriptSetsOne(String roles, String given,
      TransactionMode mode, String expected, TestDatabase db, @TempDir Path scriptsDir, @TempDir Path files) throws Exception {
    String psql = ClientProgram.psql();
    // For the role psql logs in as, in this database only: it goes with the database when the test drops it.
    db.execute("alter role " + db.server().user() + " in database " + db.name() + " set lock_timeout = '" + roles
        + "'");
    Scripts scripts = new Scripts(scriptsDir)
        .add("001_seen.sql", "create table seen (lock_timeout text, id bigserial);\n" + RECORD, "drop table seen;")
        .add("002_seen_alone.sql", "-- quantagent:no-transaction\n" + RECORD, "select 1;")
        .add("003_seen_own_line.sql", "-- quantagent:lock-timeout 5s\n" + RECORD, "select 1;")
        .add("004_seen.sql", RECORD, "select 1;");
    RunnerSettings runner = RunnerSettings.parse(given, 5, "off", "each").withTransaction(mode);
    String sql = new Migrator(db.connections(), scripts.source(),
        MigratorSettings.defaults().withChangelogTable("changelog").withRunner(runner), EventLog.silent())
        .upgradeSql(new Target.Head(), Optional.empty());
    Path file = Files.writeString(files.resolve("upgrade.sql"), sql);

    ClientProgram.Outcome run = ClientProgram.psqlFile(db, psql, file);

    assertTrue(run.succeeded(), run.output());
    assertEquals(List.of(expected, expected, "5s", expected), db.column("select lock_timeout from seen order by id"),
        sql);
    assertEquals(List.of("1", "2", "3", "4"), db.changelogIds());
  }
}
