package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
 * it before anything runs.
 */
@ExtendWith(PostgresFixture.class)
class ClientEncodingRunTest {
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
}
