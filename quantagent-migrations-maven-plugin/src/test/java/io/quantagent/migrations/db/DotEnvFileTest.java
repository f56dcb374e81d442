package io.quantagent.migrations.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvFileTest {
  private static final Path FILE = Path.of(".env");

  @Test
  void readsTheLinesSetupPostgresWrote() {
    DotEnvFile env = DotEnvFile.parse(FILE, List.of(
        "# written by setup_postgres.py", "", "export OTHER=1",
        "DATABASE_URL=\"postgresql://u:p@localhost:5432/quantagent_dev\"", "TRAILING=value # comment"));
    assertEquals(Optional.of("postgresql://u:p@localhost:5432/quantagent_dev"), env.get("DATABASE_URL"));
    assertEquals(Optional.of("1"), env.get("OTHER"));
    assertEquals(Optional.of("value"), env.get("TRAILING"));
    assertEquals(Optional.empty(), env.get("MISSING"));
  }

  @Test
  void namesTheMalformedLineWithoutItsPassword() {
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class,
        () -> DotEnvFile.parse(FILE, List.of("# ok", "DATABASE_URL postgresql://u:s3cret@h/db")));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
  }

  @Test
  void saysWhatIsWrongWithoutTheValue() {
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class,
        () -> DotEnvFile.parse(FILE, List.of("# ok", "DATABASE_URL postgresql://u:s3cret@h/db")));
    assertEquals(".env line 2 is not NAME=value: there is no '=' right after the name in columns 1 to 12. Fix or remove that"
        + " line (comments start with #).", e.getMessage());
    InvalidDatabaseUrlException secret = assertThrows(InvalidDatabaseUrlException.class,
        () -> DotEnvFile.parse(FILE, List.of("s3cret-token")));
    assertFalse(secret.getMessage().contains("s3cret"), secret.getMessage());
  }

  @Test
  void acceptsTheByteOrderMarkWindowsEditorsWrite() {
    DotEnvFile env = DotEnvFile.parse(FILE, List.of("\uFEFFDATABASE_URL=postgresql://u@h/db"));
    assertEquals(Optional.of("postgresql://u@h/db"), env.get("DATABASE_URL"));
  }

  @Test
  void namesAnInvisibleCharacter() {
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class,
        () -> DotEnvFile.parse(FILE, List.of("DATABASE_URL=x", "\u200BOTHER=1")));
    assertTrue(e.getMessage().contains("line 2 is not NAME=value: it holds the invisible character U+200B at column 1"),
        e.getMessage());
  }

  @Test
  void readsAFileWithAByteOrderMark(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve(".env"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'A', '=', '1', '\n'});
    assertEquals(Optional.of("1"), DotEnvFile.readIfPresent(dir.resolve(".env")).orElseThrow().get("A"));
  }

  @Test
  void rejectsAnUnclosedQuote() {
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class,
        () -> DotEnvFile.parse(FILE, List.of("DATABASE_URL='postgresql://u@h/db")));
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
  }

  @Test
  void absentFileIsEmpty(@TempDir Path dir) throws Exception {
    assertTrue(DotEnvFile.readIfPresent(dir.resolve(".env")).isEmpty());
    Files.writeString(dir.resolve(".env"), "DATABASE_URL=postgresql://h/db\n");
    assertEquals(Optional.of("postgresql://h/db"), DotEnvFile.readIfPresent(dir.resolve(".env")).get().get("DATABASE_URL"));
  }
}
