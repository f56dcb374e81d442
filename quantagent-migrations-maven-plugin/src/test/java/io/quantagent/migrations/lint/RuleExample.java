package io.quantagent.migrations.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * One rule's example: a script that trips it and the safe way to write the same change (one or more scripts, the last
 * one the change itself), both run after {@link #SETUP}; and what PostgreSQL really does with each (the {@link Claim}s
 * the proven-lock test checks on a real server).
 */
record RuleExample(Rule rule, String bad, Claim badClaim, List<String> safe, Claim safeClaim) {

  /** Tables that existed before the scripts under test, with rows. */
  static final String SETUP = """
      CREATE TABLE orders (id bigint PRIMARY KEY, symbol varchar(32) NOT NULL);
      CREATE TABLE trades (id bigint PRIMARY KEY, order_id bigint, symbol varchar(32), price numeric(20,8),
          quantity integer, note text, opened_at timestamptz);
      CREATE INDEX idx_trades_symbol ON trades (symbol);
      INSERT INTO orders SELECT g, 'S' || g FROM generate_series(1, 100) g;
      INSERT INTO trades SELECT g, g, 'S' || g, g, g, 'n', now() FROM generate_series(1, 100) g;
      """;

  static final String TIMEOUT = "SET LOCAL lock_timeout = '2s';\n";
  static final String NO_TRANSACTION = "-- quantagent:no-transaction\n";

  /**
   * What the proof must show for the statement of interest (the last one of the script): the strongest lock on
   * {@code table} (null: no lock on any table that existed before), a rewrite, a scan (null: either), a run outside a
   * transaction (locks not observable), or a failure with this SQLSTATE.
   */
  record Claim(String table, LockMode mode, boolean rewritten, Boolean scanned, boolean outside, String failure) {
    static Claim lock(String table, LockMode mode) {
      return new Claim(table, mode, false, null, false, null);
    }

    static Claim rewrite(String table) {
      return new Claim(table, LockMode.ACCESS_EXCLUSIVE, true, null, false, null);
    }

    static Claim scan(String table, LockMode mode) {
      return new Claim(table, mode, false, true, false, null);
    }

    static Claim noScan(String table, LockMode mode) {
      return new Claim(table, mode, false, false, false, null);
    }

    static Claim outsideTransaction() {
      return new Claim(null, null, false, null, true, null);
    }

    static Claim noExistingTable() {
      return new Claim(null, null, false, null, false, null);
    }

    static Claim fails(String sqlState) {
      return new Claim(null, null, false, null, false, sqlState);
    }
  }

