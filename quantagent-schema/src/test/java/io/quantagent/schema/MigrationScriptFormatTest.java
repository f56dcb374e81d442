package io.quantagent.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scripts follow the rules MyBatis' ScriptRunner needs: it ends a statement at any line holding a
 * {@code ;} (cutting at the last one) and skips lines starting with {@code --}. No database needed.
 */
class MigrationScriptFormatTest {
  private static final Pattern NAME = Pattern.compile("([0-9]{14})_([a-z0-9_]+)\\.sql");
  private static final String UNDO = "-- //@UNDO";

  static Stream<Path> scripts() throws IOException, URISyntaxException {
    URL folder = MigrationScriptFormatTest.class.getClassLoader().getResource("quantagent/migrations/");
    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
      return files.sorted().toList().stream();
    }
  }

  @Test
  void oneScriptPerTableInDependencyOrder() throws Exception {
    List<String> names = scripts().map(p -> p.getFileName().toString()).toList();
    assertEquals(List.of(
        "20250101000001_create_orders.sql",
        "20250101000002_create_fills.sql",
        "20250101000003_create_positions.sql",
        "20250101000004_create_signals.sql",
        "20250101000005_create_trades.sql",
        "20250101000006_create_market_data.sql"), names);
  }

  @ParameterizedTest
  @MethodSource("scripts")
  void headerMatchesTheFileName(Path script) throws IOException {
    Matcher name = NAME.matcher(script.getFileName().toString());
    assertTrue(name.matches(), "file name " + script.getFileName() + " is not <yyyyMMddHHmmss>_<slug>.sql");
    List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
    assertEquals("-- // " + name.group(2).replace('_', ' '), lines.get(0));
  }

  @ParameterizedTest
  @MethodSource("scripts")
  void hasOneUndoSectionAndBothPartsHoldStatements(Path script) throws IOException {
    List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
    int undo = lines.indexOf(UNDO);
    assertTrue(undo > 0, script + " has no '" + UNDO + "' line");
    assertEquals(undo, lines.lastIndexOf(UNDO), script + " has more than one '" + UNDO + "' line");
    assertFalse(statements(lines.subList(0, undo)).isEmpty(), script + ": nothing to apply");
    assertFalse(statements(lines.subList(undo + 1, lines.size())).isEmpty(), script + ": nothing to undo");
  }

  @ParameterizedTest
  @MethodSource("scripts")
  void semicolonsOnlyEndLinesAndEveryStatementIsTerminated(Path script) throws IOException {
    List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
    String open = "";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      String where = script.getFileName() + " line " + (i + 1);
      if (line.equals(UNDO)) {
        assertEquals("", open, where + ": the statement before @UNDO lacks its ';'");
      }
      if (line.startsWith("--")) {
        continue;
      }
      int semicolon = line.indexOf(';');
      assertTrue(semicolon < 0 || semicolon == line.length() - 1, where + ": a ';' not at the end of the line");
      assertFalse(line.contains("$$"), where + ": dollar quoting");
      open = line.endsWith(";") ? "" : (open + " " + line).strip();
    }
    assertEquals("", open, script.getFileName() + ": the last statement lacks its ';'");
  }

  private static List<String> statements(List<String> lines) {
    List<String> statements = new ArrayList<>();
    for (String line : lines) {
      String text = line.strip();
      if (!text.isEmpty() && !text.startsWith("--") && text.endsWith(";")) {
        statements.add(text);
      }
    }
    return statements;
  }
}
