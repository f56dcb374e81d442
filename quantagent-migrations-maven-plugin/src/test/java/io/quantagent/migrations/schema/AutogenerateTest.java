package io.quantagent.migrations.schema;

import io.quantagent.migrations.testing.TestDatabase;
import io.quantagent.migrations.testing.PostgresMajor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.MigratorSettings;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.engine.Target;
import io.quantagent.migrations.events.EventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** create -Dquantagent.autogenerate's engine: drafts from drift, proven both ways, on PostgreSQL 17 and 15. */
@ParameterizedClass(name = "{0}")
@EnumSource(PostgresMajor.class)
class AutogenerateTest extends OnEachServer {
  private static final Path SCRIPTS = Path.of("..", "quantagent-schema", "src", "main", "resources", "quantagent", "migrations");

  private final ScratchDatabases scratch = sameServerScratch(new ArrayList<>());

  private TestDatabase migratedToHead() throws SQLException {
    TestDatabase db = freshDatabase();
    new Migrator(db.connector()::connect, ScriptSource.directory(SCRIPTS), "changelog", EventLog.silent())
        .upgrade(new Target.Head());
    return db;
  }

  private Autogenerator autogenerator(TestDatabase live) {
    return new Autogenerator(live.connector()::connect, ScriptSource.directory(SCRIPTS), MigratorSettings.defaults(),
        scratch, EventLog.silent());
  }

  /** The draft, as a new script beside the real ones, on a fresh database: up equals live, down equals head. */
  private void assertRoundTrip(String draft, TestDatabase live, Path dir) throws Exception {
    copyTheScripts(dir);
    Files.writeString(dir.resolve("20990101000000_drafted.sql"), draft);
    TestDatabase fresh = freshDatabase();
    Migrator migrator = new Migrator(fresh.connector()::connect, ScriptSource.directory(dir), "changelog", EventLog.silent());
    migrator.upgrade(new Target.Head());
    assertEquals(List.of(), real(SchemaComparison.compare(snapshot(live), snapshot(fresh))));
    migrator.downgrade(new Target.Relative(1));
    SchemaSnapshot head = snapshot(migratedToHead());
    assertEquals(List.of(), real(SchemaComparison.compare(head,
        EquivalentDefinitions.align(head, snapshot(fresh), fresh.connections()))));
  }

