package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.ClientProgram;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CONCURRENTLY in a no-transaction script: a failed build leaves no invalid index, and a re-run succeeds. */
@ExtendWith(PostgresFixture.class)
class ConcurrentIndexTest {
  private static final String INDEX_SCRIPT = """
      -- quantagent:no-transaction
      create table if not exists prices (id int);
      create unique index concurrently orders_symbol on orders (symbol);
      create index concurrently if not exists prices_id on prices (id);""";

  private static final String REINDEX_INDEX = "reindex index concurrently orders_guarded";
  private static final String REINDEX_TABLE = "reindex table concurrently orders";

  private TestDatabase db;
  private Scripts scripts;

  @BeforeEach
  void ordersWithADuplicate(TestDatabase db, @TempDir Path dir) throws Exception {
    this.db = db;
    scripts = new Scripts(dir).add("001_create_orders.sql",
        "create table orders (id int, symbol text);\ninsert into orders values (1, 'AAPL'), (2, 'AAPL');",
        "drop table orders;");
  }

  private Migrator migrator() {
    return new Migrator(db.connections(), scripts.source(), "changelog", EventLog.silent());
  }

  private List<String> invalidIndexes() throws Exception {
    return db.column("select indexrelid::regclass::text from pg_index where not indisvalid");
  }

  @Test
  void aFailedUniqueIndexBuildLeavesNoInvalidIndexAndARerunAfterFixingTheDataSucceeds() throws Exception {
    scripts.add("002_index_orders.sql", INDEX_SCRIPT, "-- quantagent:no-transaction\ndrop index concurrently"
        + " orders_symbol;\ndrop index concurrently prices_id;\ndrop table prices;");
    ScriptFailedException e = assertThrows(ScriptFailedException.class, () -> migrator().upgrade(new Target.Head()));
    String message = e.getMessage();
    assertTrue(message.startsWith("Migration 2 (index orders) failed in 002_index_orders.sql, statement 2 of 3 (line"
        + " 4): create unique index concurrently orders_symbol on orders (symbol);\n  PostgreSQL: could not create"
        + " unique index \"orders_symbol\" (Key (symbol)=(AAPL) is duplicated.) [SQLSTATE 23505]\n"), message);
    assertTrue(message.contains("002_index_orders.sql runs without a transaction (-- quantagent:no-transaction), so its"
        + " statements commit one by one: statement 1 is applied, statement 2 and the 1 after it are not; the invalid"
        + " index orders_symbol it left was dropped. It has no changelog row, so the next upgrade runs the whole"
        + " script again"), message);
    assertEquals(List.of(), invalidIndexes());
    assertEquals(List.of("1"), db.changelogIds());

    db.execute("delete from orders where id = 2");
    migrator().upgrade(new Target.Head());
    assertEquals(List.of("1", "2"), db.changelogIds());
    assertEquals(List.of(), invalidIndexes());
    assertEquals(List.of("orders_symbol", "prices_id"), db.column("select indexname from pg_indexes"
        + " where tablename in ('orders', 'prices') order by 1"));
  }

  @Test
  void anInvalidIndexAnEarlierBuildLeftIsDroppedBeforeTheBuild() throws Exception {
    migrator().upgrade(new Target.Head());
    assertThrows(Exception.class, () -> db.execute("create unique index concurrently orders_symbol on orders (symbol)"));
    assertEquals(List.of("orders_symbol"), invalidIndexes(), "what a killed or failed earlier run leaves");
    db.execute("delete from orders where id = 2");
    scripts.add("002_index_orders.sql", INDEX_SCRIPT, "select 1;");
    migrator().upgrade(new Target.Head());
    assertEquals(List.of(), invalidIndexes());
    assertEquals(List.of("1", "2"), db.changelogIds());
  }

  /**
   * A REINDEX ... CONCURRENTLY killed or failed part way leaves its new copy of the index, invalid, named
   * orders_guarded_ccnew; a rerun would build orders_guarded_ccnew1 beside it and keep it. Here the copy's build fails
   * because the index's function raises while a row of reindex_fails exists.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {REINDEX_INDEX, REINDEX_TABLE})
  void theCopyAnEarlierReindexLeftIsDroppedBeforeTheReindex(String reindex) throws Exception {
    aReindexThatFails();
    assertThrows(SQLException.class, () -> db.execute(reindex));
    assertTrue(invalidIndexes().contains("orders_guarded_ccnew"), "what a killed or failed earlier run leaves (REINDEX"
        + " TABLE also a copy of its TOAST table's index): " + invalidIndexes());
    db.execute("delete from reindex_fails");
    scripts.add("002_reindex_orders.sql", "-- quantagent:no-transaction\n" + reindex + ";", "select 1;");
    migrator().upgrade(new Target.Head());
    assertEquals(List.of(), invalidIndexes());
    assertEquals(List.of("orders_guarded"), db.column("select indexname from pg_indexes where tablename = 'orders'"));
    assertEquals(List.of("1", "2"), db.changelogIds());
  }

  /** REINDEX TABLE rebuilds the index of the table's TOAST table too: its copy is dropped with the others. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {REINDEX_INDEX, REINDEX_TABLE})
  void aFailedReindexLeavesNoInvalidCopy(String reindex) throws Exception {
    aReindexThatFails();
    scripts.add("002_reindex_orders.sql", "-- quantagent:no-transaction\n" + reindex + ";", "select 1;");
    ScriptFailedException e = assertThrows(ScriptFailedException.class, () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("reindex fails"), e.getMessage());
    assertEquals(List.of(), invalidIndexes());
    assertEquals(List.of("1"), db.changelogIds());
  }

  /**
   * A name of 63 bytes, the longest PostgreSQL keeps, leaves no room for _ccnew: the copy is named after its first 57,
   * and only that copy of this index is dropped, not one of another index's.
   */
  @Test
  void theCopyOfAnIndexWithALongNameIsFoundByItsShortenedName() throws Exception {
    String longName = "orders_guarded_" + "x".repeat(48);
    aReindexThatFails(longName, "orders_guarded_other");
    assertThrows(SQLException.class, () -> db.execute("reindex index concurrently " + longName));
    assertThrows(SQLException.class, () -> db.execute("reindex index concurrently orders_guarded_other"));
    String copy = longName.substring(0, 57) + "_ccnew";
    assertEquals(List.of(copy, "orders_guarded_other_ccnew"), invalidIndexes());
    db.execute("delete from reindex_fails");
    scripts.add("002_reindex_orders.sql", "-- quantagent:no-transaction\nreindex index concurrently " + longName + ";",
        "select 1;");
    migrator().upgrade(new Target.Head());
    assertEquals(List.of("orders_guarded_other_ccnew"), invalidIndexes());
  }

