package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.ClientProgram;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.PostgresFixture.OnPostgres;
import io.quantagent.migrations.testing.PostgresMajor;
import io.quantagent.migrations.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A script that sets a client encoding other than UTF8, as pg_dump writes at the top of every dump: pgjdbc, which works in UTF8
 * only, closes the connection, and PostgreSQL reads the text sent with the statement in that encoding. The run refuses
 * it before anything runs, and where the check cannot see it, the failure names the script, not the network.
 */
@ExtendWith(PostgresFixture.class)
class ClientEncodingRunTest {
  /** Sets the encoding where no reading of the text can see it. */
  private static final String HIDDEN = "DO $$ BEGIN EXECUTE 'SET client_encoding = ''LATIN1'''; END $$;";
  /** Forms no reading of the text before the run can see; set_config also makes the runner reset the session after. */
  private static final String EXECUTE_IN_A_DO_BLOCK = "do $$ begin execute 'set client_encoding = ''LATIN1'''; end $$;";
  private static final String SET_CONFIG_IN_A_QUERY =
      "select set_config('client_encoding','LATIN1',false) from (values (1)) v;";
  /** Sets the encoding where not even a script's words show it: in a function an earlier migration made. */
  private static final String LATIN1_FUNCTION = "create function latin1() returns text language sql as $$"
      + " select set_config('client_encoding', 'LATIN1', false) $$;";

  private TestDatabase db;
  private Scripts scripts;

  @BeforeEach
  void freshDatabase(TestDatabase db, @TempDir Path dir) {
    this.db = db;
    scripts = new Scripts(dir).add("001_create_a.sql", "create table a (id int primary key);", "drop table a;");
  }

  private Migrator migrator() {
    return new Migrator(db.connections(), scripts.source(), "changelog", EventLog.silent());
  }

  private Migrator migrator(TransactionMode mode) {
    return migrator().withRunner(RunnerSettings.defaults().withTransaction(mode));
  }

  @Test
  void aDumpsClientEncodingIsRefusedBeforeAnythingRunsNamingFileLineAndValue() throws Exception {
    scripts.add("002_baseline.sql", """
        SET statement_timeout = 0;
        SET client_encoding = 'LATIN1';
        SET standard_conforming_strings = on;
        create table notes (body text);
        insert into notes values ('café');""", "drop table notes;");
    InvalidScriptException e = assertThrows(InvalidScriptException.class, () -> migrator().upgrade(new Target.Head()));
    assertEquals("Nothing was applied:\n  - 002_baseline.sql line 3: SET client_encoding = 'LATIN1'; sets the client"
        + " encoding to 'LATIN1', and the PostgreSQL JDBC driver the runner uses works in UTF8 only: it closes the"
        + " connection, and PostgreSQL reads the text sent with the statement as 'LATIN1' (an accented letter stored"
        + " garbled). Delete the line (pg_dump writes SET client_encoding at the top of every dump; the runner reads"
        + " every script as UTF-8), or make it SET client_encoding = 'UTF8'.", e.getMessage());
    assertEquals(List.of(), db.tables(), "nothing ran, not the migration before it either");
  }

  @Test
  void aDumpsUtf8ClientEncodingRunsAndKeepsTheTextAsWritten() throws Exception {
    scripts.add("002_baseline.sql", """
        SET client_encoding = 'UTF8';
        create table notes (body text);
        insert into notes values ('café');""", "drop table notes;");
    migrator().upgrade(new Target.Head());
    assertEquals("café", db.value("select body from notes"));
  }

