package io.quantagent.migrations.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvWriterTest {
  @TempDir Path dir;

  @Test
  void aNewFileHoldsTheLineAndOnlyItsOwnerMayReadIt() throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
    Path env = dir.resolve(".env");
    DotEnvWriter.set(env, "DATABASE_URL", "postgresql://u:p%40@h:5432/db");
    assertEquals("DATABASE_URL=postgresql://u:p%40@h:5432/db\n", Files.readString(env));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no draft left behind");
    }
  }

  @Test
  void theKeysLineIsReplacedWhereItStandsAndEveryOtherLineStays() throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
    Path env = dir.resolve(".env");
    Files.writeString(env, "\uFEFF# mine\nAPI_KEY=abc\nexport DATABASE_URL=\"postgresql://old@h/db\"\nOTHER=1\n"
        + "DATABASE_URL=postgresql://older@h/db\n");
    Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-r--r--"));
    DotEnvWriter.set(env, "DATABASE_URL", "postgresql://new@h:5432/db");
    assertEquals("# mine\nAPI_KEY=abc\nDATABASE_URL=postgresql://new@h:5432/db\nOTHER=1\n", Files.readString(env));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));
  }
}
