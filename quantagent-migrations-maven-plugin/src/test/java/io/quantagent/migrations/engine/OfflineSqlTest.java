package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantagent.migrations.events.EventLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline SQL wraps a migration in BEGIN and COMMIT exactly when the runner gives it a transaction. */
class OfflineSqlTest {

  @Test
  void onlyAMarkerOnALineOfItsOwnLeavesAMigrationOutOfATransaction(@TempDir Path dir) {
    ScriptSource scripts = new Scripts(dir)
        .add("001_create_a.sql", "create table a (id int);", "drop table a;")
        .add("002_index_a.sql", "-- quantagent:no-transaction\ncreate index concurrently a_id on a (id);",
            "-- quantagent:no-transaction\ndrop index concurrently a_id;")
        .add("003_function.sql", "create function f() returns int language plpgsql as $$\nbegin\n"
            + "-- quantagent:no-transaction\n  return 1;\nend $$;", "drop function f();")
        .source();
    String sql = new Migrator(null, scripts, "changelog", EventLog.silent())
        .upgradeSql(new Target.Head(), Optional.of("base"));
    assertEquals(List.of("-- 001_create_a.sql", "BEGIN;", "-- 002_index_a.sql", "-- 003_function.sql", "BEGIN;"),
        sql.lines().filter(line -> line.startsWith("-- 0") || line.equals("BEGIN;")).toList(), sql);
  }
}