  @Test
  void aHiddenChangeInANoTransactionScriptNamesTheScriptAndWhatOfItIsApplied() throws Exception {
    scripts.add("002_convert.sql", "-- quantagent:no-transaction\ncreate table b (id int);\n" + HIDDEN
        + "\ncreate table c (id int);", "drop table c;\ndrop table b;");
    ScriptFailedException e = assertThrows(ScriptFailedException.class, () -> migrator().upgrade(new Target.Head()));
    assertEquals("Migration 2 (convert) failed in 002_convert.sql, statement 2 of 3 (line 4): " + HIDDEN
        + "\n  PostgreSQL: The server's client_encoding parameter was changed to LATIN1. The JDBC driver requires"
        + " client_encoding to be UTF8 for correct operation. [SQLSTATE 08006]"
        + "\n  In 002_convert.sql, a statement set the client encoding to another than UTF8, and the PostgreSQL JDBC"
        + " driver, which works in UTF8 only, closed the connection: nothing is wrong with the database or the"
        + " network. 002_convert.sql runs without a transaction (-- quantagent:no-transaction), so its statements"
        + " commit one by one: statement 1 is applied; statement 2 was running when the connection was lost, and"
        + " PostgreSQL may have committed it or not; the 1 after it are not. It has no changelog row, so the next"
        + " upgrade runs the whole script again: each statement must be safe to repeat (IF NOT EXISTS, IF EXISTS)."
        + " The 1 migration before it in this run stays applied; the database is at 1 (create a).",
        e.getMessage().substring(0, e.getMessage().indexOf("\n  Delete")).replaceFirst(" Unless the server.*", ""));
    assertTrue(e.getMessage().contains("\n  Delete the statement that sets client_encoding from 002_convert.sql, or"
        + " make it set 'UTF8'. It is written in a form the check before the run cannot see"), e.getMessage());
    assertEquals(List.of("a", "b", "changelog"), db.tables());
    assertEquals(List.of("1"), db.changelogIds());
  }

  /**
   * A transactional script whose text may set the client encoding is followed by the runner's check, which fails its
   * transaction before the commit: the SET is rolled back with the rest, so pgjdbc keeps its connection, and the
   * garbled text the statements after the SET wrote never commits. set_config also makes the runner send RESET ALL
   * after the script, which puts the encoding back before PostgreSQL would report it: without the check that run
   * commits, silently.
   */
  @ParameterizedTest(name = "{0}, -Dquantagent.transaction={1}")
  @MethodSource("hiddenFormsInEachTransactionMode")
  void aHiddenChangeInATransactionFailsBeforeTheCommitAndNothingGarbledIsKept(String hidden, TransactionMode mode)
      throws Exception {
    migrator().upgrade(new Target.Head());
    scripts.add("002_create_b.sql", "create table b (id int);", "drop table b;")
        .add("003_notes.sql", "create table notes (body text);\n" + hidden
            + "\ninsert into notes values ('café');", "drop table notes;")
        .add("004_create_c.sql", "create table c (id int);", "drop table c;");
    ScriptFailedException e = assertThrows(ScriptFailedException.class,
        () -> migrator(mode).upgrade(new Target.Head()));
    String rolledBack = mode == TransactionMode.EACH
        ? "It was rolled back: nothing of it is applied and it has no changelog row. The 1 migration before it in this"
            + " run stays applied; the database is at 2 (create b)."
        : "It was rolled back: nothing of it is applied and it has no changelog row. It shared its transaction"
            + " (-Dquantagent.transaction=all) with the 1 migration before it in this run, rolled back with it: nothing"
            + " of the run is applied.";
    assertEquals("Migration 3 (notes) failed in 003_notes.sql at the check that its 3 statements left the client"
        + " encoding UTF8\n  PostgreSQL: client_encoding is LATIN1 after the statements of the migration, not UTF8"
        + " [SQLSTATE QAENC]"
        + "\n  In 003_notes.sql, a statement set the client encoding to LATIN1 in a form the check before the run"
        + " cannot see (an EXECUTE in a DO block, set_config in a function or in a larger query). PostgreSQL read the"
        + " statements after it in that encoding (an accented letter would be stored garbled), and the PostgreSQL"
        + " JDBC driver works in UTF8 only: the runner's check after the script failed its transaction before it could"
        + " commit. "
        + rolledBack + "\n  Delete the statement that sets client_encoding from 003_notes.sql, or make it set 'UTF8',"
        + " then run the same mvn quantagent:upgrade command again.", e.getMessage());
    assertEquals(mode == TransactionMode.EACH ? List.of("1", "2") : List.of("1"), db.changelogIds());
    assertEquals(mode == TransactionMode.EACH ? List.of("a", "b", "changelog") : List.of("a", "changelog"),
        db.tables());
    assertEquals(0, garbledRows());

    scripts.add("003_notes.sql", "create table notes (body text);\ninsert into notes values ('café');",
        "drop table notes;");
    migrator(mode).upgrade(new Target.Head());
    assertEquals(List.of("1", "2", "3", "4"), db.changelogIds());
    assertEquals("café", db.value("select body from notes"));
    assertEquals(0, garbledRows());
  }

