package io.quantagent.migrations.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the linter reads scripts: new tables, the @UNDO part, ignores, versions, lines, text that only looks like DDL. */
class MigrationLinterTest {
  private static final LintSettings PG12 = LintSettings.forVersion(12);

  /** "line rule-id" of every standing finding in the last script, after the setup of {@link RuleExample}. */
  private static List<String> found(LintSettings settings, String... changes) {
    return RulesTest.findingsOfLast(List.of(changes), settings).stream().filter(f -> !f.ignored())
        .map(f -> f.line() + " " + f.rule().id() + (f.undo() ? " undo" : "")).toList();
  }

  private static List<String> found(String... changes) {
    return found(PG12, changes);
  }

  @Test
  void aTableCreatedEarlierInTheSameScriptHasNoReadersSoLockRulesStaySilent() {
    assertEquals(List.of(), found("""
        CREATE TABLE risk (id bigint PRIMARY KEY, trade_id bigint, level integer, note text);
        CREATE INDEX idx_risk_level ON risk (level);
        ALTER TABLE risk ADD CONSTRAINT fk_risk_trade FOREIGN KEY (trade_id) REFERENCES trades (id);
        ALTER TABLE risk ALTER COLUMN level TYPE bigint, ALTER COLUMN level SET NOT NULL;
        ALTER TABLE risk ADD COLUMN at timestamptz DEFAULT clock_timestamp();
        ALTER TABLE risk RENAME COLUMN note TO comment;
        UPDATE risk SET level = 1;
        DROP INDEX idx_risk_level;"""));
  }

  @Test
  void createTableIfNotExistsOfATableTheScriptsBuiltChangesNothingForLint() {
    assertEquals(List.of("4 index-without-concurrently"), found(RuleExample.TIMEOUT + """
        CREATE TABLE IF NOT EXISTS trades (id bigint PRIMARY KEY, at timestamp);
        CREATE INDEX idx_trades_price ON trades (price);"""), "trades still has readers, and the no-op's columns"
        + " are not judged");
    assertEquals(List.of(), found("CREATE TABLE IF NOT EXISTS trades (id bigint PRIMARY KEY);",
        RuleExample.TIMEOUT + "ALTER TABLE trades ALTER COLUMN symbol TYPE varchar(64);"),
        "trades keeps the varchar(32) symbol the setup gave it: widening it is free");
    assertEquals(List.of(), found("CREATE TABLE IF NOT EXISTS risk (id bigint PRIMARY KEY);\n"
        + "CREATE INDEX idx_risk_id ON risk (id);"), "a table the scripts never built is new, as without IF NOT EXISTS");
  }

  @Test
  void onlyTheCommentsTheRunnerReadsTakeAScriptOutOfItsTransaction() {
    String concurrently = "CREATE INDEX CONCURRENTLY idx_trades_price ON trades (price);";
    assertEquals(List.of(), found(RuleExample.NO_TRANSACTION + concurrently));
    for (String lookalike : List.of(concurrently + " -- quantagent:no-transaction",
        "/* quantagent:no-transaction */\n" + concurrently,
        "SELECT $$\n-- quantagent:no-transaction\n$$;\n" + concurrently)) {
      assertEquals(List.of((lookalike.lines().count() + 1) + " concurrently-in-transaction"), found(lookalike),
          lookalike); // line 1 is the header
    }
  }

  @Test
  void whatNeverEndsIsNamedAtItsLineInEitherPart() {
    assertEquals(List.of("3 unterminated-comment-or-quote"), found(RuleExample.TIMEOUT
        + "/* marks logs/* rows */\nUPDATE trades SET note = 'checked';"), "the UPDATE is comment: no rule sees it");
    LintScript script = new LintScript("2_note.sql", """
        -- // note
        UPDATE trades SET note = 'a' WHERE id = 1;
        -- //@UNDO
        SET LOCAL lock_timeout = '1s';
        DELETE FROM trades WHERE note = 'n;
        """);
    assertEquals(List.of("5 unterminated-comment-or-quote undo"), new MigrationLinter(PG12)
        .lint(List.of(RuleExample.script(1, RuleExample.SETUP), script)).standing().stream()
        .filter(f -> f.rule() != Rule.MISSING_LOCK_TIMEOUT)
        .map(f -> f.line() + " " + f.rule().id() + (f.undo() ? " undo" : "")).toList());
  }

