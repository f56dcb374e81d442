package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** An unedited template and an empty @UNDO section no longer apply or downgrade without a word. */
@ExtendWith(PostgresFixture.class)
class UnfinishedScriptsTest {

  @Test
  void anUneditedTemplateIsNamedOnUpgradeAndFailsCheck(TestDatabase db, @TempDir Path dir) {
    Path script = new ScriptCreator(dir, Clock.systemUTC()).create("add risk level");
    String name = script.getFileName().toString();
    List<String> warnings = new ArrayList<>();
    Migrator migrator = new Migrator(db.connections(), ScriptSource.directory(dir), "changelog", warnings(warnings));
    migrator.upgrade(new Target.Head());
    assertEquals(List.of(name + " looks unfinished: line 2 is create's placeholder; write what it asks for in its"
        + " place; line 7 is create's placeholder; write what it asks for in its place; it has no statement before"
        + " -- //@UNDO, so upgrade would record it as applied and change nothing; its -- //@UNDO section has no"
        + " statement, so downgrade would record it as undone and leave its change in place (write"
        + " -- quantagent:no-undo there if it cannot be undone)."), warnings);
    CheckResult check = migrator.check();
    assertFalse(check.passed());
    assertEquals(warnings, check.unfinished());
  }

  @Test
  void anEmptyUndoWarnsOnUpgradeAndDowngradeUnlessDeclared(TestDatabase db, @TempDir Path dir) throws Exception {
    new Scripts(dir).add("001_backfill.sql", "create table b (id int);", "-- quantagent:no-undo")
        .add("002_create_a.sql", "create table a (id int);", "");
    List<String> warnings = new ArrayList<>();
    Migrator migrator = new Migrator(db.connections(), ScriptSource.directory(dir), "changelog", warnings(warnings));
    migrator.upgrade(new Target.Head());
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("002_create_a.sql looks unfinished: its -- //@UNDO section has no"
        + " statement"), warnings.get(0));
    assertEquals(warnings, migrator.check().unfinished());
    warnings.clear();
    migrator.downgrade(new Target.Revision("1"));
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("002_create_a.sql looks unfinished"), warnings.get(0));
    assertEquals(List.of("a", "b", "changelog"), db.tables(), "the trap itself: downgraded, yet the table remains");
    // The declared one is not a trap: the downgrade past it is refused (MigratorTest has the message).
    assertThrows(InvalidScriptException.class, () -> migrator.downgrade(new Target.Base()));
  }

  @Test
  void aFinishedScriptPassesAndStillSaysHowStatementsEnd(TestDatabase db, @TempDir Path dir) throws Exception {
    Path script = new ScriptCreator(dir, Clock.systemUTC()).create("add risk level");
    String template = Files.readString(script);
    assertTrue(template.contains("SQL statements separated by ';' (a ';' in quotes, in a $$ body or in a comment"
        + " ends none)"), template);
    Files.writeString(script, "-- // add risk level\ncreate table t (id int);\nalter table t add column risk int\n"
        + "-- //@UNDO\ndrop table t\n");
    Migrator migrator = new Migrator(db.connections(), ScriptSource.directory(dir), "changelog", EventLog.silent());
    migrator.upgrade(new Target.Head());
    assertTrue(migrator.check().passed());
  }

  private static EventLog warnings(List<String> warnings) {
    return new EventLog() {
      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {
        warnings.add(message);
      }

      @Override
      public void debug(String message) {}
    };
  }
}
