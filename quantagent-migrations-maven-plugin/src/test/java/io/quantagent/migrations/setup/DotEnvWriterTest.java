package io.quantagent.migrations.setup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantagent.migrations.db.DotEnvFile;
import io.quantagent.migrations.testing.Prerequisite;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvWriterTest {
  @TempDir Path dir;

  @Test
  void aNewFileHoldsTheLineAndOnlyItsOwnerMayReadIt() throws Exception {
    Prerequisite.require(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file permissions");
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
    Prerequisite.require(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file permissions");
    Path env = dir.resolve(".env");
    Files.writeString(env, "\uFEFF# mine\nAPI_KEY=abc\nexport DATABASE_URL=\"postgresql://old@h/db\"\nOTHER=1\n"
        + "DATABASE_URL=postgresql://older@h/db\n");
    Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-r--r--"));
    DotEnvWriter.set(env, "DATABASE_URL", "postgresql://new@h:5432/db");
    assertEquals("# mine\nAPI_KEY=abc\nDATABASE_URL=postgresql://new@h:5432/db\nOTHER=1\n", Files.readString(env));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));
  }

  /** A lone \r ends a line for the reader; the writer must count it too, or it replaces the wrong lines. */
  @Test
  void theLinesTheReaderNumbersAreTheLinesReplacedAndEveryOtherKeepsItsEnding() throws Exception {
    Path env = dir.resolve(".env");
    Files.writeString(env, "API_KEY=abc\r\r\nDATABASE_URL=\"postgresql://u:p@h/db\nSECRET=xyz\n");
    Set<Integer> unreadable = DotEnvFile.readIfPresent(env).orElseThrow().unreadableLines("DATABASE_URL");
    assertEquals(Set.of(3), unreadable, "the unclosed quote's line");
    DotEnvWriter.set(env, "DATABASE_URL", "postgresql://new@h:5432/db", unreadable);
    assertEquals("API_KEY=abc\r\r\nDATABASE_URL=postgresql://new@h:5432/db\nSECRET=xyz\n", Files.readString(env));
  }

  /** A line the reader cannot read as the key's (no '=' after its name) is the one replaced, and no other. */
  @Test
  void anUnreadableLineOfTheKeyIsReplacedWhereItStands() throws Exception {
    Path env = dir.resolve(".env");
    Files.writeString(env, "API_KEY=abc\nDATABASE_URL postgresql://old@h/db\nSECRET=xyz\n");
    Set<Integer> unreadable = DotEnvFile.readIfPresent(env).orElseThrow().unreadableLines("DATABASE_URL");
    assertEquals(Set.of(2), unreadable);
    DotEnvWriter.set(env, "DATABASE_URL", "postgresql://new@h:5432/db", unreadable);
    assertEquals("API_KEY=abc\nDATABASE_URL=postgresql://new@h:5432/db\nSECRET=xyz\n", Files.readString(env));
  }

  /** Notepad saves an empty file as its byte-order mark alone: the key's line is then the whole file. */
  @Test
  void anEmptyFileNotepadSavedGetsTheLineWithoutItsByteOrderMark() throws Exception {
    Path env = dir.resolve(".env");
    Files.writeString(env, "\uFEFF");
    DotEnvWriter.set(env, "DATABASE_URL", "postgresql://new@h:5432/db");
    assertEquals("DATABASE_URL=postgresql://new@h:5432/db\n", Files.readString(env));
  }

  /** A comment saved as Windows-1252 is the person's: it stays byte for byte, and only the key's line changes. */
  @Test
  void linesThatAreNotUtf8StayByteForByte() throws Exception {
    Path env = dir.resolve(".env");
    byte[] comment = "# caf\u00e9 r\u00e9glages\r\n".getBytes(StandardCharsets.ISO_8859_1); // as Windows-1252
    byte[] rest = "DATABASE_URL=postgresql://old@h/db\r\nOTHER=1".getBytes(StandardCharsets.US_ASCII);
    Files.write(env, concat(comment, rest));
    DotEnvWriter.set(env, "DATABASE_URL", "postgresql://new@h:5432/db");
    assertArrayEquals(concat(comment, "DATABASE_URL=postgresql://new@h:5432/db\r\nOTHER=1"
        .getBytes(StandardCharsets.US_ASCII)), Files.readAllBytes(env));
    DotEnvWriter.set(env, "API_KEY", "abc");
    assertArrayEquals(concat(comment, "DATABASE_URL=postgresql://new@h:5432/db\r\nOTHER=1\r\nAPI_KEY=abc\r\n"
        .getBytes(StandardCharsets.US_ASCII)), Files.readAllBytes(env), "appended after a last line without ending");
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }
}