  @Test
  void aQuantagentLineThatIsNoMarkerIsNamedAsUpgradeRefusesIt() {
    assertEquals(List.of("3 invalid-marker", "4 invalid-marker", "5 invalid-marker", "6 invalid-marker"),
        found(RuleExample.TIMEOUT + "-- quantagent:lock-timeout soon\n"
            + "-- quantagent:no-transacton\n-- quantagent:no-undo: nothing to undo\n"
            + "-- quantagent:statement-timeout 10 minutes\nUPDATE trades SET note = 'checked' WHERE id = 1;"));
    assertEquals(List.of("2 invalid-marker"), found("-- quantagent:no-transaction (for CONCURRENTLY)\n"
        + "CREATE INDEX CONCURRENTLY idx_trades_price ON trades (price);"),
        "as upgrade: no advice to add the marker the author wrote");
    Finding typo = RulesTest.findingsOfLast(List.of("-- quantagent:no-transacton\nSELECT 1;"), PG12).get(0);
    assertTrue(typo.message().startsWith("'-- quantagent:no-transacton' is no marker"), typo.message());
    assertEquals(List.of(), found(RuleExample.TIMEOUT + "SELECT '\n-- quantagent:no-transacton\n';\n"
        + "-- quantagent:lock-timeout 10 min\n-- quantagent:lint-ignore drop-column the code moved to notes_v2\n"
        + "ALTER TABLE trades DROP COLUMN note;"), "words in a string are SQL; 10 min is a duration");
  }

  @Test
  void aScriptsOwnTransactionStatementsAreNamedUnlessItRunsWithoutOne() {
    String update = "UPDATE trades SET note = 'checked' WHERE id = 1;\n";
    assertEquals(List.of("2 transaction-control-in-transaction", "4 transaction-control-in-transaction"),
        found(RuleExample.TIMEOUT.replace("\n", " ") + "BEGIN;\n" + update + "COMMIT;"));
    assertEquals(List.of(), found(RuleExample.NO_TRANSACTION + RuleExample.TIMEOUT + "BEGIN;\n" + update + "COMMIT;"));
    assertEquals(List.of(), found(RuleExample.TIMEOUT + "SAVEPOINT before_note;\n" + update
        + "ROLLBACK TO SAVEPOINT before_note;\nRELEASE SAVEPOINT before_note;"));
  }

  @Test
  void aCopyWhoseRowsPsqlWouldCarryIsNamedAndAPlainCopyIsNot() {
    assertEquals(List.of("4 psql-command"), found(RuleExample.TIMEOUT
        + "CREATE TABLE symbols (symbol text);\nCOPY symbols (symbol) FROM stdin;\nAAPL\n\\.\n"));
    assertEquals(List.of(), found(RuleExample.TIMEOUT + "CREATE TABLE symbols (symbol text);\n"
        + "COPY symbols (symbol) FROM '/srv/symbols.csv' WITH (FORMAT csv);"));
  }

  @Test
  void theSameStatementsOnAnExistingTableTripEveryRule() {
    assertEquals(List.of("2 index-without-concurrently", "2 missing-lock-timeout", "3 column-type-rewrite",
        "3 set-not-null-scan", "4 add-column-volatile-default", "5 rename"), found("""
        CREATE INDEX idx_trades_quantity ON trades (quantity);
        ALTER TABLE trades ALTER COLUMN quantity TYPE bigint, ALTER COLUMN quantity SET NOT NULL;
        ALTER TABLE trades ADD COLUMN at timestamptz DEFAULT clock_timestamp();
        ALTER TABLE trades RENAME COLUMN note TO comment;"""));
  }

