package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptCreatorTest {
  private static final Clock NOON_IN_TOKYO = Clock.fixed(Instant.parse("2025-03-04T12:00:59Z"), ZoneId.of("Asia/Tokyo"));

  @Test
  void idIsTheUtcTimeAndTheFileHasHeaderAndUndo(@TempDir Path dir) throws Exception {
    Path script = new ScriptCreator(dir, NOON_IN_TOKYO).create("Add risk level to trades");
    assertEquals("20250304120059_add_risk_level_to_trades.sql", script.getFileName().toString());
    String text = Files.readString(script);
    assertTrue(text.startsWith("-- // Add risk level to trades\n"), text);
    assertTrue(text.contains("\n-- //@UNDO\n"), text);
  }

  @Test
  void twoScriptsInOneSecondGetDistinctOrderedIds(@TempDir Path dir) {
    ScriptCreator creator = new ScriptCreator(dir, NOON_IN_TOKYO);
    String first = creator.create("first").getFileName().toString();
    String second = creator.create("second").getFileName().toString();
    assertEquals("20250304120059_first.sql", first);
    assertEquals("20250304120100_second.sql", second);
  }

  @Test
  void newIdsComeAfterScriptsFromTheFuture(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("20301231235959_later.sql"), "-- // later\n-- //@UNDO\n");
    Path script = new ScriptCreator(dir, NOON_IN_TOKYO).create("next");
    assertEquals("20310101000000_next.sql", script.getFileName().toString());
  }

  @Test
  void createsTheDirectoryWhenMissing(@TempDir Path dir) {
    Path script = new ScriptCreator(dir.resolve("a/b"), NOON_IN_TOKYO).create("x");
    assertTrue(Files.isRegularFile(script));
  }
}