  static List<RuleExample> all() {
    List<RuleExample> examples = new ArrayList<>();
    examples.add(new RuleExample(Rule.INDEX_WITHOUT_CONCURRENTLY,
        TIMEOUT + "CREATE INDEX idx_trades_price ON trades (price);", Claim.lock("trades", LockMode.SHARE),
        List.of(NO_TRANSACTION + "CREATE INDEX CONCURRENTLY idx_trades_price ON trades (price);"),
        Claim.outsideTransaction()));
    examples.add(new RuleExample(Rule.DROP_INDEX_WITHOUT_CONCURRENTLY,
        TIMEOUT + "DROP INDEX idx_trades_symbol;", Claim.lock("trades", LockMode.ACCESS_EXCLUSIVE),
        List.of(NO_TRANSACTION + "DROP INDEX CONCURRENTLY idx_trades_symbol;"), Claim.outsideTransaction()));
    examples.add(new RuleExample(Rule.CONCURRENTLY_IN_TRANSACTION,
        "CREATE INDEX CONCURRENTLY idx_trades_price ON trades (price);", Claim.fails("25001"),
        List.of(NO_TRANSACTION + "CREATE INDEX CONCURRENTLY idx_trades_price ON trades (price);"),
        Claim.outsideTransaction()));
    examples.add(new RuleExample(Rule.NON_TRANSACTIONAL_IN_TRANSACTION, "VACUUM ANALYZE trades;", Claim.fails("25001"),
        List.of(NO_TRANSACTION + "VACUUM ANALYZE trades;"), Claim.outsideTransaction()));
    // In a transaction PostgreSQL refuses DISCARD ALL; out of one it would run, and release the run lock.
    examples.add(new RuleExample(Rule.RELEASES_RUN_LOCK, "DISCARD ALL;", Claim.fails("25001"),
        List.of(TIMEOUT + "UPDATE trades SET note = 'checked' WHERE id = 1;"),
        Claim.lock("trades", LockMode.ROW_EXCLUSIVE)));
    // The proof of the bad way: after the script's own COMMIT its transaction holds no lock, the UPDATE's included.
    examples.add(new RuleExample(Rule.TRANSACTION_CONTROL_IN_TRANSACTION,
        TIMEOUT + "BEGIN;\nUPDATE trades SET note = 'checked' WHERE id = 1;\nCOMMIT;", Claim.noExistingTable(),
        List.of(TIMEOUT + "UPDATE trades SET note = 'checked' WHERE id = 1;"),
        Claim.lock("trades", LockMode.ROW_EXCLUSIVE)));
    examples.add(new RuleExample(Rule.PSQL_COMMAND,
        "\\restrict 9xQ2\n" + TIMEOUT + "UPDATE trades SET note = 'checked' WHERE id = 1;", Claim.fails("42601"),
        List.of(TIMEOUT + "UPDATE trades SET note = 'checked' WHERE id = 1;"),
        Claim.lock("trades", LockMode.ROW_EXCLUSIVE)));
    // The proof of the bad way: pgjdbc closes the connection when the server reports the encoding.
    examples.add(new RuleExample(Rule.CLIENT_ENCODING,
        TIMEOUT + "UPDATE trades SET note = 'checked' WHERE id = 1;\nSET client_encoding = 'LATIN1';",
        Claim.fails("08006"),
        List.of("SET client_encoding = 'UTF8';\n" + TIMEOUT + "UPDATE trades SET note = 'checked' WHERE id = 1;"),
        Claim.lock("trades", LockMode.ROW_EXCLUSIVE)));
    // The proof of the bad way: pgjdbc closes the connection when the server reports a DateStyle other than ISO.
    examples.add(new RuleExample(Rule.DATE_STYLE,
        TIMEOUT + "UPDATE trades SET note = 'checked' WHERE id = 1;\nSET datestyle = 'German';",
        Claim.fails("08006"),
        List.of("SET datestyle = 'ISO, DMY';\n" + TIMEOUT + "UPDATE trades SET note = 'checked' WHERE id = 1;"),
        Claim.lock("trades", LockMode.ROW_EXCLUSIVE)));
    // The proof of the bad way: the 'logs/*' opened a second comment, the UPDATE went with it, and the SET was the
    // last statement to run.
    examples.add(new RuleExample(Rule.UNTERMINATED_COMMENT_OR_QUOTE,
        TIMEOUT + "/* marks logs/* rows as checked */\nUPDATE trades SET note = 'checked' WHERE id = 1;",
        Claim.noExistingTable(),
        List.of(TIMEOUT + "/* marks the logged rows as checked */\nUPDATE trades SET note = 'checked' WHERE id = 1;"),
        Claim.lock("trades", LockMode.ROW_EXCLUSIVE)));
    examples.add(new RuleExample(Rule.INVALID_MARKER,
        "-- quantagent:no-transaction (for CONCURRENTLY)\nCREATE INDEX CONCURRENTLY idx_trades_price ON trades (price);",
        Claim.fails("25001"),
        List.of("-- for CONCURRENTLY\n" + NO_TRANSACTION + "CREATE INDEX CONCURRENTLY idx_trades_price ON trades (price);"),
        Claim.outsideTransaction()));
    examples.add(new RuleExample(Rule.COLUMN_TYPE_REWRITE,
        TIMEOUT + "ALTER TABLE trades ALTER COLUMN price TYPE numeric(30,10);", Claim.rewrite("trades"),
        List.of(TIMEOUT + "ALTER TABLE trades ALTER COLUMN symbol TYPE varchar(64);"),
        Claim.noScan("trades", LockMode.ACCESS_EXCLUSIVE)));
    examples.add(new RuleExample(Rule.ADD_COLUMN_VOLATILE_DEFAULT,
        TIMEOUT + "ALTER TABLE trades ADD COLUMN recorded_at timestamptz DEFAULT clock_timestamp();",
        Claim.rewrite("trades"),
        List.of(TIMEOUT + "ALTER TABLE trades ADD COLUMN recorded_at timestamptz DEFAULT now();"),
        Claim.noScan("trades", LockMode.ACCESS_EXCLUSIVE)));
    examples.add(new RuleExample(Rule.SET_NOT_NULL_SCAN,
        TIMEOUT + "ALTER TABLE trades ALTER COLUMN quantity SET NOT NULL;",
        Claim.scan("trades", LockMode.ACCESS_EXCLUSIVE),
        List.of(TIMEOUT + "ALTER TABLE trades ADD CONSTRAINT trades_quantity_nn CHECK (quantity IS NOT NULL) NOT VALID;",
            TIMEOUT + "ALTER TABLE trades VALIDATE CONSTRAINT trades_quantity_nn;",
            TIMEOUT + "ALTER TABLE trades ALTER COLUMN quantity SET NOT NULL;"),
        Claim.noScan("trades", LockMode.ACCESS_EXCLUSIVE)));
    examples.add(new RuleExample(Rule.FOREIGN_KEY_WITHOUT_NOT_VALID,
        TIMEOUT + "ALTER TABLE trades ADD CONSTRAINT fk_trades_order FOREIGN KEY (order_id) REFERENCES orders (id);",
        Claim.scan("trades", LockMode.SHARE_ROW_EXCLUSIVE),
        List.of(TIMEOUT + "ALTER TABLE trades ADD CONSTRAINT fk_trades_order FOREIGN KEY (order_id) REFERENCES orders"
            + " (id) NOT VALID;", TIMEOUT + "ALTER TABLE trades VALIDATE CONSTRAINT fk_trades_order;"),
        Claim.scan("trades", LockMode.SHARE_UPDATE_EXCLUSIVE)));
    examples.add(new RuleExample(Rule.CHECK_WITHOUT_NOT_VALID,
        TIMEOUT + "ALTER TABLE trades ADD CONSTRAINT ck_trades_quantity CHECK (quantity > 0);",
        Claim.scan("trades", LockMode.ACCESS_EXCLUSIVE),
        List.of(TIMEOUT + "ALTER TABLE trades ADD CONSTRAINT ck_trades_quantity CHECK (quantity > 0) NOT VALID;",
            TIMEOUT + "ALTER TABLE trades VALIDATE CONSTRAINT ck_trades_quantity;"),
        Claim.scan("trades", LockMode.SHARE_UPDATE_EXCLUSIVE)));
    examples.add(new RuleExample(Rule.UNIQUE_WITHOUT_INDEX,
        TIMEOUT + "ALTER TABLE trades ADD CONSTRAINT uq_trades_order UNIQUE (order_id);",
        Claim.scan("trades", LockMode.ACCESS_EXCLUSIVE),
        List.of(NO_TRANSACTION + "CREATE UNIQUE INDEX CONCURRENTLY uq_trades_order ON trades (order_id);",
            TIMEOUT + "ALTER TABLE trades ADD CONSTRAINT uq_trades_order UNIQUE USING INDEX uq_trades_order;"),
        Claim.noScan("trades", LockMode.ACCESS_EXCLUSIVE)));
    examples.add(new RuleExample(Rule.RENAME,
        TIMEOUT + "ALTER TABLE trades RENAME COLUMN note TO comment;",
        Claim.noScan("trades", LockMode.ACCESS_EXCLUSIVE),
        List.of(TIMEOUT + "ALTER TABLE trades ADD COLUMN comment text;"),
        Claim.noScan("trades", LockMode.ACCESS_EXCLUSIVE)));
    examples.add(new RuleExample(Rule.DROP_COLUMN,
        TIMEOUT + "ALTER TABLE trades DROP COLUMN note;",
        Claim.noScan("trades", LockMode.ACCESS_EXCLUSIVE),
        List.of(TIMEOUT + "-- quantagent:lint-ignore drop-column no code has read note since release 4.2\n"
            + "ALTER TABLE trades DROP COLUMN note;"),
        Claim.noScan("trades", LockMode.ACCESS_EXCLUSIVE)));
    examples.add(new RuleExample(Rule.DROP_TABLE,
        TIMEOUT + "DROP TABLE orders;", Claim.lock("orders", LockMode.ACCESS_EXCLUSIVE),
        List.of(TIMEOUT + "-- quantagent:lint-ignore drop-table orders moved to the archive database in 2025\n"
            + "DROP TABLE orders;"),
        Claim.lock("orders", LockMode.ACCESS_EXCLUSIVE)));
    examples.add(new RuleExample(Rule.VACUUM_FULL_OR_CLUSTER,
        TIMEOUT + "CLUSTER trades USING idx_trades_symbol;", Claim.rewrite("trades"),
        List.of("ANALYZE trades;"), Claim.lock("trades", LockMode.SHARE_UPDATE_EXCLUSIVE)));
    examples.add(new RuleExample(Rule.LOCK_TABLE,
        TIMEOUT + "LOCK TABLE trades;", Claim.lock("trades", LockMode.ACCESS_EXCLUSIVE),
        List.of(TIMEOUT + "LOCK TABLE trades IN SHARE UPDATE EXCLUSIVE MODE;"),
        Claim.lock("trades", LockMode.SHARE_UPDATE_EXCLUSIVE)));
    examples.add(new RuleExample(Rule.UPDATE_OR_DELETE_WITHOUT_WHERE,
        TIMEOUT + "UPDATE trades SET note = 'checked';", Claim.lock("trades", LockMode.ROW_EXCLUSIVE),
        List.of(TIMEOUT + "UPDATE trades SET note = 'checked' WHERE id BETWEEN 1 AND 50;"),
        Claim.lock("trades", LockMode.ROW_EXCLUSIVE)));
    examples.add(new RuleExample(Rule.MISSING_LOCK_TIMEOUT,
        "ALTER TABLE trades ADD COLUMN venue text;", Claim.noScan("trades", LockMode.ACCESS_EXCLUSIVE),
        List.of(TIMEOUT + "ALTER TABLE trades ADD COLUMN venue text;"),
        Claim.noScan("trades", LockMode.ACCESS_EXCLUSIVE)));
    examples.add(new RuleExample(Rule.PREFER_JSONB,
        "CREATE TABLE events (id bigint PRIMARY KEY, payload json);", Claim.noExistingTable(),
        List.of("CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb);"), Claim.noExistingTable()));
    examples.add(new RuleExample(Rule.PREFER_TIMESTAMPTZ,
        "CREATE TABLE events (id bigint PRIMARY KEY, happened_at timestamp without time zone);",
        Claim.noExistingTable(),
        List.of("CREATE TABLE events (id bigint PRIMARY KEY, happened_at timestamptz);"), Claim.noExistingTable()));
    examples.add(new RuleExample(Rule.FLOAT_MONEY,
        "CREATE TABLE quotes (id bigint PRIMARY KEY, bid_price double precision);", Claim.noExistingTable(),
        List.of("CREATE TABLE quotes (id bigint PRIMARY KEY, bid_price numeric(20,8));"), Claim.noExistingTable()));
    examples.add(new RuleExample(Rule.REINDEX_WITHOUT_CONCURRENTLY,
        TIMEOUT + "REINDEX INDEX idx_trades_symbol;", Claim.lock("trades", LockMode.SHARE),
        List.of(NO_TRANSACTION + "REINDEX INDEX CONCURRENTLY idx_trades_symbol;"), Claim.outsideTransaction()));
    examples.add(new RuleExample(Rule.UNNAMED_CONCURRENT_INDEX,
        NO_TRANSACTION + "CREATE INDEX CONCURRENTLY ON trades (price);", Claim.outsideTransaction(),
        List.of(NO_TRANSACTION + "CREATE INDEX CONCURRENTLY idx_trades_price ON trades (price);"),
        Claim.outsideTransaction()));
    examples.add(new RuleExample(Rule.INVALID_IGNORE,
        TIMEOUT + "-- quantagent:lint-ignore drop-column\nALTER TABLE trades DROP COLUMN note;",
        Claim.noScan("trades", LockMode.ACCESS_EXCLUSIVE),
        List.of(TIMEOUT + "-- quantagent:lint-ignore drop-column nothing has read it since 4.2\n"
            + "ALTER TABLE trades DROP COLUMN note;"),
        Claim.noScan("trades", LockMode.ACCESS_EXCLUSIVE)));
    return examples;
  }

  /** The scripts of one run: the setup, then {@code changes}, each a script of its own. */
  static List<LintScript> scripts(List<String> changes) {
    List<LintScript> scripts = new ArrayList<>();
    scripts.add(script(1, SETUP));
    for (int i = 0; i < changes.size(); i++) {
      scripts.add(script(i + 2, changes.get(i)));
    }
    return scripts;
  }

  static LintScript script(int id, String change) {
    return new LintScript(id + "_step_" + id + ".sql", "-- // step " + id + "\n" + change + "\n\n-- //@UNDO\n");
  }

  @Override
  public String toString() {
    return rule.id();
  }
}