  private static void copyTheScripts(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(SCRIPTS)) {
      for (Path file : files.toList()) {
        Files.copy(file, dir.resolve(file.getFileName()));
      }
    }
  }

  private static List<String> real(List<SchemaDifference> differences) {
    return differences.stream().filter(d -> !d.isWarning()).map(SchemaDifference::describe).toList();
  }

  @Test
  void theHandEditOfTheIssue(@TempDir Path dir) throws Exception {
    TestDatabase live = migratedToHead();
    live.execute("ALTER TABLE trades ADD COLUMN risk_level NUMERIC(10,2)");
    live.execute("DROP INDEX idx_timestamp");
    String draft = autogenerator(live).draft("add risk level, drop idx_timestamp").orElseThrow();
    String forward = draft.substring(0, draft.indexOf("-- //@UNDO"));
    String undo = draft.substring(draft.indexOf("-- //@UNDO"));
    assertTrue(forward.contains("DROP INDEX \"public\".\"idx_timestamp\";"), draft);
    assertTrue(forward.contains("ALTER TABLE \"public\".\"trades\" ADD COLUMN \"risk_level\" numeric(10,2);"), draft);
    assertTrue(undo.contains("-- REVIEW: data loss: the column trades.risk_level and its values are dropped"), draft);
    assertTrue(undo.contains("CREATE INDEX idx_timestamp ON public.market_data USING btree (\"timestamp\");"), draft);
    assertRoundTrip(draft, live, dir);
  }

  @Test
  void functionsTriggersViewsEnumsTablesAndForeignKeys(@TempDir Path dir) throws Exception {
    TestDatabase live = migratedToHead();
    live.execute("""
        CREATE TYPE risk AS ENUM ('low', 'high');
        CREATE TABLE limits (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          order_id bigint NOT NULL, level risk NOT NULL DEFAULT 'low', cap numeric(20,8) CHECK (cap > 0));
        ALTER TABLE limits ADD CONSTRAINT fk_limits_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE;
        CREATE FUNCTION touch_limits() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.cap := coalesce(NEW.cap, 1);
          RETURN NEW;
        END;
        $$;
        CREATE TRIGGER limits_touch BEFORE INSERT ON limits FOR EACH ROW EXECUTE FUNCTION touch_limits();
        CREATE VIEW open_orders AS SELECT id, symbol FROM orders WHERE status = 'open';
        ALTER TABLE signals ALTER COLUMN strategy DROP NOT NULL;
        """);
    String draft = autogenerator(live).draft("limits").orElseThrow();
    int fk = draft.indexOf("ADD CONSTRAINT \"fk_limits_order\"");
    assertTrue(fk > draft.indexOf("CREATE TABLE \"public\".\"limits\"") && fk < draft.indexOf("-- //@UNDO"),
        "foreign keys come last:\n" + draft);
    assertTrue(draft.contains("CREATE OR REPLACE FUNCTION public.touch_limits()"), draft);
    assertRoundTrip(draft, live, dir);
  }

  /** Alembic's integer primary keys are serial: their sequences belong to the column, and come with it. */
  @Test
  void aSerialTableAndABigserialColumnAreDraftedAsAPersonWritesThem(@TempDir Path dir) throws Exception {
    TestDatabase live = migratedToHead();
    live.execute("""
        CREATE TABLE strategies (id serial PRIMARY KEY, name text NOT NULL);
        ALTER TABLE trades ADD COLUMN sequence_number bigserial;
        """);
    String draft = autogenerator(live).draft("strategies").orElseThrow();
    String forward = draft.substring(0, draft.indexOf("-- //@UNDO"));
    String undo = draft.substring(draft.indexOf("-- //@UNDO"));
    assertTrue(forward.contains("CREATE TABLE \"public\".\"strategies\" (\n  \"id\" serial,\n  \"name\" text NOT NULL\n);"),
        draft);
    assertTrue(forward.contains("ALTER TABLE \"public\".\"trades\" ADD COLUMN \"sequence_number\" bigserial;"), draft);
    assertTrue(!draft.contains("SEQUENCE"), "serial makes the sequence, and the drops take it away:\n" + draft);
    assertTrue(undo.contains("DROP TABLE \"public\".\"strategies\";"), draft);
    assertRoundTrip(draft, live, dir);
  }

  /** A sequence serial would not make (another start, increment or name) is written out, and given to its column. */
  @Test
  void anOwnedSequenceSerialWouldNotMakeIsCreatedBeforeItsTableAndOwnedAfter(@TempDir Path dir) throws Exception {
    TestDatabase live = migratedToHead();
    live.execute("""
        CREATE SEQUENCE strategy_numbers AS integer START 1000 INCREMENT 10;
        CREATE TABLE strategies (id integer NOT NULL DEFAULT nextval('strategy_numbers'), name text);
        ALTER SEQUENCE strategy_numbers OWNED BY strategies.id;
        """);
    String draft = autogenerator(live).draft("strategies").orElseThrow();
    String forward = draft.substring(0, draft.indexOf("-- //@UNDO"));
    String undo = draft.substring(draft.indexOf("-- //@UNDO"));
    int sequence = forward.indexOf("CREATE SEQUENCE \"public\".\"strategy_numbers\" as integer start 1000 increment 10"
        + " minvalue 1 maxvalue 2147483647 cache 1 no cycle;");
    int table = forward.indexOf("  \"id\" integer DEFAULT nextval('public.strategy_numbers'::regclass) NOT NULL,");
    int owned = forward.indexOf("ALTER SEQUENCE \"public\".\"strategy_numbers\" OWNED BY \"public\".\"strategies\".\"id\";");
    assertTrue(sequence >= 0 && sequence < table && table < owned, draft);
    assertTrue(!undo.contains("SEQUENCE"), "the table's sequence goes with it:\n" + draft);
    assertRoundTrip(draft, live, dir);
  }

  /** Alphabetical order is wrong here: strategies before strategy_runs, active_runs before run_summary, ... */
  @Test
  void tablesAndViewsMadeOrDroppedTogetherGoInTheOrderTheyDependOn(@TempDir Path dir) throws Exception {
    TestDatabase live = migratedToHead();
    live.execute("""
        CREATE TABLE strategies (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
        CREATE TABLE strategy_runs (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          strategy_id bigint NOT NULL REFERENCES strategies (id), started_at timestamptz NOT NULL);
        CREATE VIEW run_summary AS SELECT strategy_id, count(*) AS runs FROM strategy_runs GROUP BY strategy_id;
        CREATE VIEW active_runs AS SELECT strategy_id FROM run_summary WHERE runs > 0;
        CREATE VIEW daily_runs AS SELECT started_at::date AS day, count(*) AS runs FROM strategy_runs GROUP BY 1;
        CREATE MATERIALIZED VIEW recent_days AS SELECT day FROM daily_runs ORDER BY day DESC LIMIT 7;
        """);
    String draft = autogenerator(live).draft("strategies").orElseThrow();
    String forward = draft.substring(0, draft.indexOf("-- //@UNDO"));
    String undo = draft.substring(draft.indexOf("-- //@UNDO"));
    assertTrue(forward.indexOf("CREATE VIEW \"public\".\"run_summary\"")
        < forward.indexOf("CREATE VIEW \"public\".\"active_runs\""), draft);
    assertTrue(undo.indexOf("DROP MATERIALIZED VIEW \"public\".\"recent_days\";")
        < undo.indexOf("DROP VIEW \"public\".\"daily_runs\";"), draft);
    assertTrue(undo.indexOf("DROP TABLE \"public\".\"strategy_runs\";")
        < undo.indexOf("DROP TABLE \"public\".\"strategies\";"), draft);
    assertRoundTrip(draft, live, dir);
  }

  /** No order of two tables that reference each other drops them: their foreign keys go first. */
  @Test
  void tablesWhoseForeignKeysReferenceEachOtherLoseThemBeforeTheyAreDropped(@TempDir Path dir) throws Exception {
    TestDatabase live = migratedToHead();
    live.execute("""
        CREATE TABLE desks (id integer PRIMARY KEY, head_trader_id integer);
        CREATE TABLE traders (id integer PRIMARY KEY, desk_id integer REFERENCES desks (id));
        ALTER TABLE desks ADD CONSTRAINT fk_desks_head_trader FOREIGN KEY (head_trader_id) REFERENCES traders (id);
        """);
    String draft = autogenerator(live).draft("desks").orElseThrow();
    String undo = draft.substring(draft.indexOf("-- //@UNDO"));
    assertTrue(undo.indexOf("ALTER TABLE \"public\".\"desks\" DROP CONSTRAINT \"fk_desks_head_trader\";")
        < undo.indexOf("DROP TABLE"), draft);
    assertRoundTrip(draft, live, dir);
  }

  @Test
  void noDriftDraftsNothing() throws Exception {
    assertTrue(autogenerator(migratedToHead()).draft("nothing").isEmpty());
  }

  /** The labels of an enum type cannot be reordered: the draft says so in a comment, and its proof refuses it. */
  @Test
  void whatCannotBeExpressedIsNamedAndTheProofRefuses(@TempDir Path dir) throws Exception {
    copyTheScripts(dir);
    Files.writeString(dir.resolve("20990101000000_create_mood.sql"),
        "-- // create mood\nCREATE TYPE mood AS ENUM ('b', 'a');\n-- //@UNDO\nDROP TYPE mood;\n");
    ScriptSource withMood = ScriptSource.directory(dir);
    TestDatabase live = freshDatabase();
    new Migrator(live.connector()::connect, withMood, "changelog", EventLog.silent()).upgrade(new Target.Head());
    live.execute("DROP TYPE mood", "CREATE TYPE mood AS ENUM ('a', 'b')");
    TestDatabase head = freshDatabase();
    new Migrator(head.connector()::connect, withMood, "changelog", EventLog.silent()).upgrade(new Target.Head());

    List<String> statements = MigrationDraft.between(snapshot(head), snapshot(live));
    assertTrue(statements.stream().anyMatch(s -> s.startsWith("-- CANNOT EXPRESS: the labels of the enum type mood")),
        statements.toString());
    AutogenerateProofException e = assertThrows(AutogenerateProofException.class, () -> new Autogenerator(
        live.connector()::connect, withMood, MigratorSettings.defaults(), scratch, EventLog.silent()).draft("mood"));
    assertTrue(e.getMessage().startsWith("The draft did not prove out after the draft's change, so nothing was"
        + " written:\n  - "), e.getMessage());
    assertTrue(e.getMessage().contains("mood"), e.getMessage());
  }

  /**
   * A draft that fails on the scratch database (a NOT NULL column without a default where a migration left a row)
   * says which part of the draft failed and what PostgreSQL said, not the advice of a live upgrade ("run the same mvn
   * quantagent:upgrade command again", about a temporary folder's script).
   */
  @Test
  void aDraftThatFailsOnTheScratchDatabaseSaysSoWithoutAnUpgradesAdvice(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("001_tick.sql"), "-- // tick\ncreate table tick (id int);\ninsert into tick values"
        + " (1);\n-- //@UNDO\ndrop table tick;\n");
    ScriptSource withRow = ScriptSource.directory(dir);
    TestDatabase live = freshDatabase();
    new Migrator(live.connector()::connect, withRow, "changelog", EventLog.silent()).upgrade(new Target.Head());
    live.execute("alter table tick add column size int not null default 0", "alter table tick alter column size drop"
        + " default");
    AutogenerateProofException e = assertThrows(AutogenerateProofException.class, () -> new Autogenerator(
        live.connector()::connect, withRow, MigratorSettings.defaults(), scratch, EventLog.silent()).draft("size"));
    assertTrue(e.getMessage().startsWith("The draft's change failed on the scratch database, so nothing was written:"),
        e.getMessage());
    assertTrue(e.getMessage().contains("contains null values"), e.getMessage());
    assertFalse(e.getMessage().contains("quantagent:upgrade"), e.getMessage());
  }

  @Test
  void aDraftThatDoesNotReproduceTheDatabaseIsNotReturned() throws Exception {
    TestDatabase live = migratedToHead();
    live.execute("ALTER TABLE trades ALTER COLUMN id DROP IDENTITY");
    AutogenerateProofException e = assertThrows(AutogenerateProofException.class,
        () -> autogenerator(live).draft("identity"));
    assertTrue(e.getMessage().contains("trades.id: column identity differs"), e.getMessage());
  }

  @Test
  void aDatabaseBehindItsScriptsIsRefusedBeforeAnythingIsDrafted() throws Exception {
    TestDatabase live = freshDatabase();
    new Migrator(live.connector()::connect, ScriptSource.directory(SCRIPTS), "changelog", EventLog.silent())
        .upgrade(new Target.Revision("20250101000005"));
    live.execute("ALTER TABLE trades ADD COLUMN risk_level NUMERIC(10,2)");
    PendingMigrationsException e = assertThrows(PendingMigrationsException.class,
        () -> autogenerator(live).draft("risk level"));
    assertTrue(e.getMessage().startsWith("Not drafted: the live database is not up to date; 1 migration is pending:\n"
        + "  - 20250101000006 (create market data)\n"), e.getMessage());
    assertTrue(e.getMessage().contains("Run mvn quantagent:upgrade first"), e.getMessage());
  }

  /** RESTART would set the sequence back to its start, and ids already handed out would come again. */
  @Test
  void aChangedSequenceGoesOnFromWhereItWas() throws Exception {
    TestDatabase head = freshDatabase();
    head.execute("CREATE SEQUENCE ticket_numbers");
    TestDatabase live = freshDatabase();
    live.execute("CREATE SEQUENCE ticket_numbers START 100 INCREMENT 10");
    List<String> forward = MigrationDraft.between(snapshot(head), snapshot(live));
    List<String> undo = MigrationDraft.between(snapshot(live), snapshot(head));
    assertEquals(List.of("ALTER SEQUENCE \"public\".\"ticket_numbers\" START WITH 100 INCREMENT BY 10;"), forward);
    assertEquals(List.of("ALTER SEQUENCE \"public\".\"ticket_numbers\" START WITH 1 INCREMENT BY 1;"), undo);
    head.execute("SELECT nextval('ticket_numbers') FROM generate_series(1, 3)");
    head.execute(forward.toArray(String[]::new));
    assertEquals("13", head.value("SELECT nextval('ticket_numbers')"), "3, then one increment of 10");
    assertEquals(List.of(), real(SchemaComparison.compare(snapshot(live), snapshot(head))));
    head.execute(undo.toArray(String[]::new));
    assertEquals("14", head.value("SELECT nextval('ticket_numbers')"));
  }

  /** An explicit cast to varchar(32) would cut a longer value; without USING, PostgreSQL refuses it. */
  @Test
  void aNarrowedColumnIsResizedWithoutUsingSoALongValueIsRefusedNotCut() throws Exception {
    TestDatabase head = freshDatabase();
    head.execute("CREATE TABLE tickets (code varchar(64), price numeric(12,4))");
    TestDatabase live = freshDatabase();
    live.execute("CREATE TABLE tickets (code varchar(32), price numeric(10,2))");
    List<String> forward = MigrationDraft.between(snapshot(head), snapshot(live));
    assertEquals(List.of(
        "ALTER TABLE \"public\".\"tickets\" ALTER COLUMN \"code\" TYPE character varying(32);",
        "ALTER TABLE \"public\".\"tickets\" ALTER COLUMN \"price\" TYPE numeric(10,2);"), forward);
    head.execute("INSERT INTO tickets (code) VALUES (repeat('x', 40))");
    SQLException refused = assertThrows(SQLException.class, () -> head.execute(forward.get(0)));
    assertTrue(refused.getMessage().contains("value too long for type character varying(32)"), refused.getMessage());
    assertEquals("40", head.value("SELECT length(code) FROM tickets"));
  }

  /** Between the character types, too, PostgreSQL's assignment cast refuses a long value where USING's cast cuts it. */
  @Test
  void aChangeBetweenCharacterTypesGoesWithoutUsingSoALongValueIsRefusedNotCut() throws Exception {
    TestDatabase head = freshDatabase();
    head.execute("CREATE TABLE tickets (a text, b character(40), c varchar(40))");
    TestDatabase live = freshDatabase();
    live.execute("CREATE TABLE tickets (a varchar(32), b varchar(32), c character(32))");
    List<String> forward = MigrationDraft.between(snapshot(head), snapshot(live));
    assertEquals(3, forward.size(), forward.toString());
    forward.forEach(statement -> assertFalse(statement.contains("USING"), statement));
    head.execute("INSERT INTO tickets VALUES (repeat('x', 40), repeat('x', 40), repeat('x', 40))");
    for (String statement : forward) {
      SQLException refused = assertThrows(SQLException.class, () -> head.execute(statement), statement);
      assertTrue(refused.getMessage().contains("value too long for type"), refused.getMessage());
    }
    head.execute("DELETE FROM tickets");
    head.execute(forward.toArray(String[]::new)); // each converts without USING when the values fit
    assertEquals(List.of(), real(SchemaComparison.compare(snapshot(live), snapshot(head))));
  }

  /** No migration makes an index invalid: one left so in the live database is for check to report, not to draft. */
  @Test
  void anIndexLeftInvalidByAFailedConcurrentBuildIsNoStatementOfTheDraft() throws Exception {
    TestDatabase head = freshDatabase();
    head.execute("CREATE TABLE tickets (code text); CREATE UNIQUE INDEX tickets_code ON tickets (code)");
    TestDatabase live = freshDatabase();
    live.execute("CREATE TABLE tickets (code text); INSERT INTO tickets VALUES ('a'), ('a')");
    assertThrows(SQLException.class, () -> live.execute("CREATE UNIQUE INDEX CONCURRENTLY tickets_code ON tickets (code)"));
    assertEquals(List.of(), MigrationDraft.between(snapshot(head), snapshot(live)));
    assertEquals(List.of(), MigrationDraft.between(snapshot(live), snapshot(head)));
  }

  /** "No drift" would be false: check names the invalid index as a difference. */
  @Test
  void anIndexOfTheMigrationsLeftInvalidIsNamedWithWhatToDoNotCalledNoDrift() throws Exception {
    TestDatabase live = migratedToHead();
    live.execute("DROP INDEX idx_symbol_timeframe_timestamp",
        "INSERT INTO market_data (symbol, timeframe, \"timestamp\", open, high, low, close, volume)"
            + " SELECT 'BTC', '1m', '2025-01-01', 1, 1, 1, 1, 1 FROM generate_series(1, 2)");
    assertThrows(SQLException.class, () -> live.execute("CREATE UNIQUE INDEX CONCURRENTLY"
        + " idx_symbol_timeframe_timestamp ON market_data (symbol, timeframe, \"timestamp\")"));
    InvalidIndexException e = assertThrows(InvalidIndexException.class, () -> autogenerator(live).draft("nothing"));
    assertTrue(e.getMessage().startsWith("Not drafted: the live database has an invalid index, left by a failed CREATE"
        + " INDEX CONCURRENTLY, and no other drift:\n  - idx_symbol_timeframe_timestamp on market_data (CREATE UNIQUE"
        + " INDEX idx_symbol_timeframe_timestamp ON public.market_data USING btree (symbol, timeframe, \"timestamp\"))\n"),
        e.getMessage());
    assertTrue(e.getMessage().contains("Drop it and build it again on the live database (DROP INDEX CONCURRENTLY"
        + " \"public\".\"idx_symbol_timeframe_timestamp\";"), e.getMessage());
  }

  /** The undo re-adds the CHECK from its printed text, which PostgreSQL prints another way: still proven. */
  @Test
  void aDroppedCheckOfAnInListIsDraftedAndProven(@TempDir Path dir) throws Exception {
    TestDatabase live = migratedToHead();
    live.execute("ALTER TABLE orders DROP CONSTRAINT ck_orders_side");
    String draft = autogenerator(live).draft("drop ck_orders_side").orElseThrow();
    assertTrue(draft.substring(0, draft.indexOf("-- //@UNDO")).contains(
        "ALTER TABLE \"public\".\"orders\" DROP CONSTRAINT \"ck_orders_side\";"), draft);
    assertRoundTrip(draft, live, dir);
  }
}