  @Test
  void theUndoPartIsLintedWithFileLinesAndMayDropWhatTheChangeCreated() {
    LintScript script = new LintScript("2_risk.sql", """
        -- // risk
        CREATE TABLE risk (id bigint PRIMARY KEY);
        CREATE INDEX CONCURRENTLY idx_trades_note ON trades (note);

        -- //@UNDO
        SET LOCAL lock_timeout = '1s';
        DROP TABLE risk;
        DROP INDEX idx_trades_note;
        DROP TABLE orders;
        """);
    List<String> findings = new MigrationLinter(PG12).lint(List.of(RuleExample.script(1, RuleExample.SETUP), script))
        .standing().stream().map(f -> f.line() + " " + f.rule().id() + (f.undo() ? " undo" : "")).toList();
    assertEquals(List.of("3 concurrently-in-transaction", "8 drop-index-without-concurrently undo",
        "9 drop-table undo"), findings);
  }

  @Test
  void theUndoPartMayDropTheColumnsTheChangeAddedButNoOther() {
    LintScript script = new LintScript("2_risk_level.sql", """
        -- // add risk level to trades
        ALTER TABLE trades ADD COLUMN risk_level NUMERIC(10,2);

        -- //@UNDO
        SET LOCAL lock_timeout = '1s';
        ALTER TABLE trades DROP COLUMN risk_level;
        ALTER TABLE trades DROP COLUMN note;
        ALTER TABLE orders DROP COLUMN risk_level;
        """);
    List<String> findings = new MigrationLinter(PG12).lint(List.of(RuleExample.script(1, RuleExample.SETUP), script))
        .standing().stream().map(f -> f.line() + " " + f.rule().id() + (f.undo() ? " undo" : "")).toList();
    assertEquals(List.of("2 missing-lock-timeout", "7 drop-column undo", "8 drop-column undo"), findings);
  }

  @Test
  void anIgnoreWithAReasonSilencesItsRulesOnTheNextStatementOnly() {
    List<Finding> findings = RulesTest.findingsOfLast(List.of(RuleExample.TIMEOUT + """
        -- quantagent:lint-ignore drop-column,rename nothing reads note since 4.2
        ALTER TABLE trades DROP COLUMN note;
        ALTER TABLE trades DROP COLUMN quantity;"""), PG12);
    assertEquals(List.of("4 drop-column ignored: nothing reads note since 4.2", "5 drop-column"),
        findings.stream().map(f -> f.line() + " " + f.rule().id()
            + (f.ignored() ? " ignored: " + f.ignoredBecause() : "")).toList());
  }

  @Test
  void anIgnoreWithoutReasonUnknownRuleOrStatementIsItselfAnError() {
    assertEquals(List.of("3 invalid-ignore", "5 invalid-ignore", "7 invalid-ignore"), found(RuleExample.TIMEOUT + """
        -- quantagent:lint-ignore drop-column
        ALTER TABLE trades DROP COLUMN note;
        -- quantagent:lint-ignore no-such-rule because
        ALTER TABLE trades ADD COLUMN venue text;
        -- quantagent:lint-ignore rename at the end, before nothing"""));
    Finding noReason = RulesTest.findingsOfLast(List.of("-- quantagent:lint-ignore drop-table\nSELECT 1;"), PG12)
        .get(0);
    assertTrue(noReason.message().contains("gives no reason"), noReason.message());
  }

  @Test
  void ddlInsideStringsCommentsAndFunctionBodiesIsNotAStatement() {
    assertEquals(List.of(), found("""
        COMMENT ON TABLE trades IS 'CREATE INDEX x ON trades (price); DROP TABLE orders;';
        /* ALTER TABLE trades RENAME TO t2; */
        CREATE FUNCTION touch() RETURNS void LANGUAGE sql AS $$ UPDATE trades SET note = 'x' $$;"""));
  }

  @Test
  void statementsThatSpanLinesAreReportedAtTheirFirstLine() {
    assertEquals(List.of("5 index-without-concurrently"), found(RuleExample.TIMEOUT + """
        -- a comment

        CREATE INDEX
          idx_trades_price
          ON trades (price);"""));
  }

