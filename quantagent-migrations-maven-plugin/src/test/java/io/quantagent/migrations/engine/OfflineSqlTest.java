package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.events.EventLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline SQL wraps a migration in BEGIN and COMMIT exactly when the runner gives it a transaction, and is refused
 * where the runner would refuse the script.
 */
class OfflineSqlTest {
  /** What a migration under the run's default sets: the session's own lock_timeout where stricter, else 2 s. */
  private static final String KEEPS_STRICTER_LOCAL = "DO $quantagent$BEGIN SET LOCAL lock_timeout TO DEFAULT;"
      + " PERFORM set_config('lock_timeout', CASE WHEN current_setting('lock_timeout')::interval > interval '0' AND"
      + " current_setting('lock_timeout')::interval < interval '2000 milliseconds' THEN current_setting('lock_timeout')"
      + " ELSE '2000' END, true); END$quantagent$;\n";
  private static final String KEEPS_STRICTER_SESSION = KEEPS_STRICTER_LOCAL
      .replace("SET LOCAL lock_timeout TO DEFAULT", "RESET lock_timeout").replace("true);", "false);");


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

  @Test
  void aScriptThatUpgradeWouldRefuseWritesNoSql(@TempDir Path dir) {
    ScriptSource scripts = new Scripts(dir)
        .add("001_create_a.sql", "create table a (id int);", "drop table a;")
        .add("002_commits_midway.sql", "create table b (id int);\ncommit;\ncreate table c (id int);",
            "drop table c;\ncommit;\ndrop table b;")
        .add("003_index_a.sql", "create index concurrently a_id on a (id);", "drop index a_id;")
        .source();
    Migrator migrator = new Migrator(null, scripts, "changelog", EventLog.silent());
    InvalidScriptException e = assertThrows(InvalidScriptException.class,
        () -> migrator.upgradeSql(new Target.Head(), Optional.of("base")));
    assertTrue(e.getMessage().contains("002_commits_midway.sql line 3: commit; ends the transaction"), e.getMessage());
    assertTrue(e.getMessage().contains("003_index_a.sql line 2: create index concurrently a_id on a (id); cannot run"
        + " inside a transaction"), e.getMessage());
    InvalidScriptException undo = assertThrows(InvalidScriptException.class,
        () -> migrator.downgradeSql(new Target.Base(), Optional.of("3")));
    assertTrue(undo.getMessage().startsWith("Nothing was undone"), undo.getMessage());
  }

  /** The file names the versions it goes between, and makes the changelog table before the first migration's row. */
  @Test
  void theFileNamesItsVersionsAndMakesTheChangelogBeforeItsRows(@TempDir Path dir) {
    ScriptSource scripts = new Scripts(dir)
        .add("001_create_a.sql", "create table a (id int);", "drop table a;")
        .add("002_create_b.sql", "create table b (id int);", "drop table b;")
        .source();
    Migrator migrator = new Migrator(null, scripts, "changelog", EventLog.silent());
    String sql = migrator.upgradeSql(new Target.Head(), Optional.of("base"));
    assertEquals("-- QuantAgent Migrations: upgrade from base to 2 (create b)", sql.lines().findFirst().orElseThrow());
    int table = sql.indexOf("CREATE TABLE IF NOT EXISTS changelog (");
    assertTrue(table > 0 && table < sql.indexOf("INSERT INTO changelog"), sql);
    String nothingToDo = migrator.upgradeSql(new Target.Head(), Optional.of("2"));
    assertEquals("-- QuantAgent Migrations: upgrade from 2 (create b) to 2 (create b)",
        nothingToDo.lines().findFirst().orElseThrow());
  }

