package io.quantagent.migrations.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.testing.Prerequisite;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    DotEnvFile env = DotEnvFile.parse(FILE, List.of("# ok", "DATABASE_URL postgresql://u:s3cret@h/db"));
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class, () -> env.get("DATABASE_URL"));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
  }

  @Test
  void saysWhatIsWrongWithoutTheValue() {
    DotEnvFile env = DotEnvFile.parse(FILE, List.of("# ok", "DATABASE_URL postgresql://u:s3cret@h/db"));
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class, () -> env.get("DATABASE_URL"));
    assertEquals(".env line 2 is not NAME=value: there is no '=' right after the name in columns 1 to 12. Fix or remove that"
        + " line (comments start with #).", e.getMessage());
    List<String> skipped = DotEnvFile.parse(FILE, List.of("s3cret token")).skippedLines("DATABASE_URL");
    assertEquals(1, skipped.size(), skipped.toString());
    assertFalse(skipped.get(0).contains("s3cret"), skipped.get(0));
  }

  @Test
  void blankLinesCommentsAndANameAloneAreNoProblem() {
    DotEnvFile env = DotEnvFile.parse(FILE, List.of("", "   ", "# local settings", "  # indented", "DEBUG",
        "VERBOSE # on", "TAG=#blue", "EMPTY= # none yet", "DATABASE_URL=postgresql://h/db"));
    assertEquals(List.of(), env.skippedLines("DATABASE_URL"));
    assertEquals(Optional.of("postgresql://h/db"), env.get("DATABASE_URL"));
    assertEquals(Optional.empty(), env.get("DEBUG"), "python-dotenv sets nothing for a name alone");
    assertEquals(Optional.of("#blue"), env.get("TAG"), "a # ends a value only after a space, as in python-dotenv");
    assertEquals(Optional.of(""), env.get("EMPTY"));
  }

  @Test
  void onlyTheKeysOwnUnreadableLinesAreTheOnesToReplace() {
    DotEnvFile env = DotEnvFile.parse(FILE, List.of("API_TOKEN=\"abc\" s3cret", "DATABASE_URL postgresql://h/db",
        "OTHER s3cret"));
    assertEquals(Set.of(2), env.unreadableLines("DATABASE_URL"), "setup must leave the other keys' lines alone");
  }

  /** What a line copied from a web page, a chat or a coloured terminal brings along, named by its code point. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "DATABASE_URL\u00A0=postgresql://h/db | it holds the invisible character U+00A0 at column 13",
      "'\u001B[0mDATABASE_URL=postgresql://h/db' | it holds the invisible character U+001B at column 1",
      "DATABASE_URL\tpostgresql://h/db | there is no '=' right after the name in columns 1 to 12",
      // the NULs of a file saved as UTF-16 (PowerShell 5's > redirection)
      "D\0B\0=\0x | it holds the invisible character U+0000 at column 2",
  })
  void namesTheInvisibleCharacterACopiedLineHolds(String line, String why) {
    List<String> skipped = DotEnvFile.parse(FILE, List.of(line)).skippedLines("OTHER");
    assertEquals(1, skipped.size(), skipped.toString());
    assertTrue(skipped.get(0).startsWith(".env line 1 is not NAME=value: " + why), skipped.get(0));
  }

  @Test
  void acceptsTheByteOrderMarkWindowsEditorsWrite() {
    DotEnvFile env = DotEnvFile.parse(FILE, List.of("\uFEFFDATABASE_URL=postgresql://u@h/db"));
    assertEquals(Optional.of("postgresql://u@h/db"), env.get("DATABASE_URL"));
  }

  @Test
  void namesAnInvisibleCharacter() {
    DotEnvFile env = DotEnvFile.parse(FILE, List.of("DATABASE_URL=x", "\u200BOTHER=1"));
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class, () -> env.get("OTHER"));
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
    DotEnvFile env = DotEnvFile.parse(FILE, List.of("DATABASE_URL='postgresql://u@h/db", "OTHER=1"));
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class, () -> env.get("DATABASE_URL"));
    assertEquals(".env line 1 opens a ' quote that no later line closes. Close the quote, or remove it.",
        e.getMessage());
    assertEquals(Optional.of("1"), env.get("OTHER"), "the line after it is read, as python-dotenv reads it");
  }

  @Test
  void aQuotedValueMayBeFollowedByAComment() {
    DotEnvFile env = DotEnvFile.parse(FILE, List.of(
        "DATABASE_URL=\"postgresql://u:p@h/db\" # staging",
        "SINGLE='postgresql://u@h/db'   # another",
        "TIGHT=\"a b\"#c",
        "HASH_INSIDE=\"x # not a comment\""));
    assertEquals(Optional.of("postgresql://u:p@h/db"), env.get("DATABASE_URL"));
    assertEquals(Optional.of("postgresql://u@h/db"), env.get("SINGLE"));
    assertEquals(Optional.of("a b"), env.get("TIGHT"));
    assertEquals(Optional.of("x # not a comment"), env.get("HASH_INSIDE"));
  }

  @Test
  void readsTheFormsCommonDotEnvFilesHold() {
    DotEnvFile env = DotEnvFile.parse(FILE, List.of(
        "export EXPORTED=1", "  SPACED = two words  ", "EMPTY=", "EMPTY_QUOTES=''", "ONLY_A_COMMENT= # note",
        "HASH_IN_VALUE=a#b", "TAB_COMMENT=v\t# note", "NAME_ALONE", "spring.datasource-url=dotted"));
    assertEquals(Optional.of("1"), env.get("EXPORTED"));
    assertEquals(Optional.of("two words"), env.get("SPACED"));
    assertEquals(Optional.of(""), env.get("EMPTY"));
    assertEquals(Optional.of(""), env.get("EMPTY_QUOTES"));
    assertEquals(Optional.of(""), env.get("ONLY_A_COMMENT"));
    assertEquals(Optional.of("a#b"), env.get("HASH_IN_VALUE"));
    assertEquals(Optional.of("v"), env.get("TAB_COMMENT"));
    assertEquals(Optional.empty(), env.get("NAME_ALONE"), "python-dotenv sets nothing for a name alone");
    assertEquals(Optional.of("dotted"), env.get("spring.datasource-url"));
    assertEquals(List.of(), env.skippedLines("DATABASE_URL"));
  }

  @Test
  void quotedValuesMaySpanLinesAndHoldEscapes() {
    DotEnvFile env = DotEnvFile.parse(FILE, List.of(
        "PRIVATE_KEY=\"-----BEGIN KEY-----", "MIIEvQ", "-----END KEY-----\"",
        "ESCAPED=\"say \\\"hi\\\"\\n\\\\\"", "RAW='it\\'s \\n'", "DATABASE_URL=postgresql://h/db"));
    assertEquals(Optional.of("-----BEGIN KEY-----\nMIIEvQ\n-----END KEY-----"), env.get("PRIVATE_KEY"));
    assertEquals(Optional.of("say \"hi\"\n\\"), env.get("ESCAPED"));
    assertEquals(Optional.of("it's \\n"), env.get("RAW"));
    assertEquals(Optional.of("postgresql://h/db"), env.get("DATABASE_URL"));
  }

  @Test
  void expandsVariablesFromTheEnvironmentFirstThenTheLinesAbove() {
    DotEnvFile env = DotEnvFile.parse(FILE, List.of(
        "DB_HOST=file-host", "DB_USER=file-user",
        "DATABASE_URL=postgresql://${DB_USER}:${DB_PASSWORD}@${DB_HOST}:${DB_PORT:-5432}/db",
        "QUOTED=\"${DB_HOST}\"", "LITERAL='${DB_HOST}'"),
        Map.of("DB_PASSWORD", "pw", "DB_USER", "env-user"));
    assertEquals(Optional.of("postgresql://env-user:pw@file-host:5432/db"), env.get("DATABASE_URL"));
    assertEquals(Optional.of("file-host"), env.get("QUOTED"));
    assertEquals(Optional.of("${DB_HOST}"), env.get("LITERAL"), "single quotes keep the text, as in bash");
  }

  @Test
  void aVariableThatNothingSetsIsNamedWhenItsKeyIsRead() {
    DotEnvFile env = DotEnvFile.parse(FILE, List.of("DATABASE_URL=postgresql://u:${DB_PASSWORD}@h/db",
        "OTHER=${UNSET}"));
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class, () -> env.get("DATABASE_URL"));
    assertEquals(".env line 1 uses ${DB_PASSWORD}, which neither the environment nor a line above sets. Set"
        + " DB_PASSWORD, or give a default: ${DB_PASSWORD:-value}.", e.getMessage());
    assertEquals(List.of(), env.skippedLines("DATABASE_URL"), "python-dotenv reads it as empty, and warns of nothing");
  }

  @Test
  void aBadLineForAnotherKeyIsSkippedAndNamed() {
    DotEnvFile env = DotEnvFile.parse(FILE, List.of(
        "API_TOKEN=\"abc\" s3cret", "ANOTHER s3cret", "1BAD=s3cret", "\u200BHIDDEN=s3cret",
        "DATABASE_URL=postgresql://h/db"));
    assertEquals(Optional.of("postgresql://h/db"), env.get("DATABASE_URL"));
    assertEquals(List.of(
        ".env line 1 has text after the closing quote of its value, at column 17. Put a # before a comment, or quote"
            + " the whole value. Skipped: only DATABASE_URL is read from this file.",
        ".env line 2 is not NAME=value: there is no '=' right after the name in columns 1 to 7. Fix or remove that"
            + " line (comments start with #). Skipped: only DATABASE_URL is read from this file.",
        ".env line 3 is not NAME=value: it does not start with a name (letters, digits and _, not starting with a"
            + " digit). Fix or remove that line (comments start with #). Skipped: only DATABASE_URL is read from this"
            + " file.",
        ".env line 4 is not NAME=value: it holds the invisible character U+200B at column 1 (delete and retype that"
            + " part). Fix or remove that line (comments start with #). Skipped: only DATABASE_URL is read from this"
            + " file."),
        env.skippedLines("DATABASE_URL"));
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class, () -> env.get("API_TOKEN"));
    assertTrue(e.getMessage().startsWith(".env line 1 has text after"), e.getMessage());
  }

  @Test
  void aStrayQuoteDoesNotHideTheLinesBelowIt() {
    DotEnvFile env = DotEnvFile.parse(FILE, List.of("NOTE=\"half", "DATABASE_URL=\"postgresql://h/db\" # local",
        "OTHER='x'"));
    assertEquals(Optional.of("postgresql://h/db"), env.get("DATABASE_URL"));
    assertEquals(Optional.of("x"), env.get("OTHER"));
    assertEquals(List.of(".env line 1 has text after the closing quote of its value, at column 15 of line 2. Put a #"
        + " before a comment, or quote the whole value. Skipped: only DATABASE_URL is read from this file."),
        env.skippedLines("DATABASE_URL"));
  }

  @Test
  void readsWindowsLineEndsAndNamesABadByteByItsLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(".env");
    Files.write(file, "A=1\r\nDATABASE_URL=\"postgresql://h/db\" # prod\r\nNOTE=caf\u00e9\r\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    DotEnvFile env = DotEnvFile.readIfPresent(file, Map.of()).orElseThrow();
    assertEquals(Optional.of("1"), env.get("A"));
    assertEquals(Optional.of("postgresql://h/db"), env.get("DATABASE_URL"));
    assertEquals(List.of(file + " line 3 is not UTF-8 text. Save the file as UTF-8. Skipped: only DATABASE_URL is"
        + " read from this file."), env.skippedLines("DATABASE_URL"));
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class, () -> env.get("NOTE"));
    assertTrue(e.getMessage().endsWith("line 3 is not UTF-8 text. Save the file as UTF-8."), e.getMessage());
  }

  @Test
  void readsAFileWhoseLastLineEndsInALoneCarriageReturn(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(".env");
    Files.write(file, "A=1\rDATABASE_URL=postgresql://h/db\r".getBytes(StandardCharsets.US_ASCII));
    DotEnvFile env = DotEnvFile.readIfPresent(file, Map.of()).orElseThrow();
    assertEquals(Optional.of("1"), env.get("A"));
    assertEquals(Optional.of("postgresql://h/db"), env.get("DATABASE_URL"));
  }

  @Test
  void absentFileIsEmpty(@TempDir Path dir) throws Exception {
    assertTrue(DotEnvFile.readIfPresent(dir.resolve(".env")).isEmpty());
    Files.writeString(dir.resolve(".env"), "DATABASE_URL=postgresql://h/db\n");
    assertEquals(Optional.of("postgresql://h/db"), DotEnvFile.readIfPresent(dir.resolve(".env")).get().get("DATABASE_URL"));
  }

  /** dev reads .env only to warn: one it cannot read is said (path, reason) and counts as absent. */
  @Test
  void aFileThatCannotBeReadIsSaidAndSkippedWhenOnlyAWarningDependsOnIt(@TempDir Path dir) throws Exception {
    Path mem = Path.of("/proc/self/mem"); // a regular file whose read fails, even for root (rw------- does not stop it)
    Prerequisite.require(Files.isRegularFile(mem), "Linux's /proc/self/mem, a file whose read fails");
    Path env = Files.createSymbolicLink(dir.resolve(".env"), mem);
    assertThrows(UncheckedIOException.class, () -> DotEnvFile.readIfPresent(env), "every other goal still fails");

    List<String> warnings = new ArrayList<>();
    assertEquals(Optional.empty(), DotEnvFile.readIfReadable(env, warnings::add));
    assertEquals(List.of("Cannot read " + env + ": Input/output error. Going on without it; the goals that connect"
        + " read it and fail until it can be read (check its owner and permissions)."), warnings);

    Files.delete(env);
    Files.writeString(env, "DATABASE_URL=postgresql://u@h/db\n");
    assertEquals(Optional.of("postgresql://u@h/db"), DotEnvFile.readIfReadable(env, warnings::add).orElseThrow()
        .get("DATABASE_URL"));
    assertEquals(1, warnings.size(), "a readable file is read as ever");
  }
}
