package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script that sets a client encoding other than UTF8, as pg_dump writes at the top of every dump: pgjdbc, which works in UTF8
 * only, closes the connection, and PostgreSQL reads the text sent with the statement in that encoding. The run refuses
 * it before anything runs, and where the check cannot see it, the failure names the script, not the network.
 */
@ExtendWith(PostgresFixture.class)
class ClientEncodingRunTest {
  /** Sets the encoding where no reading of the text can see it. */
  private static final String HIDDEN = "DO $$ BEGIN EXECUTE 'SET client_encoding = ''LATIN1'''; END $$;";

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
   * In a transaction the server reports the setting only when the round trip ends, after it committed what it
   * carried: the message must not say that the migrations were rolled back.
   */
  @Test
  void aHiddenChangeInATransactionSaysWhatWasSentMayBeAppliedAndWhereTheSettingIs() throws Exception {
    migrator().upgrade(new Target.Head());
    scripts.add("002_convert.sql", "create table c (id int);\n" + HIDDEN, "drop table c;");
    ScriptFailedException e = assertThrows(ScriptFailedException.class, () -> migrator().upgrade(new Target.Head()));
    String message = e.getMessage();
    assertTrue(message.startsWith("The upgrade stopped at the end of the round trip that sent 2 (convert): in it, a"
        + " statement set the client encoding to another than UTF8, and the PostgreSQL JDBC driver, which works in"
        + " UTF8 only, closed the connection: nothing is wrong with the database or the network.\n  PostgreSQL: The"
        + " server's client_encoding parameter was changed to LATIN1."), message);
    assertTrue(message.contains("\n  PostgreSQL runs a whole round trip, its commits too, before it reports the"
        + " setting: it may be applied, with its changelog row. Nothing else was applied."
        + "\n  Delete the statement that sets client_encoding (client_encoding appears in 002_convert.sql), or make"
        + " it set 'UTF8'."), message);
    assertFalse(message.contains("rolled back"), message);
    assertEquals(List.of("1", "2"), db.changelogIds(), "PostgreSQL committed it before it reported the setting");
  }

  /** With -Dquantagent.transaction=all no round trip commits: the transaction it left open is rolled back. */
  @Test
  void aHiddenChangeInTheRunsOneTransactionSaysItWasRolledBack() throws Exception {
    migrator().upgrade(new Target.Head());
    scripts.add("002_create_b.sql", "create table b (id int);", "drop table b;")
        .add("003_convert.sql", "create table c (id int);\n" + HIDDEN, "drop table c;");
    ScriptFailedException e = assertThrows(ScriptFailedException.class, () -> migrator()
        .withRunner(RunnerSettings.defaults().withTransaction(TransactionMode.ALL)).upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("\n  The run's transaction (-Dquantagent.transaction=all) was still open:"
        + " PostgreSQL rolled it back, with every migration in it. Nothing else was applied.\n  Delete the statement"
        + " that sets client_encoding (client_encoding appears in 003_convert.sql), or make it set 'UTF8'."),
        e.getMessage());
    assertEquals(List.of("1"), db.changelogIds());
    assertEquals(List.of("a", "changelog"), db.tables());
  }
}