  /** PostgreSQL 15 reports a setting as 17 does, and restores it as the check's error aborts the transaction. */
  @Test
  void aHiddenChangeTheRunnersResetWouldHideFailsBeforeTheCommitOnPostgres15(
      @OnPostgres(PostgresMajor.V15) TestDatabase onPostgres15) throws Exception {
    db = onPostgres15;
    scripts.add("002_notes.sql", "create table notes (body text);\n" + SET_CONFIG_IN_A_QUERY
        + "\ninsert into notes values ('café');", "drop table notes;");
    ScriptFailedException e = assertThrows(ScriptFailedException.class, () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("\n  In 002_notes.sql, a statement set the client encoding to LATIN1"),
        e.getMessage());
    assertEquals(List.of("1"), db.changelogIds());
    assertEquals(List.of("a", "changelog"), db.tables());
    assertEquals(0, garbledRows());
  }

  /**
   * The offline SQL file has the check too: psql follows the encoding the script set and sends the rest of the file,
   * written in UTF-8, as it is, so the server reads it garbled; psql stops at the check, and the transaction with it.
   */
  @Test
  void anOfflineSqlFileStopsAtTheCheckAndCommitsNothingGarbled(@TempDir Path files) throws Exception {
    String psql = ClientProgram.psql();
    migrator().upgrade(new Target.Head());
    scripts.add("002_notes.sql", "create table notes (body text);\n" + SET_CONFIG_IN_A_QUERY
        + "\ninsert into notes values ('café');", "drop table notes;");
    Path file = upgradeSqlFile(files);
    ClientProgram.Outcome run = ClientProgram.psqlFile(db, psql, file);
    assertFalse(run.succeeded(), run.output());
    assertTrue(run.output().contains("ERROR:  client_encoding is LATIN1 after the statements of the migration, not"
        + " UTF8"), run.output());
    assertEquals(List.of("1"), db.changelogIds());
    assertEquals(List.of("a", "changelog"), db.tables());
    assertEquals(0, garbledRows());
  }

  /**
   * The offline SQL file is UTF-8 whatever encoding psql itself speaks (PGCLIENTENCODING, a Windows code page, a C
   * locale's SQL_ASCII): it says so at its top, so its text is stored as written and the check does not fail it.
   */
  @Test
  void anOfflineSqlFileRunByAPsqlSpeakingLatin1StoresItsTextAsWritten(@TempDir Path files) throws Exception {
    String psql = ClientProgram.psql();
    migrator().upgrade(new Target.Head());
    scripts.add("002_notes.sql", "create table notes (body text, encoding text);\ninsert into notes values ('café',"
        + " current_setting('client_encoding'));", "drop table notes;");
    Path file = upgradeSqlFile(files);
    ClientProgram.Outcome run = ClientProgram.psqlFile(db, psql, file, "LATIN1");
    assertTrue(run.succeeded(), run.output());
    assertEquals("café UTF8", db.value("select body || ' ' || encoding from notes"));
    assertEquals(0, garbledRows());
  }

  /** The offline SQL file of an upgrade to head, as -Dquantagent.sql writes it. */
  private Path upgradeSqlFile(Path files) throws Exception {
    return Files.writeString(files.resolve("upgrade.sql"), migrator().upgradeSql(new Target.Head(), Optional.empty()));
  }

  /** An undo gets the check too: it is rolled back, and the migration stays applied. */
  @Test
  void aHiddenChangeInAnUndoFailsBeforeTheCommitAndTheMigrationStaysApplied() throws Exception {
    scripts.add("002_notes.sql", "create table notes (body text);", SET_CONFIG_IN_A_QUERY
        + "\ninsert into notes values ('café');\nalter table notes rename to dropped_notes;");
    migrator().upgrade(new Target.Head());
    ScriptFailedException e = assertThrows(ScriptFailedException.class,
        () -> migrator().downgrade(new Target.Relative(1)));
    assertTrue(e.getMessage().startsWith("Undoing migration 2 (notes) failed in 002_notes.sql at the check that its 3"
        + " statements left the client encoding UTF8\n"), e.getMessage());
    assertTrue(e.getMessage().contains(" The undo was rolled back: migration 2 (notes) stays applied, with its"
        + " changelog row.\n  Delete the statement that sets client_encoding from the -- //@UNDO part of"
        + " 002_notes.sql, or make it set 'UTF8', then run the same mvn quantagent:downgrade command again."),
        e.getMessage());
    assertEquals(List.of("1", "2"), db.changelogIds());
    assertEquals(List.of("a", "changelog", "notes"), db.tables());
    assertEquals(0, garbledRows());
  }

