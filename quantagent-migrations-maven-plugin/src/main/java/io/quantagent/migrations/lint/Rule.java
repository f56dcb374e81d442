package io.quantagent.migrations.lint;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every lint rule: its id (what {@code -- quantagent:lint-ignore} names), severity, what it catches, why that hurts a
 * busy database, and the safe way to write it. The README's rule table is this enum, and a test keeps them equal.
 */
public enum Rule {
  INDEX_WITHOUT_CONCURRENTLY("index-without-concurrently", Severity.ERROR,
      "CREATE INDEX without CONCURRENTLY on a table that existed before the script",
      "takes a SHARE lock: every INSERT, UPDATE and DELETE on the table waits until the index is built and the"
          + " migration commits",
      "CREATE INDEX CONCURRENTLY, alone in a script marked -- quantagent:no-transaction"),
  DROP_INDEX_WITHOUT_CONCURRENTLY("drop-index-without-concurrently", Severity.WARNING,
      "DROP INDEX without CONCURRENTLY on an index of an existing table",
      "takes ACCESS EXCLUSIVE on the index's table: short, but it queues behind every running query on the table,"
          + " and every new query queues behind it",
      "DROP INDEX CONCURRENTLY, alone in a script marked -- quantagent:no-transaction"),
  CONCURRENTLY_IN_TRANSACTION("concurrently-in-transaction", Severity.ERROR,
      "CREATE INDEX, DROP INDEX or REINDEX CONCURRENTLY, or DETACH PARTITION CONCURRENTLY, in a script that runs in a"
          + " transaction",
      "PostgreSQL refuses it inside a transaction block: the migration fails when it runs",
      "put the statement in a script of its own marked -- quantagent:no-transaction"),
  NON_TRANSACTIONAL_IN_TRANSACTION("non-transactional-in-transaction", Severity.ERROR,
      "VACUUM, CREATE or DROP DATABASE or TABLESPACE, ALTER SYSTEM, REINDEX DATABASE or SYSTEM, or CLUSTER"
          + " without a table, in a script that runs in a transaction",
      "PostgreSQL refuses it inside a transaction block, so upgrade refuses the script before anything runs",
      "put it in a script marked -- quantagent:no-transaction (a VACUUM after a backfill: a script of its own,"
          + " after the backfill's)"),
  RELEASES_RUN_LOCK("releases-run-lock", Severity.ERROR,
      "a DISCARD ALL or SELECT pg_advisory_unlock_all() statement, in any script",
      "it releases every advisory lock of the session, the run lock that keeps a second run off the database among"
          + " them (and DISCARD ALL drops the session settings the runner made): upgrade refuses the script before"
          + " anything runs",
      "delete the statement: a migration needs neither"),
  TRANSACTION_CONTROL_IN_TRANSACTION("transaction-control-in-transaction", Severity.ERROR,
      "BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK (not ROLLBACK TO a savepoint), ABORT or PREPARE TRANSACTION in a"
          + " script that runs in a transaction",
      "each migration already runs in one transaction with its changelog row: a COMMIT would keep what came before it"
          + " when a later statement fails and run what follows outside the lock-timeout guard, so upgrade refuses"
          + " the script",
      "delete them: the migration is atomic without them; a script that must commit part way is marked"
          + " -- quantagent:no-transaction"),
  PSQL_COMMAND("psql-command", Severity.ERROR,
      "a psql meta-command (\\restrict, \\i, \\set, \\connect, ...) where a statement starts, or COPY ... FROM"
          + " STDIN or TO STDOUT",
      "psql runs it, or sends the COPY's rows; PostgreSQL cannot: upgrade refuses the script before anything runs"
          + " (pg_dump writes \\restrict and \\unrestrict lines into every plain dump, and COPY FROM stdin for its"
          + " data)",
      "delete the line; for what it did, write the SQL itself; rows as INSERT statements (pg_dump --inserts)"),
  CLIENT_ENCODING("client-encoding", Severity.ERROR,
      "SET client_encoding or SET NAMES to anything but UTF8, or SELECT set_config('client_encoding', ...) to it, in"
          + " any script",
      "the PostgreSQL JDBC driver the runner uses works in UTF8 only: it closes the connection, and PostgreSQL reads"
          + " the text sent with the statement in that encoding. Upgrade refuses the script before anything runs"
          + " (pg_dump writes SET client_encoding at the top of every dump)",
      "delete the line (the runner reads every script as UTF-8), or set 'UTF8'"),
  DATE_STYLE("date-style", Severity.ERROR,
      "SET datestyle (or SELECT set_config('datestyle', ...)) to a style that writes dates other than as ISO: SQL,"
          + " Postgres, German",
      "the PostgreSQL JDBC driver the runner uses needs dates written as ISO: it closes the connection when the server"
          + " reports the change, in the middle of a long script or at its end. Upgrade refuses the script before"
          + " anything runs",
      "SET datestyle = 'ISO, DMY' (or 'ISO, MDY'): dates are read in that order just the same"),
  UNTERMINATED_COMMENT_OR_QUOTE("unterminated-comment-or-quote", Severity.ERROR,
      "a /* comment, a ' string, a \" quoted identifier or a $tag$ body that never ends (PostgreSQL nests block"
          + " comments: a /* inside one opens another)",
      "everything after it in the part would be skipped as comment, or sent as one statement PostgreSQL refuses: "
          + "upgrade refuses the script before anything runs",
      "close it: a */ for every /*, ' for a string (a ' inside it is written ''), \" for a name, the same $tag$"
          + " for a body"),
  INVALID_MARKER("invalid-marker", Severity.ERROR,
      "a -- quantagent: line that is no marker as written: a misspelt name, text after a marker, a lock-timeout or"
          + " statement-timeout that is no duration",
      "the script would run other than its author meant (in a transaction, under another timeout): upgrade refuses"
          + " the script before anything runs",
      "-- quantagent:no-transaction, no-undo, lock-timeout 30s or statement-timeout 10min, alone on its line; a"
          + " reason on the line above"),
  COLUMN_TYPE_REWRITE("column-type-rewrite", Severity.ERROR,
      "ALTER COLUMN ... TYPE that rewrites the table (anything but varchar widening, varchar to text, numeric"
          + " precision widening at the same scale, more fractional seconds)",
      "rewrites the table and rebuilds its indexes under ACCESS EXCLUSIVE: no reads, no writes until it is done",
      "add a column of the new type, backfill it in batches, move the code to it, then drop the old column"),
  ADD_COLUMN_VOLATILE_DEFAULT("add-column-volatile-default", Severity.ERROR,
      "ADD COLUMN with a volatile default (clock_timestamp(), random(), gen_random_uuid(), nextval(), serial,"
          + " identity, GENERATED ... STORED); before PostgreSQL 11, any default",
      "each row gets its own value, so the table is rewritten under ACCESS EXCLUSIVE (constant and now() defaults"
          + " cost nothing since PostgreSQL 11)",
      "add the column without the default, then SET DEFAULT in a second statement, and backfill old rows in batches"),
  SET_NOT_NULL_SCAN("set-not-null-scan", Severity.ERROR,
      "ALTER COLUMN ... SET NOT NULL without a validated CHECK (col IS NOT NULL) on that column",
      "scans the whole table under ACCESS EXCLUSIVE to prove that no NULL is left",
      "ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; in a later migration VALIDATE CONSTRAINT c; then SET NOT"
          + " NULL, which skips the scan (PostgreSQL 12+), and DROP CONSTRAINT c"),
  FOREIGN_KEY_WITHOUT_NOT_VALID("foreign-key-without-not-valid", Severity.ERROR,
      "ADD FOREIGN KEY (or ADD COLUMN ... REFERENCES) on an existing table without NOT VALID, or its VALIDATE in"
          + " the same transaction",
      "blocks writes to both tables (SHARE ROW EXCLUSIVE) while it scans the whole table",
      "ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID, then VALIDATE CONSTRAINT in a later migration (SHARE UPDATE"
          + " EXCLUSIVE: reads and writes go on)"),
  CHECK_WITHOUT_NOT_VALID("check-without-not-valid", Severity.ERROR,
      "ADD CHECK (or ADD COLUMN with a CHECK) on an existing table without NOT VALID, or its VALIDATE in the same"
          + " transaction",
      "scans the whole table under ACCESS EXCLUSIVE",
      "ADD CONSTRAINT ... CHECK (...) NOT VALID, then VALIDATE CONSTRAINT in a later migration (SHARE UPDATE"
          + " EXCLUSIVE: reads and writes go on)"),
  UNIQUE_WITHOUT_INDEX("unique-without-index", Severity.ERROR,
      "ADD UNIQUE, PRIMARY KEY or EXCLUDE (or a new UNIQUE or PRIMARY KEY column) on an existing table without USING"
          + " INDEX",
      "builds the index under ACCESS EXCLUSIVE: no reads, no writes until it is built",
      "CREATE UNIQUE INDEX CONCURRENTLY (no-transaction script), then ADD CONSTRAINT ... UNIQUE (or PRIMARY KEY)"
          + " USING INDEX"),
  RENAME("rename", Severity.ERROR,
      "ALTER TABLE ... RENAME TO or RENAME COLUMN on an existing table",
      "the application still running during the deploy uses the old name and fails at once",
      "expand and contract: add the new column (or a view with the new name), write both, move reads, drop the old"
          + " one later"),
  DROP_COLUMN("drop-column", Severity.REVIEW,
      "ALTER TABLE ... DROP COLUMN on an existing table",
      "its data is gone for good, and running code that still reads the column fails",
      "remove the column from the code first and deploy; drop it in a later migration with a reasoned lint-ignore"),
  DROP_TABLE("drop-table", Severity.REVIEW,
      "DROP TABLE of a table the script did not create",
      "its data is gone for good",
      "keep the table until no code uses it and its data is archived; then drop it with a reasoned lint-ignore"),
  VACUUM_FULL_OR_CLUSTER("vacuum-full-or-cluster", Severity.ERROR,
      "VACUUM FULL and CLUSTER",
      "rewrites the whole table under ACCESS EXCLUSIVE",
      "keep them out of migrations; against bloat use pg_repack or pg_squeeze, which lock only briefly"),
  LOCK_TABLE("lock-table", Severity.ERROR,
      "LOCK TABLE in SHARE mode or stronger (without IN ... MODE it is ACCESS EXCLUSIVE)",
      "holds the lock until the migration commits: writes (or reads and writes) wait all that time",
      "let each statement take the lock it needs, under a lock_timeout"),
  UPDATE_OR_DELETE_WITHOUT_WHERE("update-or-delete-without-where", Severity.ERROR,
      "UPDATE or DELETE without WHERE on an existing table",
      "changes every row in one transaction: each row stays locked until commit, concurrent writes to it wait, and"
          + " the WAL swells",
      "backfill in batches by key range, each batch its own transaction (a no-transaction script, or a job)"),
  MISSING_LOCK_TIMEOUT("missing-lock-timeout", Severity.WARNING,
      "a script that locks an existing table with no lock_timeout or statement_timeout set before, while the"
          + " runner sets none",
      "a lock request waits behind any long query on the table, and every later query waits behind it: the table"
          + " stalls",
      "SET LOCAL lock_timeout = '2s'; as the script's first statement (and retry the migration if it times out)"),
  PREFER_JSONB("prefer-jsonb", Severity.WARNING,
      "a json column",
      "json keeps the raw text: no equality, no GIN index, every access parses it again",
      "jsonb"),
  PREFER_TIMESTAMPTZ("prefer-timestamptz", Severity.ERROR,
      "a timestamp (without time zone) column",
      "QuantAgent's rule, time is timestamptz: a timestamp without zone means whatever zone its writer was in",
      "timestamptz"),
  FLOAT_MONEY("float-money", Severity.ERROR,
      "a real, double precision or float column whose name says money (price, amount, fee, pnl, balance, ...),"
          + " and the money type",
      "QuantAgent's rule, money is NUMERIC: binary floating point cannot hold 0.1 exactly, and money depends on"
          + " lc_monetary",
      "numeric with the precision the instrument needs, e.g. numeric(20,8)"),
  REINDEX_WITHOUT_CONCURRENTLY("reindex-without-concurrently", Severity.ERROR,
      "REINDEX INDEX or TABLE without CONCURRENTLY",
      "blocks writes to the table, and reads that use the index, while it rebuilds",
      "REINDEX ... CONCURRENTLY, alone in a script marked -- quantagent:no-transaction (PostgreSQL 12+)"),
  UNNAMED_CONCURRENT_INDEX("unnamed-concurrent-index", Severity.WARNING,
      "CREATE INDEX CONCURRENTLY without an index name",
      "a killed or failed build leaves an invalid index under a name PostgreSQL chose (orders_symbol_idx); the"
          + " re-run builds another (orders_symbol_idx1) and cannot tell the leftover from an index of yours, so it"
          + " stays, useless, and slows every write",
      "name the index (CREATE INDEX CONCURRENTLY idx_orders_symbol ON orders (symbol)): a re-run drops the invalid"
          + " index of that name an earlier build left"),
  INVALID_IGNORE("invalid-ignore", Severity.ERROR,
      "a -- quantagent:lint-ignore without a reason, naming an unknown rule, or followed by no statement",
      "an ignore is a decision: the next reader must see why it is safe",
      "-- quantagent:lint-ignore <rule-id> <why it is safe here>, on the line before the statement");

  private final String id;
  private final Severity severity;
  private final String catches;
  private final String why;
  private final String safeWay;

  Rule(String id, Severity severity, String catches, String why, String safeWay) {
    this.id = id;
    this.severity = severity;
    this.catches = catches;
    this.why = why;
    this.safeWay = safeWay;
  }

  public String id() {
    return id;
  }

  public Severity severity() {
    return severity;
  }

  public String catches() {
    return catches;
  }

  public String why() {
    return why;
  }

  public String safeWay() {
    return safeWay;
  }

  public static Optional<Rule> byId(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
  }
}