  @ParameterizedTest(name = "PostgreSQL {0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "10 | ALTER TABLE trades ADD COLUMN venue text DEFAULT 'XNYS'; | 3 add-column-volatile-default",
      "11 | ALTER TABLE trades ADD COLUMN venue text DEFAULT 'XNYS'; | ''",
      "17 | ALTER TABLE trades ADD COLUMN spread numeric GENERATED ALWAYS AS (price * 2) VIRTUAL; | 3 add-column-volatile-default",
      "18 | ALTER TABLE trades ADD COLUMN spread numeric GENERATED ALWAYS AS (price * 2) VIRTUAL; | ''"})
  void addColumnDefaultsFollowTheVersion(int version, String statement, String expected) {
    assertEquals(expected.isEmpty() ? List.of() : List.of(expected),
        found(LintSettings.forVersion(version), RuleExample.TIMEOUT + statement));
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @CsvSource({"11, 1", "12, 0"})
  void setNotNullAfterAValidatedCheckIsFreeFromPostgresql12(int version, int findings) {
    List<String> found = found(LintSettings.forVersion(version),
        RuleExample.TIMEOUT + "ALTER TABLE trades ADD CONSTRAINT q_nn CHECK (quantity IS NOT NULL) NOT VALID;",
        RuleExample.TIMEOUT + "ALTER TABLE trades VALIDATE CONSTRAINT q_nn;",
        RuleExample.TIMEOUT + "ALTER TABLE trades ALTER COLUMN quantity SET NOT NULL;");
    assertEquals(findings, found.size(), found.toString());
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @CsvSource(delimiter = '|', value = {"11 | has no REINDEX CONCURRENTLY", "12 | REINDEX ... CONCURRENTLY, alone"})
  void reindexSafeWayFollowsTheVersion(int version, String safeWay) {
    Finding finding = RulesTest.findingsOfLast(List.of(RuleExample.TIMEOUT + "REINDEX TABLE trades;"),
        LintSettings.forVersion(version)).get(0);
    assertEquals(Rule.REINDEX_WITHOUT_CONCURRENTLY, finding.rule());
    assertTrue(finding.safeWay().contains(safeWay), finding.safeWay());
  }

  @Test
  void validateInTheSameTransactionAsItsNotValidAddGainsNothing() {
    assertEquals(List.of("4 check-without-not-valid"), found(RuleExample.TIMEOUT + """
        ALTER TABLE trades ADD CONSTRAINT ck_q CHECK (quantity > 0) NOT VALID;
        ALTER TABLE trades VALIDATE CONSTRAINT ck_q;"""));
  }

  @Test
  void theRunnersLockTimeoutOrTheScriptHeaderMakeSetLockTimeoutUnneeded() {
    String change = "ALTER TABLE trades ADD COLUMN venue text;";
    assertEquals(List.of("2 missing-lock-timeout"), found(change));
    assertEquals(List.of(), found(new LintSettings(12, true), change));
    for (String off : List.of("off", "0", "0s", "0ms", "00")) {
      assertEquals(List.of("3 missing-lock-timeout"), found(new LintSettings(12, true),
          "-- quantagent:lock-timeout " + off + "\n" + change), off + " turns the runner's guard off, as upgrade reads it");
    }
    assertEquals(List.of(), found("-- quantagent:lock-timeout 5s\n" + change));
    assertEquals(List.of("3 missing-lock-timeout"), found("SET lock_timeout = 0;\n" + change));
  }

  @Test
  void columnTypesFollowQuantagentsRulesInNewTablesButNotInUndo() {
    assertEquals(List.of("2 prefer-timestamptz", "2 float-money", "2 float-money", "2 prefer-jsonb",
        "4 column-type-rewrite undo", "4 missing-lock-timeout undo"), found("""
        CREATE TABLE fills2 (at timestamp(3), fee real, cash_balance money, size float8, meta json);
        -- //@UNDO
        ALTER TABLE trades ALTER COLUMN opened_at TYPE timestamp;"""));
  }

  @Test
  void onlyTheReportedScriptsGetFindingsButAllBuildTheSchema() {
    List<LintScript> scripts = RuleExample.scripts(List.of("CREATE TABLE ticks (id bigint, at timestamp);",
        RuleExample.TIMEOUT + "ALTER TABLE ticks ALTER COLUMN id TYPE int;"));
    LintReport report = new MigrationLinter(PG12).lint(scripts, file -> file.startsWith("3_"));
    assertEquals(1, report.scripts());
    assertEquals(List.of("3_step_3.sql column-type-rewrite: ALTER COLUMN id TYPE int (from bi"), report.findings()
        .stream().map(f -> f.file() + " " + f.rule().id() + ": " + f.message().substring(0, 33)).toList());
  }
}