  /** The check reads the text loosely: a script that only reads the client encoding costs a check that passes. */
  @Test
  void aScriptThatMerelyReadsTheClientEncodingRunsAndCommits() throws Exception {
    scripts.add("002_people.sql", "create table people (names text, encoding text);\ninsert into people values"
        + " ('café', current_setting('client_encoding'));", "drop table people;");
    migrator().upgrade(new Target.Head());
    assertEquals(List.of("1", "2"), db.changelogIds());
    assertEquals("café UTF8", db.value("select names || ' ' || encoding from people"));
  }

  /**
   * Where not even the check's reading of the text sees it (a function an earlier migration made), the server reports
   * the setting only when the round trip ends, after it committed what it carried: the message must not say that the
   * migrations were rolled back.
   */
  @Test
  void aChangeNoTextShowsSaysWhatWasSentMayBeAppliedAndWhereTheSettingIs() throws Exception {
    scripts.add("002_latin1.sql", LATIN1_FUNCTION, "drop function latin1();");
    migrator().upgrade(new Target.Head());
    scripts.add("003_convert.sql", "create table c (id int);\nselect latin1();", "drop table c;");
    ScriptFailedException e = assertThrows(ScriptFailedException.class, () -> migrator().upgrade(new Target.Head()));
    String message = e.getMessage();
    assertTrue(message.startsWith("The upgrade stopped at the end of the round trip that sent 3 (convert): in it, a"
        + " statement set the client encoding to another than UTF8, and the PostgreSQL JDBC driver, which works in"
        + " UTF8 only, closed the connection: nothing is wrong with the database or the network.\n  PostgreSQL: The"
        + " server's client_encoding parameter was changed to LATIN1."), message);
    assertTrue(message.contains("\n  PostgreSQL runs a whole round trip, its commits too, before it reports the"
        + " setting: it may be applied, with its changelog row. Nothing else was applied."
        + "\n  Delete the statement that sets client_encoding, or make it set 'UTF8'."), message);
    assertFalse(message.contains("rolled back"), message);
    assertEquals(List.of("1", "2", "3"), db.changelogIds(), "PostgreSQL committed it before it reported the setting");
  }

  /** With -Dquantagent.transaction=all no round trip commits: the transaction it left open is rolled back. */
  @Test
  void aChangeNoTextShowsInTheRunsOneTransactionSaysItWasRolledBack() throws Exception {
    scripts.add("002_latin1.sql", LATIN1_FUNCTION, "drop function latin1();");
    migrator().upgrade(new Target.Head());
    scripts.add("003_create_b.sql", "create table b (id int);", "drop table b;")
        .add("004_convert.sql", "create table c (id int);\nselect latin1();", "drop table c;");
    ScriptFailedException e = assertThrows(ScriptFailedException.class,
        () -> migrator(TransactionMode.ALL).upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("\n  The run's transaction (-Dquantagent.transaction=all) was still open:"
        + " PostgreSQL rolled it back, with every migration in it. Nothing else was applied.\n  Delete the statement"
        + " that sets client_encoding, or make it set 'UTF8'."), e.getMessage());
    assertEquals(List.of("1", "2"), db.changelogIds());
    assertEquals(List.of("a", "changelog"), db.tables());
  }

  static Stream<Arguments> hiddenFormsInEachTransactionMode() {
    return Stream.of(Named.of("an EXECUTE in a DO block", EXECUTE_IN_A_DO_BLOCK),
        Named.of("set_config in a query", SET_CONFIG_IN_A_QUERY))
        .flatMap(hidden -> Stream.of(TransactionMode.values()).map(mode -> Arguments.of(hidden, mode)));
  }

  /** Rows of any table, the changelog's too, whose text holds an é that PostgreSQL read as LATIN1 (Ã©). */
  private long garbledRows() throws SQLException {
    long rows = 0;
    for (String table : db.tables()) {
      rows += Long.parseLong(db.value("select count(*) from " + table + " t where t::text like '%Ã©%'"));
    }
    return rows;
  }
}