  /**
   * Each script the runner would refuse is named with its line in its file, in the undo part too: each change here
   * ends in a blank line before its -- //@UNDO, as autogenerate writes it.
   */
  @Test
  void everyRefusedScriptIsNamedWithItsLineInItsFile(@TempDir Path dir) {
    ScriptSource scripts = new Scripts(dir)
        .add("001_psql.sql", "create table a (id int);\n\\connect other\n", "drop table a;\n\\connect other")
        .add("002_unlock.sql", "create table b (id int);\ndiscard all;\n",
            "drop table b;\nselect pg_advisory_unlock_all();")
        .add("003_encoding.sql", "set client_encoding = 'LATIN1';\n", "drop table c;\nset client_encoding to 'SQL_ASCII';")
        .add("004_datestyle.sql", "set datestyle = 'German';\n", "drop table d;\nset datestyle to 'SQL, DMY';")
        .add("005_unterminated.sql", "create table e (note text default 'never closed);\n",
            "drop table e;\n/* never closed")
        .add("006_no_undo.sql", "create table f (id int);\n", "-- quantagent:no-undo")
        .source();
    Migrator migrator = new Migrator(null, scripts, "changelog", EventLog.silent());
    String upgrade = assertThrows(InvalidScriptException.class,
        () -> migrator.upgradeSql(new Target.Head(), Optional.of("base"))).getMessage();
    assertEquals(List.of("001_psql.sql line 3: \\connect other is a psql command",
        "002_unlock.sql line 3: discard all; would release the run lock",
        "003_encoding.sql line 2: set client_encoding = 'LATIN1'; sets the client encoding to 'LATIN1'",
        "004_datestyle.sql line 2: set datestyle = 'German'; makes PostgreSQL write dates as",
        "005_unterminated.sql line 2: "), problemsOpening(upgrade), upgrade);
    String downgrade = assertThrows(InvalidScriptException.class,
        () -> migrator.downgradeSql(new Target.Base(), Optional.of("6"))).getMessage();
    assertEquals(List.of("006_no_undo.sql: its -- //@UNDO part says -- quantagent:no-undo, so it cannot be undone",
        "005_unterminated.sql line 6: ",
        "004_datestyle.sql line 6: set datestyle to 'SQL, DMY'; makes PostgreSQL write dates as",
        "003_encoding.sql line 6: set client_encoding to 'SQL_ASCII'; sets the client encoding to 'SQL_ASCII'",
        "002_unlock.sql line 7: select pg_advisory_unlock_all(); would release the run lock",
        "001_psql.sql line 7: \\connect other is a psql command"), problemsOpening(downgrade), downgrade);
  }

  /** Each problem of a refusal, cut after what it names: its file, line, statement and what the statement does. */
  private static List<String> problemsOpening(String refusal) {
    return refusal.lines().filter(line -> line.startsWith("  - ")).map(line -> line.substring(4))
        .map(problem -> problem.replaceFirst("^(.*?: (?:.*?(?: is a psql command| would release the run lock"
            + "| sets the client encoding to '\\w+'| makes PostgreSQL write dates as| cannot be undone))?).*$", "$1"))
        .toList();
  }

  @Test
  void aScriptThatSetsTheSearchPathIsFollowedByTheRunnersResetsBeforeItsChangelogRow(@TempDir Path dir) {
    ScriptSource scripts = new Scripts(dir)
        .add("001_baseline.sql",
            "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE public.a (id int);",
            "DROP TABLE public.a;")
        .add("002_create_b.sql", "create table b (id int);", "drop table b;")
        .source();
    String sql = new Migrator(null, scripts, "changelog", EventLog.silent())
        .upgradeSql(new Target.Head(), Optional.of("base"));
    String first = sql.substring(sql.indexOf("-- 001_baseline.sql"), sql.indexOf("-- 002_create_b.sql"));
    assertTrue(first.contains("CREATE TABLE public.a (id int);\nRESET ALL;\nRESET ROLE;\nINSERT INTO changelog"), first);
    assertFalse(sql.substring(sql.indexOf("-- 002_create_b.sql")).contains("RESET"), sql);
  }

