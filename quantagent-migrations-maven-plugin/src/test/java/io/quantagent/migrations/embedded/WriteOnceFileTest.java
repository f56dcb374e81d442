package io.quantagent.migrations.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantagent.migrations.testing.Prerequisite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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

  /** The value is asked for once its file exists, so the file's mode at creation is what this sees. */
  @Test
  void theFileIsReadableByItsOwnerOnlyFromTheMomentItExists() throws Exception {
    Path wide = Files.createFile(dir.resolve("with-the-default-mode"));
    Prerequisite.require(Files.getPosixFilePermissions(wide).contains(PosixFilePermission.OTHERS_READ),
        "a umask that lets others read new files (the usual 022), without which this test cannot fail");
    Files.delete(wide);
    List<String> modesWhileAsked = new ArrayList<>();
    WriteOnceFile.readOrCreate(dir.resolve("pgdata.password"), () -> {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path created : (Iterable<Path>) files::iterator) {
          modesWhileAsked.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(created)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return "secret";
    });
    assertEquals(List.of("rw-------"), modesWhileAsked);
  }
}
