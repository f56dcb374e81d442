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
      "18 | ALTER TABLE trades ADD COLUMN spread numeric GENERATED ALWAYS AS (price * 2) VIRTUAL; | ''",
      "18 | ALTER TABLE trades ADD COLUMN spread numeric GENERATED ALWAYS AS (round(price, 2)) STORED; | 3 add-column-volatile-default",
      "18 | ALTER TABLE trades ADD COLUMN seq bigint GENERATED BY DEFAULT AS IDENTITY; | 3 add-column-volatile-default",
      "18 | ALTER TABLE trades ADD COLUMN seq bigserial; | 3 add-column-volatile-default"})
  void addColumnDefaultsFollowTheVersion(int version, String statement, String expected) {
    assertEquals(expected.isEmpty() ? List.of() : List.of(expected),
        found(LintSettings.forVersion(version), RuleExample.TIMEOUT + statement));
  }

  @Test
  void aDefaultTakesItsParenthesesWholeAndEndsAtTheColumnsNextConstraint() {
    String add = RuleExample.TIMEOUT
        + "ALTER TABLE trades ADD COLUMN checked_at timestamptz DEFAULT coalesce(NULL, clock_timestamp()) NOT NULL;";
    assertEquals(List.of("3 add-column-volatile-default"), found(add), "the NULL inside the call ends nothing");
    assertEquals(List.of(), found(add, RuleExample.TIMEOUT + """
        ALTER TABLE trades ALTER COLUMN checked_at SET NOT NULL;
        ALTER TABLE orders ALTER COLUMN id SET NOT NULL;"""),
        "the added column and the setup's PRIMARY KEY are known NOT NULL: nothing to scan");
  }

  @Test
  void unbalancedParenthesesAndEmptyElementsAreLeftToTheServerAndWhatCanBeReadIsJudged() {
    assertEquals(List.of("4 prefer-timestamptz"), found(RuleExample.TIMEOUT + "CREATE TABLE risk (, id bigint);\n"
        + "CREATE TABLE fills (id bigint, price numeric(20,8), at timestamp"));
  }

  @Test
  void aRenameOrAnAddedKeyNamesWhatItIs() {
    List<Finding> findings = RulesTest.findingsOfLast(List.of(
        "CREATE TABLE fills (id bigint NOT NULL, trade_id bigint);", RuleExample.TIMEOUT + """
        ALTER TABLE trades RENAME TO trades_old;
        ALTER TABLE orders RENAME COLUMN symbol TO ticker;
        ALTER TABLE fills ADD CONSTRAINT fills_pkey PRIMARY KEY (id);
        ALTER TABLE fills ADD CONSTRAINT fills_trade_key UNIQUE (trade_id);"""), PG12);
    assertEquals(List.of("RENAME of table trades to trades_old", "RENAME COLUMN symbol TO ticker on orders",
        "ADD CONSTRAINT fills_pkey PRIMARY KEY on fills", "ADD CONSTRAINT fills_trade_key UNIQUE on fills"),
        findings.stream().map(f -> f.message().split(":| builds", 2)[0]).toList());
  }

  @Test
  void vacuumFullIsNamedAlsoAsAnOption() {
    assertEquals(List.of("3 vacuum-full-or-cluster", "3 missing-lock-timeout"),
        found(RuleExample.NO_TRANSACTION + "VACUUM (FULL, ANALYZE) trades;"));
    assertEquals(List.of(), found(RuleExample.NO_TRANSACTION + "VACUUM (FULL false, ANALYZE) trades;"));
  }

  @Test
  void everyRowUpdatedOrDeletedIsNamedAlsoBehindAWithClause() {
    assertEquals(List.of("3 update-or-delete-without-where", "4 update-or-delete-without-where"),
        found(RuleExample.TIMEOUT + "WITH stale (id) AS (SELECT 1) UPDATE trades SET note = 'x';\nDELETE FROM orders;"));
  }

  @Test
  void setSessionAndSetConfigSetTheLockTimeoutToo() {
    for (String timeout : List.of("SET SESSION lock_timeout = '2s';",
        "SELECT set_config('lock_timeout', '2s', true);")) {
      assertEquals(List.of(), found(timeout + "\nALTER TABLE trades ADD COLUMN venue text;"), timeout);
    }
  }

  @Test
  void reindexOptionsAreReadConcurrentlyAmongThem() {
    assertEquals(List.of(), found(LintSettings.forVersion(14), RuleExample.NO_TRANSACTION
        + "REINDEX (CONCURRENTLY) TABLE trades;"));
    assertEquals(List.of("3 reindex-without-concurrently"), found(LintSettings.forVersion(14), RuleExample.TIMEOUT
        + "REINDEX (VERBOSE) TABLE trades;"));
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

  /** The messages of the standing findings of {@code rule} in the last script. */
  private static List<String> messages(LintSettings settings, Rule rule, String... changes) {
    return RulesTest.findingsOfLast(List.of(changes), settings).stream()
        .filter(f -> !f.ignored() && f.rule() == rule).map(Finding::message).toList();
  }

  private static List<String> messages(Rule rule, String... changes) {
    return messages(PG12, rule, changes);
  }

  @Test
  void whatEarlierScriptsDidToAColumnDecidesWhetherSetNotNullScans() {
    String setNotNull = RuleExample.TIMEOUT + "ALTER TABLE orders ALTER COLUMN symbol SET NOT NULL;";
    assertEquals(List.of(), found(setNotNull), "orders.symbol was created NOT NULL");
    assertEquals(List.of(), found(RuleExample.TIMEOUT + "ALTER TABLE orders ALTER COLUMN symbol TYPE varchar(64);",
        setNotNull), "a new type keeps NOT NULL");
    assertEquals(List.of(), found(RuleExample.TIMEOUT + "ALTER TABLE trades ALTER COLUMN quantity SET NOT NULL;",
        RuleExample.TIMEOUT + "ALTER TABLE trades ALTER COLUMN quantity SET NOT NULL;"), "the first one scanned");
    assertEquals(List.of(), found(RuleExample.TIMEOUT + "ALTER TABLE orders RENAME COLUMN symbol TO ticker;",
        RuleExample.TIMEOUT + "ALTER TABLE orders ALTER COLUMN ticker SET NOT NULL;"), "the column moves with its name");
    assertEquals(List.of(), found(RuleExample.TIMEOUT + "ALTER TABLE orders RENAME TO client_orders;",
        RuleExample.TIMEOUT + "ALTER TABLE client_orders ALTER COLUMN symbol SET NOT NULL;"),
        "the columns move with the table's name");
    assertEquals(List.of(), found(RuleExample.TIMEOUT + "ALTER TABLE accounts ADD COLUMN owner text NOT NULL;",
        RuleExample.TIMEOUT + "ALTER TABLE accounts ALTER COLUMN owner SET NOT NULL;"),
        "a table the scripts never created still learns the columns they add");
    assertEquals(List.of("3 set-not-null-scan"), found(RuleExample.TIMEOUT
        + "ALTER TABLE accounts ALTER COLUMN owner SET NOT NULL;"), "nothing is known of accounts.owner");
  }

  @Test
  void onlyAValidatedNotNullCheckOnThatColumnLetsSetNotNullSkipItsScan() {
    String setNotNull = RuleExample.TIMEOUT + "ALTER TABLE trades ALTER COLUMN quantity SET NOT NULL;";
    assertEquals(List.of("3 set-not-null-scan"), found(RuleExample.TIMEOUT
        + "ALTER TABLE trades ADD CONSTRAINT q_nn CHECK (quantity IS NOT NULL) NOT VALID;", setNotNull), "not validated");
    assertEquals(List.of("3 set-not-null-scan"), found(RuleExample.TIMEOUT
        + "ALTER TABLE trades ADD CONSTRAINT p_nn CHECK (price IS NOT NULL);", setNotNull), "another column");
    assertEquals(List.of("3 set-not-null-scan"), found(RuleExample.TIMEOUT
        + "ALTER TABLE trades ADD CONSTRAINT q_pos CHECK (quantity > 0);", setNotNull), "proves no NOT NULL");
    assertEquals(List.of(), found(RuleExample.TIMEOUT
        + "ALTER TABLE trades ADD COLUMN size integer CONSTRAINT size_nn CHECK (size IS NOT NULL);",
        RuleExample.TIMEOUT + "ALTER TABLE trades ALTER COLUMN size SET NOT NULL;"), "a new column's own CHECK");
    assertEquals(List.of(), found("CREATE TABLE fills (id bigint, size integer CHECK (size IS NOT NULL));",
        RuleExample.TIMEOUT + "ALTER TABLE fills ALTER COLUMN size SET NOT NULL;"), "a column's CHECK in CREATE TABLE");
    assertEquals(List.of(), found("CREATE TABLE fills (id bigint, size integer, CHECK (size IS NOT NULL));",
        RuleExample.TIMEOUT + "ALTER TABLE fills ALTER COLUMN size SET NOT NULL;"), "a table's CHECK in CREATE TABLE");
  }

  @Test
  void aColumnTypeChangedBeforeIsJudgedFromItsNewType() {
    assertEquals(List.of(), found(RuleExample.TIMEOUT + "ALTER TABLE trades ALTER COLUMN quantity TYPE bigint;",
        RuleExample.TIMEOUT + "ALTER TABLE trades ALTER COLUMN quantity TYPE bigint;"));
  }

  @Test
  void aDroppedTableOrIndexIsForgotten() {
    assertEquals(List.of(), found(RuleExample.TIMEOUT + "-- quantagent:lint-ignore drop-table moved to archive\n"
        + "DROP TABLE orders;", "CREATE TABLE IF NOT EXISTS orders (id bigint, symbol text);\n"
        + "CREATE INDEX idx_orders_symbol ON orders (symbol);"), "orders is created anew: it has no readers");
    assertEquals(List.of("DROP INDEX idx_trades_symbol takes ACCESS EXCLUSIVE on its table: it waits for every running"
        + " query on the table, and every new query waits behind it."), messages(Rule.DROP_INDEX_WITHOUT_CONCURRENTLY,
        RuleExample.NO_TRANSACTION + "DROP INDEX CONCURRENTLY idx_trades_symbol;",
        RuleExample.TIMEOUT + "DROP INDEX IF EXISTS idx_trades_symbol;"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "ALTER TABLE trades ADD COLUMN venue text; | trades",
      "CREATE INDEX idx_trades_price ON trades (price); | trades",
      "DROP INDEX idx_trades_symbol; | trades",
      "DROP INDEX idx_made_by_hand; | the table of idx_made_by_hand",
      "DROP TABLE orders; | orders",
      "LOCK TABLE trades IN SHARE MODE; | trades",
      "REINDEX TABLE trades; | trades",
      "REINDEX INDEX idx_trades_symbol; | trades",
      "REINDEX INDEX idx_made_by_hand; | the table of idx_made_by_hand",
      "CLUSTER trades USING idx_trades_symbol; | trades",
      "UPDATE trades SET note = 'checked' WHERE id = 1; | trades"})
  void theMissingLockTimeoutNamesTheTableTheStatementLocks(String statement, String table) {
    assertEquals(List.of("this statement locks " + table + ", and nothing set a lock_timeout before it: if a long query"
        + " holds " + table + ", the statement waits, and every query on " + table + " queues behind it."),
        messages(Rule.MISSING_LOCK_TIMEOUT, statement));
  }

  @Test
  void aStatementTimeoutGuardsLikeALockTimeoutAndOtherSettingsDoNot() {
    String change = "ALTER TABLE trades ADD COLUMN venue text;";
    assertEquals(List.of(), found("SET LOCAL statement_timeout = '5min';\n" + change));
    assertEquals(List.of("3 missing-lock-timeout"), found("SET LOCAL work_mem = '64MB';\n" + change));
    assertEquals(List.of(), found(RuleExample.NO_TRANSACTION + "REINDEX TABLE CONCURRENTLY trades;"),
        "CONCURRENTLY does not queue the table's queries behind it");
    assertEquals(List.of("2 vacuum-full-or-cluster", "2 non-transactional-in-transaction"), found("CLUSTER;"),
        "CLUSTER alone names no table to lock first");
  }

  @Test
  void alterTableFindingsSayWhatTheStatementDoes() {
    assertEquals(List.of("ALTER COLUMN quantity TYPE bigint (from integer) with USING rewrites trades and rebuilds its"
        + " indexes under ACCESS EXCLUSIVE: no reads, no writes until it is done."), messages(Rule.COLUMN_TYPE_REWRITE,
        RuleExample.TIMEOUT + "ALTER TABLE trades ALTER COLUMN quantity TYPE bigint USING quantity::bigint;"));
    assertEquals(List.of("ADD CONSTRAINT fk_trades_order FOREIGN KEY on trades referencing orders without NOT VALID"
        + " scans trades while writes to both tables wait (SHARE ROW EXCLUSIVE).",
        "ADD CONSTRAINT FOREIGN KEY on trades referencing orders without NOT VALID scans trades while writes to both"
        + " tables wait (SHARE ROW EXCLUSIVE)."), messages(Rule.FOREIGN_KEY_WITHOUT_NOT_VALID, RuleExample.TIMEOUT
        + "ALTER TABLE trades ADD CONSTRAINT fk_trades_order FOREIGN KEY (order_id) REFERENCES orders (id);\n"
        + "ALTER TABLE trades ADD FOREIGN KEY (order_id) REFERENCES orders (id);"));
    List<Finding> unique = RulesTest.findingsOfLast(List.of(RuleExample.TIMEOUT
        + "ALTER TABLE trades ADD CONSTRAINT trades_pk2 PRIMARY KEY (id);\n"
        + "ALTER TABLE trades ADD CONSTRAINT uq_order UNIQUE (order_id);\n"
        + "ALTER TABLE trades ADD CONSTRAINT no_overlap EXCLUDE USING gist (order_id WITH =);"), PG12).stream()
        .filter(f -> f.rule() == Rule.UNIQUE_WITHOUT_INDEX).toList();
    assertEquals(List.of("ADD CONSTRAINT trades_pk2 PRIMARY KEY on trades", "ADD CONSTRAINT uq_order UNIQUE on trades",
        "ADD CONSTRAINT no_overlap EXCLUDE on trades"), unique.stream()
        .map(f -> f.message().substring(0, f.message().indexOf(" builds"))).toList());
    assertEquals(List.of(Rule.UNIQUE_WITHOUT_INDEX.safeWay(), Rule.UNIQUE_WITHOUT_INDEX.safeWay(),
        "an EXCLUDE constraint cannot use a prebuilt index: add it when the table is created, or in a quiet window"
        + " with a reasoned lint-ignore"), unique.stream().map(Finding::safeWay).toList());
  }

  @Test
  void validateInTheSameTransactionNamesTheLockItsAddStillHolds() {
    assertEquals(List.of("VALIDATE CONSTRAINT fk_o runs in the same transaction as its ADD ... NOT VALID, so it scans"
        + " trades while the ADD's lock (SHARE ROW EXCLUSIVE) is still held: NOT VALID gains nothing."),
        messages(Rule.FOREIGN_KEY_WITHOUT_NOT_VALID, RuleExample.TIMEOUT
            + "ALTER TABLE trades ADD CONSTRAINT fk_o FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;\n"
            + "ALTER TABLE trades VALIDATE CONSTRAINT fk_o;"));
    assertEquals(List.of("VALIDATE CONSTRAINT ck_q runs in the same transaction as its ADD ... NOT VALID, so it scans"
        + " trades while the ADD's lock (ACCESS EXCLUSIVE) is still held: NOT VALID gains nothing."),
        messages(Rule.CHECK_WITHOUT_NOT_VALID, RuleExample.TIMEOUT
            + "ALTER TABLE trades ADD CONSTRAINT ck_q CHECK (quantity > 0) NOT VALID;\n"
            + "ALTER TABLE trades VALIDATE CONSTRAINT ck_q;"));
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @CsvSource(delimiter = '|', value = {
      "11 | SET NOT NULL on trades.quantity scans trades under ACCESS EXCLUSIVE to prove no NULL is left: PostgreSQL 11"
          + " scans even when a CHECK proves it.",
      "12 | SET NOT NULL on trades.quantity scans trades under ACCESS EXCLUSIVE to prove no NULL is left: no validated"
          + " CHECK (quantity IS NOT NULL) lets PostgreSQL skip it."})
  void setNotNullSaysWhetherACheckCouldSpareTheScan(int version, String message) {
    assertEquals(List.of(message), messages(LintSettings.forVersion(version), Rule.SET_NOT_NULL_SCAN,
        RuleExample.TIMEOUT + "ALTER TABLE trades ALTER COLUMN quantity SET NOT NULL;"));
  }

  @ParameterizedTest(name = "PostgreSQL {0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "10 | venue text DEFAULT 'XNYS' | ADD COLUMN venue has a DEFAULT, which before PostgreSQL 11 is written into"
          + " every existing row",
      "12 | at timestamptz DEFAULT clock_timestamp() | ADD COLUMN at has the volatile DEFAULT clock_timestamp(): it is"
          + " evaluated and written for every existing row",
      "17 | spread numeric GENERATED ALWAYS AS (price * 2) VIRTUAL | ADD COLUMN spread is a generated column, which"
          + " before PostgreSQL 18 is stored: computed for every existing row",
      "18 | spread numeric GENERATED ALWAYS AS (price * 2) STORED | ADD COLUMN spread is GENERATED ... STORED: the"
          + " value is computed and stored for every existing row",
      "18 | uid bigint GENERATED ALWAYS AS IDENTITY | ADD COLUMN uid is an identity column: every existing row draws"
          + " its own sequence value",
      "18 | uid bigserial | ADD COLUMN uid is bigserial: every existing row draws its own nextval()"})
  void aRewritingDefaultSaysWhyItRewrites(int version, String column, String message) {
    assertEquals(List.of(message + ", so trades is rewritten under ACCESS EXCLUSIVE: no reads, no writes until it is"
        + " done."), messages(LintSettings.forVersion(version), Rule.ADD_COLUMN_VOLATILE_DEFAULT,
        RuleExample.TIMEOUT + "ALTER TABLE trades ADD COLUMN " + column + ";"));
  }

  @Test
  void indexFindingsNameTheIndexAndItsTable() {
    assertEquals(List.of("CREATE UNIQUE INDEX uq_trades_order on trades takes a SHARE lock on trades: INSERT, UPDATE"
        + " and DELETE wait until the index is built and the migration commits.", "CREATE INDEX on trades takes a"
        + " SHARE lock on trades: INSERT, UPDATE and DELETE wait until the index is built and the migration commits."),
        messages(Rule.INDEX_WITHOUT_CONCURRENTLY, RuleExample.TIMEOUT
            + "CREATE UNIQUE INDEX uq_trades_order ON trades (order_id);\nCREATE INDEX ON trades (price);"));
    assertEquals(List.of("DROP INDEX idx_trades_symbol takes ACCESS EXCLUSIVE on trades: it waits for every running"
        + " query on the table, and every new query waits behind it."),
        messages(Rule.DROP_INDEX_WITHOUT_CONCURRENTLY, RuleExample.TIMEOUT + "DROP INDEX idx_trades_symbol;"));
    assertEquals(List.of("REINDEX INDEX idx_trades_symbol blocks writes to trades (and reads that use the index) while"
        + " it rebuilds.", "REINDEX TABLE orders blocks writes to orders (and reads that use the index) while it"
        + " rebuilds.", "REINDEX INDEX idx_made_by_hand blocks writes to its table (and reads that use the index) while"
        + " it rebuilds."), messages(Rule.REINDEX_WITHOUT_CONCURRENTLY, RuleExample.TIMEOUT
            + "REINDEX INDEX idx_trades_symbol;\nREINDEX TABLE orders;\nREINDEX INDEX idx_made_by_hand;"));
    assertEquals(List.of(), found(RuleExample.TIMEOUT + "CREATE TABLE risk (id bigint PRIMARY KEY, level integer);\n"
        + "CREATE INDEX idx_risk_level ON risk (level);\nREINDEX TABLE risk;\nREINDEX INDEX idx_risk_level;"),
        "a table the script created has no readers to block");
  }

  @Test
  void aTableTheScriptCreatedIsStillNewUnderItsNewNameAndARenamedOldTableIsNot() {
    assertEquals(List.of(), found("CREATE TABLE risk (id bigint PRIMARY KEY, level integer);\n"
        + "ALTER TABLE risk RENAME TO risk_levels;\nCREATE INDEX idx_risk_level ON risk_levels (level);"));
    assertEquals(List.of("3 rename", "4 index-without-concurrently"), found(RuleExample.TIMEOUT
        + "ALTER TABLE orders RENAME TO client_orders;\nCREATE INDEX idx_client_orders ON client_orders (symbol);"));
  }

  @Test
  void typeRulesJudgeTheColumnsAnAlterTableAddsOrRetypes() {
    assertEquals(List.of("3 prefer-jsonb", "4 column-type-rewrite", "4 prefer-jsonb", "5 float-money"),
        found(RuleExample.TIMEOUT + "ALTER TABLE trades ADD COLUMN meta json;\n"
            + "ALTER TABLE trades ALTER COLUMN note TYPE json USING note::json;\n"
            + "ALTER TABLE trades ADD COLUMN fee_usd real, ADD COLUMN fill_ratio double precision;"));
  }

  @Test
  void clusterNamesTheTableItRewritesUnlessTheScriptCreatedIt() {
    assertEquals(List.of("CLUSTER trades rewrites the table in index order under ACCESS EXCLUSIVE: no reads, no writes"
        + " until it is done.", "CLUSTER rewrites the table in index order under ACCESS EXCLUSIVE: no reads, no writes"
        + " until it is done."), messages(Rule.VACUUM_FULL_OR_CLUSTER, RuleExample.TIMEOUT
            + "CLUSTER trades USING idx_trades_symbol;\nCLUSTER;"));
    assertEquals(List.of(), found("CREATE TABLE risk (id bigint PRIMARY KEY);\nCLUSTER risk USING risk_pkey;"));
  }

  @Test
  void aScriptWithoutAnUndoPartIsLintedWhole() {
    LintScript script = new LintScript("2_drop.sql", "-- // drop orders\nSET LOCAL lock_timeout = '1s';\n"
        + "DROP TABLE orders;");
    assertEquals(List.of("3 drop-table"), new MigrationLinter(PG12)
        .lint(List.of(RuleExample.script(1, RuleExample.SETUP), script)).standing().stream()
        .map(f -> f.line() + " " + f.rule().id()).toList());
  }

  @Test
  void anIgnoreSilencesTheStatementRightBelowItEvenOnTheFirstLine() {
    assertEquals(List.of(), found("-- quantagent:lint-ignore missing-lock-timeout the table is quiet at 3am\n"
        + "ALTER TABLE trades ADD COLUMN venue text;"));
  }

  @Test
  void anIgnoreOnTheLineOrInsideOfAStatementSilencesNotTheNextOne() {
    assertEquals(List.of("3 invalid-ignore", "4 drop-column"), found(RuleExample.TIMEOUT
        + "UPDATE trades SET note = 'x' WHERE id = 1; -- quantagent:lint-ignore drop-column nothing reads note\n"
        + "ALTER TABLE trades DROP COLUMN note;"));
    assertEquals(List.of("4 invalid-ignore", "6 drop-column"), found(RuleExample.TIMEOUT + "UPDATE trades\n"
        + "  -- quantagent:lint-ignore drop-column nothing reads note\n  SET note = 'x' WHERE id = 1;\n"
        + "ALTER TABLE trades DROP COLUMN note;"));
  }

  @Test
  void aBareLintIgnoreNamesNoRule() {
    assertEquals(List.of("3 invalid-ignore"), found(RuleExample.TIMEOUT + "-- quantagent:lint-ignore\n"
        + "UPDATE trades SET note = 'x' WHERE id = 1;"));
  }

  @Test
  void aReindexOfATableTheScriptCreatedNeedsNoLockTimeout() {
    assertEquals(List.of(), found("CREATE TABLE risk (id bigint PRIMARY KEY, level integer);\n"
        + "CREATE INDEX idx_risk_level ON risk (level);\nREINDEX TABLE risk;\nREINDEX INDEX idx_risk_level;"),
        "nothing else reads risk: no query queues behind the REINDEX");
  }

  @Test
  void aColumnAddedWithAConstraintIsJudgedAsTheConstraintAddedAlone() {
    assertEquals(List.of("3 foreign-key-without-not-valid", "4 check-without-not-valid", "5 unique-without-index",
        "6 unique-without-index"), found(RuleExample.TIMEOUT
            + "ALTER TABLE trades ADD COLUMN parent_id bigint REFERENCES orders (id);\n"
            + "ALTER TABLE trades ADD COLUMN size integer CHECK (size > 0);\n"
            + "ALTER TABLE trades ADD COLUMN ref text UNIQUE;\n"
            + "ALTER TABLE trades ADD COLUMN uid bigint PRIMARY KEY;"));
    assertEquals(List.of("ADD COLUMN ref UNIQUE builds its index under ACCESS EXCLUSIVE on trades: no reads, no writes"
        + " until it is built.", "ADD COLUMN uid PRIMARY KEY builds its index under ACCESS EXCLUSIVE on trades: no reads,"
        + " no writes until it is built."), messages(Rule.UNIQUE_WITHOUT_INDEX, RuleExample.TIMEOUT
            + "ALTER TABLE trades ADD COLUMN ref text UNIQUE;\nALTER TABLE trades ADD COLUMN uid bigint PRIMARY KEY;"));
  }

  @Test
  void concurrentlyInsideTheRunnersTransactionFailsWhateverItBuildsOrDrops() {
    assertEquals(List.of("3 concurrently-in-transaction", "4 concurrently-in-transaction",
        "5 concurrently-in-transaction"), found(RuleExample.TIMEOUT
            + "DROP INDEX CONCURRENTLY idx_trades_symbol;\n"
            + "REINDEX INDEX CONCURRENTLY idx_trades_symbol;\n"
            + "ALTER TABLE trades DETACH PARTITION trades_2020 CONCURRENTLY;"));
  }

  @Test
  void aTypeChangeTheScriptsCannotJudgeOrThatRewritesUnlessUtcSaysSo() {
    assertEquals(List.of("ALTER COLUMN at TYPE timestamptz (from timestamp) rewrites ticks under ACCESS EXCLUSIVE"
        + " unless the migration's TimeZone is UTC.", "ALTER COLUMN owner TYPE text: the scripts do not show"
        + " what accounts.owner is today, and unless this widens a varchar, turns varchar into text or widens a numeric's"
        + " precision, PostgreSQL rewrites accounts and its indexes under ACCESS EXCLUSIVE."),
        messages(Rule.COLUMN_TYPE_REWRITE, "CREATE TABLE ticks (id bigint, at timestamp);", RuleExample.TIMEOUT
            + "ALTER TABLE ticks ALTER COLUMN at TYPE timestamptz;\n"
            + "ALTER TABLE accounts ALTER COLUMN owner TYPE text;"));
  }

  @Test
  void vacuumFullRewritesEveryTableItWorksOn() {
    assertEquals(List.of("2 vacuum-full-or-cluster", "2 non-transactional-in-transaction", "2 missing-lock-timeout"),
        found("VACUUM FULL trades;"));
    String timeout = messages(Rule.MISSING_LOCK_TIMEOUT, "VACUUM FULL trades;").get(0);
    assertTrue(timeout.startsWith("this statement locks each table it works on,"), timeout);
  }
}
