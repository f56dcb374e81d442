package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptDirectivesTest {

  @Test
  void aHeaderOverridesTheGuardAndBoundsStatements() {
    ScriptDirectives directives = directives("-- // x\n-- quantagent:lock-timeout 30s\n"
        + "  --quantagent:statement-timeout 10min\nalter table a add column b int;\n-- //@UNDO\n");
    assertFalse(directives.noTransaction());
    assertEquals(Duration.ofSeconds(30), directives.lockTimeout(RunnerSettings.defaults()));
    assertEquals(Duration.ofMinutes(10), directives.statementTimeout(RunnerSettings.defaults()));
  }

  @Test
  void offTurnsTheGuardOffAndNoHeaderKeepsTheRunsSettings() {
    assertEquals(Duration.ZERO, directives("-- quantagent:lock-timeout off\n")
        .lockTimeout(RunnerSettings.defaults()));
    ScriptDirectives none = directives("-- // x\nselect 1;\n-- //@UNDO\n");
    assertEquals(Optional.empty(), none.lockTimeout());
    assertEquals(Duration.ofSeconds(2), none.lockTimeout(RunnerSettings.defaults()));
    assertEquals(Duration.ZERO, none.statementTimeout(RunnerSettings.defaults()));
  }

  @Test
  void theNoTransactionMarker() {
    assertTrue(directives("-- // x\n-- quantagent:no-transaction\n").noTransaction());
    assertFalse(directives("-- // x\nselect 1; -- quantagent:no-transaction\n").noTransaction());
  }

  @Test
  void wordsThatLookLikeADirectiveInsideSqlAreNone() {
    String inBody = "-- // x\ncreate function f() returns int language plpgsql as $$\nbegin\n"
        + "-- quantagent:no-transaction\n-- quantagent:lock-timeout soon\n  return 1;\nend $$;\n-- //@UNDO\n";
    ScriptDirectives body = directives(inBody);
    assertFalse(body.noTransaction());
    assertEquals(Optional.empty(), body.lockTimeout());
    assertFalse(directives("select '\n-- quantagent:no-transaction\n';\n").noTransaction());
    assertFalse(directives("/*\n-- quantagent:no-transaction\n*/ select 1;\n").noTransaction());
    assertTrue(directives(inBody + "-- quantagent:no-transaction\n").noTransaction(),
        "a line of its own after the body, in the @UNDO part, still counts");
  }

  /** The runner's reading of a script without problems. */
  private static ScriptDirectives directives(String script) {
    DirectiveComments comments = DirectiveComments.of(script);
    assertEquals(List.of(), comments.problems());
    return ScriptDirectives.of(comments);
  }

  private static List<String> problems(String script) {
    return DirectiveComments.of(script).problems().stream().map(p -> p.line() + ": " + p.message()).toList();
  }

  @Test
  void theFirstOfTwoHeadersCountsWhatEverCaseItIsIn() {
    ScriptDirectives two = directives("-- QUANTAGENT:lock-timeout 30s\n-- quantagent:lock-timeout 5s\n");
    assertEquals(Optional.of(Duration.ofSeconds(30)), two.lockTimeout());
  }

  @Test
  void everyWayOfWritingZeroTurnsTheGuardOff() {
    for (String zero : List.of("off", "OFF", "0", "00", "0s", "0ms", "0 min")) {
      assertEquals(Optional.of(Duration.ZERO), directives("-- quantagent:lock-timeout " + zero).lockTimeout(), zero);
    }
  }

  @Test
  void aBadValueNamesTheLine() {
    assertEquals(List.of("2: -- quantagent:lock-timeout 'soon' is not a duration: write e.g. 500ms, 2s, 10min, 1h, a"
        + " number of seconds, or off."), problems("-- // x\n-- quantagent:lock-timeout soon\n"));
    assertEquals(List.of("3: -- quantagent:statement-timeout '' is not a duration: write e.g. 500ms, 2s, 10min, 1h,"
        + " a number of seconds, or off."),
        problems("-- quantagent:statement-timeout 1min\n\n-- quantagent:statement-timeout\n"),
        "a second line is checked too, though the first counts");
  }

  @Test
  void aMarkerWithTextAfterItIsNamedNotSkipped() {
    assertEquals(List.of("2: '-- quantagent:no-transaction (for CONCURRENTLY)' is not a marker: a marker stands"
        + " alone on its line. Put the reason on the line above, as a comment of its own."),
        problems("-- // x\n-- quantagent:no-transaction (for CONCURRENTLY)\n"));
    assertFalse(DirectiveComments.of("-- quantagent:no-transaction (for CONCURRENTLY)").noTransaction());
    assertEquals(1, problems("-- quantagent:no-undo: irreversible\n").size());
    assertEquals(List.of("1: '-- quantagent:lock-timeout:30s' is not a marker: write -- quantagent:lock-timeout, a"
        + " blank, then the duration alone, e.g. -- quantagent:lock-timeout 30s."),
        problems("-- quantagent:lock-timeout:30s\n"));
    assertEquals(List.of("1: -- quantagent:statement-timeout '' is not a duration: write e.g. 500ms, 2s, 10min, 1h, a"
        + " number of seconds, or off."), problems("-- quantagent:statement-timeout\n"), "a marker without its value");
    assertEquals(List.of(), problems("--   quantagent:no-transaction   \r\n-- quantagent:no-undo\n"),
        "blanks around a marker are no text");
  }

  @Test
  void anUnknownMarkerIsNamedWithTheOnesThereAre() {
    List<String> typo = problems("-- // x\n-- quantagent:no-transacton\n");
    assertEquals(1, typo.size(), typo.toString());
    assertTrue(typo.get(0).startsWith("2: '-- quantagent:no-transacton' is no marker: the markers are"
        + " -- quantagent:no-transaction, -- quantagent:no-undo, "), typo.get(0));
    assertEquals(1, problems("-- quantagent:lock-timeouts 9s\n").size(), "a longer word is no marker either");
    assertEquals(1, problems("-- quantagent: no-transaction\n").size());
    assertEquals(List.of(), problems("-- quantagent:lint-ignore drop-column nothing reads it\n-- quantagent is here\n"
        + "select '\n-- quantagent:no-transacton\n';\n"), "lint's own marker, other comments, and SQL are no problem");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "create index concurrently i on t (a)|true",
      "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON ONLY s.t (a)|true",
      "drop index concurrently if exists i|true",
      "reindex (verbose) table concurrently t|true",
      "REINDEX INDEX CONCURRENTLY i|true",
      "alter table p detach partition p1 concurrently|true",
      "refresh materialized view concurrently m|false",
      "create index i on t (a)|false",
      "select 'create index concurrently'|false"})
  void concurrentlyStatements(String sql, boolean concurrently) {
    assertEquals(concurrently, Concurrently.is(new SqlStatement(1, 1, sql)));
  }

  @Test
  void whereAnIndexBuildWouldLeaveAnInvalidIndex() {
    Concurrently.IndexBuild named = Concurrently.indexBuild(new SqlStatement(1, 1,
        "create unique index concurrently \"Orders_U\" on public.orders (id)")).orElseThrow();
    assertEquals(Optional.of("\"Orders_U\""), named.indexName());
    assertEquals(Optional.of("public.orders"), named.table());
    Concurrently.IndexBuild unnamed = Concurrently.indexBuild(new SqlStatement(1, 1,
        "CREATE INDEX CONCURRENTLY ON orders USING btree (symbol)")).orElseThrow();
    assertEquals(Optional.empty(), unnamed.indexName());
    assertEquals(Optional.of("orders"), unnamed.table());
    assertEquals(Optional.of("i"), Concurrently.indexBuild(new SqlStatement(1, 1, "reindex index concurrently i"))
        .orElseThrow().reindexedIndex());
  }
}
