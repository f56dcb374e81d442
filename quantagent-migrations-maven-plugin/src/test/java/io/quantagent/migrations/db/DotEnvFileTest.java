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
