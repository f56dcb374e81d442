package io.quantagent.migrations.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteOnceFileTest {
  @TempDir Path dir;

  @Test
  void theLoserOfARaceReadsTheWinnersValueAndTheFileIsNeverReplaced() throws Exception {
    Path file = dir.resolve("pgdata.password");
    // The other process writes its file after our check for it and before ours lands: exactly the lost race.
    String value = WriteOnceFile.readOrCreate(file, () -> {
      try {
        Files.writeString(file, "winner\n");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return "loser";
    });
    assertEquals("winner", value);
    assertEquals("winner\n", Files.readString(file));
    try (var left = Files.list(dir)) {
      assertEquals(1, left.count(), "no draft left behind");
    }
  }

  @Test
  void aNewFileIsReadableByItsOwnerOnly() throws Exception {
    Path file = dir.resolve("pgdata.password");
    assertEquals("secret", WriteOnceFile.readOrCreate(file, () -> "secret"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("secret", WriteOnceFile.readOrCreate(file, () -> "another"));
  }
}