  /** psql gets the check that a script left the client encoding UTF8 where the runner sends it: before the resets. */
  @Test
  void aScriptThatMaySetTheClientEncodingIsFollowedByTheCheckBeforeTheResets(@TempDir Path dir) {
    ScriptSource scripts = new Scripts(dir)
        .add("001_notes.sql", "create table notes (body text);\n"
            + "select set_config('client_encoding', 'LATIN1', false) from (values (1)) v;", "drop table notes;")
        .add("002_names.sql", "-- quantagent:no-transaction\ncreate table people (names text);", "drop table people;")
        .source();
    String sql = new Migrator(null, scripts, "changelog", EventLog.silent())
        .upgradeSql(new Target.Head(), Optional.of("base"));
    String first = sql.substring(sql.indexOf("-- 001_notes.sql"), sql.indexOf("-- 002_names.sql"));
    assertTrue(first.contains("from (values (1)) v;\n" + ClientEncodingGuard.SQL + ";\nRESET ALL;\nRESET ROLE;\n"
        + "INSERT INTO changelog"), first);
    assertFalse(sql.substring(sql.indexOf("-- 002_names.sql")).contains(ClientEncodingGuard.SQL),
        "a script without a transaction gets none, as from the runner: " + sql);
  }

  /**
   * psql gets the lock-timeout guard and a script's own timeouts, as the runner sends them. The guard's default gives
   * way to a stricter lock_timeout of the session's, which each migration under it goes back to in plain SQL.
   */
  @Test
  void eachMigrationGetsTheTimeoutsTheRunnerWouldSet(@TempDir Path dir) {
    ScriptSource scripts = timeoutScripts(dir)
        .add("004_create_b.sql", "create table b (id int);", "drop table b;")
        .source();
    String sql = new Migrator(null, scripts, "changelog", EventLog.silent())
        .upgradeSql(new Target.Head(), Optional.of("base"));
    assertTrue(sql.contains("SET client_encoding = 'UTF8';\n-- Where the session has a lock_timeout of its own"
        + " stricter than the run's 2 s (ALTER ROLE or ALTER DATABASE ... SET, postgresql.conf, PGOPTIONS), a migration"
        + " without a limit of its own keeps it, as upgrade does; -Dquantagent.statementLockTimeout writes its own"
        + " instead.\n\n"), sql);
    assertTrue(sql.contains("-- 001_create_a.sql\nBEGIN;\n" + KEEPS_STRICTER_LOCAL + "create table a"), sql);
    assertTrue(sql.contains("-- 002_backfill.sql\nBEGIN;\nSET LOCAL lock_timeout = 30000;\n"
        + "SET LOCAL statement_timeout = 600000;\n"), sql);
    // The index build waits as long as it needs (the guard would leave an invalid index); the statement after it not.
    assertTrue(sql.contains("\\gexec\ncreate index concurrently a_id on a (id);\n"
        + KEEPS_STRICTER_SESSION + "analyze a;\nreset lock_timeout;\nreset statement_timeout;\n"
        + "INSERT INTO changelog"), sql);
    assertTrue(sql.contains("-- 004_create_b.sql\nBEGIN;\n" + KEEPS_STRICTER_LOCAL + "create table b"), sql);
    assertFalse(sql.contains(":'"), "plain SQL, no psql variable: " + sql);
  }

  /** A limit the user gave is the one asked for: the file writes it, as upgrade sets it, and reads no session. */
  @Test
  void anExplicitLockTimeoutIsWrittenAsItIsAndNoSessionIsRead(@TempDir Path dir) {
    String sql = new Migrator(null, timeoutScripts(dir).source(), MigratorSettings.defaults()
        .withChangelogTable("changelog").withRunner(RunnerSettings.parse("2s", 5, "off", "each")), EventLog.silent())
        .upgradeSql(new Target.Head(), Optional.of("base"));
    assertFalse(sql.contains("current_setting('lock_timeout')"), sql);
    assertTrue(sql.contains("-- 001_create_a.sql\nBEGIN;\nSET LOCAL lock_timeout = 2000;\ncreate table a"), sql);
    assertTrue(sql.contains("\\gexec\ncreate index concurrently a_id on a (id);\nset lock_timeout = 2000;\n"
        + "analyze a;\n"), sql);
  }