  /**
   * A partitioned table's REINDEX (PostgreSQL 14+) rebuilds each partition's index on its own: a failure leaves its
   * copy on the partition, parted_1_guarded_idx_ccnew, which a rerun drops before it starts and a failed run after it.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reindex index concurrently parted_guarded", "reindex table concurrently parted"})
  void theCopiesAPartitionedReindexLeavesOnItsPartitionsAreDropped(String reindex) throws Exception {
    aReindexThatFails();
    db.execute("create table parted (id int) partition by range (id)",
        "create table parted_1 partition of parted for values from (0) to (100)", "insert into parted values (1)");
    db.execute("delete from reindex_fails", "create index parted_guarded on parted (guarded(id))",
        "insert into reindex_fails values (true)");
    assertThrows(SQLException.class, () -> db.execute(reindex));
    assertTrue(invalidIndexes().contains("parted_1_guarded_idx_ccnew"), invalidIndexes().toString());
    scripts.add("002_reindex_parted.sql", "-- quantagent:no-transaction\n" + reindex + ";", "select 1;");
    assertThrows(ScriptFailedException.class, () -> migrator().upgrade(new Target.Head()));
    assertEquals(List.of(), invalidIndexes(), "neither the earlier copy nor this run's");
    db.execute("delete from reindex_fails");
    migrator().upgrade(new Target.Head());
    assertEquals(List.of(), invalidIndexes());
    assertEquals(List.of("1", "2"), db.changelogIds());
  }

  /**
   * The offline SQL's file does before each index build what upgrade does: psql drops what a failed earlier run of the
   * file left in the build's way, so that the DBA's second run, with the file written again, goes through.
   */
  @Test
  void anOfflineSqlFileDropsTheInvalidIndexItsOwnFailedRunLeft(@TempDir Path files) throws Exception {
    String psql = ClientProgram.psql();
    migrator().upgrade(new Target.Head());
    scripts.add("002_index_orders.sql", "-- quantagent:no-transaction\n"
        + "create unique index concurrently orders_symbol on orders (symbol);", "select 1;");
    ClientProgram.Outcome first = ClientProgram.psqlFile(db, psql, offlineSql(files));
    assertTrue(!first.succeeded() && first.output().contains("is duplicated"), first.output());
    assertEquals(List.of("orders_symbol"), invalidIndexes(), "what the failed run of the file leaves");
    db.execute("delete from orders where id = 2");
    ClientProgram.Outcome second = ClientProgram.psqlFile(db, psql, offlineSql(files));
    assertTrue(second.succeeded(), second.output());
    assertEquals(List.of(), invalidIndexes());
    assertEquals(List.of("1", "2"), db.changelogIds());
  }

  /** The same for the copies a failed REINDEX ... CONCURRENTLY leaves, which a rerun would otherwise keep. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {REINDEX_INDEX, REINDEX_TABLE})
  void anOfflineSqlFileDropsTheCopiesAFailedReindexLeft(String reindex, @TempDir Path files) throws Exception {
    String psql = ClientProgram.psql();
    aReindexThatFails();
    assertThrows(SQLException.class, () -> db.execute(reindex));
    assertTrue(invalidIndexes().contains("orders_guarded_ccnew"), invalidIndexes().toString());
    db.execute("delete from reindex_fails");
    scripts.add("002_reindex_orders.sql", "-- quantagent:no-transaction\n" + reindex + ";", "select 1;");
    ClientProgram.Outcome run = ClientProgram.psqlFile(db, psql, offlineSql(files));
    assertTrue(run.succeeded(), run.output());
    assertEquals(List.of(), invalidIndexes());
    assertEquals(List.of("1", "2"), db.changelogIds());
  }

  /** upgrade -Dquantagent.sql=FILE, from where the database is. */
  private Path offlineSql(Path files) throws Exception {
    return Files.writeString(files.resolve("upgrade.sql"), migrator().upgradeSql(new Target.Head(), Optional.empty()));
  }

  private void aReindexThatFails() throws Exception {
    aReindexThatFails("orders_guarded");
  }

  /** Indexes on orders whose rebuild fails from now on, until reindex_fails is emptied. */
  private void aReindexThatFails(String... indexes) throws Exception {
    migrator().upgrade(new Target.Head());
    db.execute("create table reindex_fails (on_purpose boolean)",
        "create function guarded(int) returns int immutable language plpgsql as $$ begin if exists (select from public."
            + "reindex_fails) then raise exception 'reindex fails'; end if; return $1; end $$");
    for (String index : indexes) {
      db.execute("create index " + index + " on orders (guarded(id))");
    }
    db.execute("insert into reindex_fails values (true)");
  }
}
