package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptDirectivesTest {

  @Test
  void aHeaderOverridesTheGuardAndBoundsStatements() {
    ScriptDirectives directives = ScriptDirectives.of("1_x.sql", "-- // x\n-- quantagent:lock-timeout 30s\n"
        + "  --quantagent:statement-timeout 10min\nalter table a add column b int;\n-- //@UNDO\n");
    assertFalse(directives.noTransaction());
    assertEquals(Duration.ofSeconds(30), directives.lockTimeout(RunnerSettings.defaults()));
    assertEquals(Duration.ofMinutes(10), directives.statementTimeout(RunnerSettings.defaults()));
  }

  @Test
  void offTurnsTheGuardOffAndNoHeaderKeepsTheRunsSettings() {
    assertEquals(Duration.ZERO, ScriptDirectives.of("1_x.sql", "-- quantagent:lock-timeout off\n")
        .lockTimeout(RunnerSettings.defaults()));
    ScriptDirectives none = ScriptDirectives.of("1_x.sql", "-- // x\nselect 1;\n-- //@UNDO\n");
    assertEquals(Optional.empty(), none.lockTimeout());
    assertEquals(Duration.ofSeconds(2), none.lockTimeout(RunnerSettings.defaults()));
    assertEquals(Duration.ZERO, none.statementTimeout(RunnerSettings.defaults()));
  }

  @Test
  void theNoTransactionMarker() {
    assertTrue(ScriptDirectives.of("1_x.sql", "-- // x\n-- quantagent:no-transaction\n").noTransaction());
    assertFalse(ScriptDirectives.of("1_x.sql", "-- // x\nselect 1; -- quantagent:no-transaction\n").noTransaction());
  }

  @Test
  void wordsThatLookLikeADirectiveInsideSqlAreNone() {
    String inBody = "-- // x\ncreate function f() returns int language plpgsql as $$\nbegin\n"
        + "-- quantagent:no-transaction\n-- quantagent:lock-timeout soon\n  return 1;\nend $$;\n-- //@UNDO\n";
    ScriptDirectives body = ScriptDirectives.of("1_x.sql", inBody);
    assertFalse(body.noTransaction());
    assertEquals(Optional.empty(), body.lockTimeout());
    assertFalse(ScriptDirectives.of("1_x.sql", "select '\n-- quantagent:no-transaction\n';\n").noTransaction());
    assertFalse(ScriptDirectives.of("1_x.sql", "/*\n-- quantagent:no-transaction\n*/ select 1;\n").noTransaction());
    assertTrue(ScriptDirectives.of("1_x.sql", inBody + "-- quantagent:no-transaction\n").noTransaction(),
        "a line of its own after the body, in the @UNDO part, still counts");
  }

  @Test
  void theFirstOfTwoHeadersCountsAndALongerWordIsNotOne() {
    ScriptDirectives two = ScriptDirectives.of("1_x.sql",
        "-- quantagent:lock-timeouts 9s\n-- quantagent:lock-timeout 30s\n-- QUANTAGENT:lock-timeout 5s\n");
    assertEquals(Optional.of(Duration.ofSeconds(30)), two.lockTimeout());
  }

  @Test
  void aBadValueNamesTheFileAndTheLine() {
    InvalidSettingException e = assertThrows(InvalidSettingException.class,
        () -> ScriptDirectives.of("20260101_x.sql", "-- quantagent:lock-timeout soon\n"));
    assertTrue(e.getMessage().startsWith("20260101_x.sql: -- quantagent:lock-timeout 'soon' is not a duration"),
        e.getMessage());
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