  /** A file whose every statement has its own limit, or none (an index build), needs no reading of the session. */
  @Test
  void aFileWithoutAStatementUnderTheRunsLimitReadsNoSession(@TempDir Path dir) {
    ScriptSource scripts = new Scripts(dir)
        .add("001_create_a.sql", "-- quantagent:lock-timeout 5s\ncreate table a (id int);", "drop table a;")
        .add("002_index_a.sql", "-- quantagent:no-transaction\ncreate index concurrently a_id on a (id);",
            "-- quantagent:no-transaction\ndrop index concurrently a_id;")
        .source();
    String sql = new Migrator(null, scripts, "changelog", EventLog.silent())
        .upgradeSql(new Target.Head(), Optional.of("base"));
    assertFalse(sql.contains("current_setting('lock_timeout')"), sql);
    assertTrue(sql.contains("-- 001_create_a.sql\nBEGIN;\nSET LOCAL lock_timeout = 5000;\ncreate table a"), sql);
  }

  private static Scripts timeoutScripts(Path dir) {
    return new Scripts(dir)
        .add("001_create_a.sql", "create table a (id int);", "drop table a;")
        .add("002_backfill.sql", "-- quantagent:lock-timeout 30s\n-- quantagent:statement-timeout 10min\n"
            + "update a set id = id;", "select 1;")
        .add("003_index_a.sql", "-- quantagent:no-transaction\ncreate index concurrently a_id on a (id);\n"
            + "analyze a;", "-- quantagent:no-transaction\ndrop index concurrently a_id;");
  }

  @Test
  void transactionAllSharesOneTransactionBetweenNoTransactionScripts(@TempDir Path dir) {
    ScriptSource scripts = new Scripts(dir)
        .add("001_create_a.sql", "create table a (id int);", "drop table a;")
        .add("002_create_b.sql", "-- quantagent:lock-timeout off\ncreate table b (id int);", "drop table b;")
        .add("003_index_a.sql", "-- quantagent:no-transaction\ncreate index concurrently a_id on a (id);",
            "-- quantagent:no-transaction\ndrop index concurrently a_id;")
        .add("004_create_c.sql", "create table c (id int);", "drop table c;")
        .source();
    String sql = new Migrator(null, scripts, MigratorSettings.defaults().withChangelogTable("changelog")
        .withRunner(RunnerSettings.defaults().withTransaction(TransactionMode.ALL)), EventLog.silent())
        .upgradeSql(new Target.Head(), Optional.of("base"));
    assertEquals(List.of("-- 001_create_a.sql", "BEGIN;", "-- 002_create_b.sql", "COMMIT;", "-- 003_index_a.sql",
        "-- 004_create_c.sql", "BEGIN;", "COMMIT;"), sql.lines().filter(line -> line.startsWith("-- 0")
            || line.equals("BEGIN;") || line.equals("COMMIT;")).toList(), sql);
    // A SET LOCAL lasts until the shared transaction ends: the migration after an override sets the guard back.
    assertTrue(sql.contains("-- 002_create_b.sql\nSET LOCAL lock_timeout = 0;\nSET LOCAL statement_timeout TO"
        + " DEFAULT;\ncreate table b"), sql);
    assertTrue(sql.contains("-- 004_create_c.sql\nBEGIN;\n" + KEEPS_STRICTER_LOCAL
        + "SET LOCAL statement_timeout TO DEFAULT;\ncreate table c"), sql);
  }
}
