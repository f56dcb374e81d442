package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check a goal makes before it opens a database (so that a bad script never starts the embedded one): the same
 * check its operations make, done once.
 */
class ScriptSourceTest {
  @TempDir Path directory;

  @Test
  void validateRefusesABadScriptWithoutADatabase() throws Exception {
    new Scripts(directory).add("20250101000001_create_orders.sql", "CREATE TABLE orders (id int);", "DROP TABLE orders;");
    Files.writeString(directory.resolve("20250101000002_create_trades.sql"), "-- // create trades\nCREATE TABLE t();\n");
    ScriptSource source = ScriptSource.directory(directory);
    InvalidScriptException e = assertThrows(InvalidScriptException.class, source::validate);
    assertTrue(e.getMessage().contains("20250101000002_create_trades.sql has no '-- //@UNDO' line"), e.getMessage());
  }

  @Test
  void theScriptsAreValidatedOnceHoweverOftenAGoalAsks() {
    ScriptSource source = new Scripts(directory)
        .add("20250101000001_create_orders.sql", "CREATE TABLE orders (id int);", "DROP TABLE orders;").source();
    source.validate();
    assertSame(source.scripts(), source.scripts(), "a second validation of 10,000 scripts would cost as much again");
  }
}
