package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.db.DatabaseUrl;
import io.quantagent.migrations.db.InvalidDatabaseUrlException;
import io.quantagent.migrations.db.PostgresConnector;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.StandbyServer;
import io.quantagent.migrations.testing.TestDatabase;
import io.quantagent.migrations.testing.ThreadPerTask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(PostgresFixture.class)
class MigratorTest {
  private TestDatabase db;
  private Scripts scripts;

  @BeforeEach
  void freshDatabase(TestDatabase db, @TempDir Path dir) throws Exception {
    this.db = db;
    scripts = new Scripts(dir)
        .add("001_create_a.sql", "create table a (id int primary key);", "drop table a;")
        .add("002_create_b.sql", "create table b (id int primary key);", "drop table b;")
        .add("003_create_c.sql", "create table c (id int primary key);", "drop table c;");
  }

  private Migrator migrator() {
    return new Migrator(db.connections(), scripts.source(), "changelog", EventLog.silent());
  }

  @Test
  void upgradeToHeadThenNothingPending() throws Exception {
    UpgradeResult result = migrator().upgrade(new Target.Head());
    assertEquals(3, result.runs().size());
    assertEquals(Optional.empty(), result.from());
    assertEquals("3", result.to().orElseThrow().idText());
    assertEquals(List.of("a", "b", "c", "changelog"), db.tables());
    assertEquals(List.of("1", "2", "3"), db.changelogIds());
    assertTrue(migrator().upgrade(new Target.Head()).changedNothing());
  }

  @Test
  void aRunTakesAtLeastItsMigrationsAndAtMostTheCall() throws Exception {
    assertTakesAtLeastItsMigrationsAndAtMostTheCall(() -> migrator().upgrade(new Target.Head()));
    assertEquals(Duration.ZERO, migrator().upgrade(new Target.Head()).took());
    assertTakesAtLeastItsMigrationsAndAtMostTheCall(() -> migrator().downgrade(new Target.Base()));
  }

  private static void assertTakesAtLeastItsMigrationsAndAtMostTheCall(Supplier<UpgradeResult> run) {
    long before = System.nanoTime();
    UpgradeResult result = run.get();
    Duration call = Duration.ofNanos(System.nanoTime() - before);
    Duration migrations = result.runs().stream().map(MigrationRun::duration).reduce(Duration.ZERO, Duration::plus);
    assertEquals(3, result.runs().size());
    assertTrue(result.took().compareTo(migrations) >= 0, result.took() + " is less than its runs' " + migrations);
    assertTrue(result.took().compareTo(call) <= 0, result.took() + " is more than the call's " + call);
  }

  @Test
  void relativeAndRevisionTargetsBothWays() throws Exception {
    migrator().upgrade(new Target.Relative(2));
    assertEquals(List.of("1", "2"), db.changelogIds());
    migrator().upgrade(new Target.Revision("3"));
    assertEquals(List.of("1", "2", "3"), db.changelogIds());
    UpgradeResult down = migrator().downgrade(new Target.Revision("1"));
    assertEquals(List.of("3", "2"), down.runs().stream().map(r -> r.migration().idText()).toList());
    assertEquals("1", down.to().orElseThrow().idText());
    assertEquals(List.of("a", "changelog"), db.tables());
    migrator().downgrade(new Target.Base());
    assertEquals(List.of(), db.changelogIds());
    assertEquals(List.of("changelog"), db.tables());
  }

  @Test
  void currentAndHistory() throws Exception {
    assertEquals(new CurrentState(Optional.empty(), 0, 3), migrator().current());
    migrator().upgrade(new Target.Relative(2));
    db.execute("insert into changelog values (0, '2024-01-01 00:00:00', 'gone')");
    CurrentState state = migrator().current();
    assertEquals("2", state.current().orElseThrow().idText());
    assertEquals(1, state.pending());
    List<HistoryEntry> history = migrator().history();
    assertEquals(List.of("0", "1", "2", "3"), history.stream().map(h -> h.migration().idText()).toList());
    assertFalse(history.get(0).scriptPresent());
    assertTrue(history.get(2).current());
    assertTrue(history.get(3).pending());
  }

  @Test
  void theOneMigrationBeforeAFailureIsNamedInTheSingular() throws Exception {
    migrator().upgrade(new Target.Revision("2"));
    scripts.add("004_broken.sql", "insert into missing values (1);", "select 1;");
    ScriptFailedException e = assertThrows(ScriptFailedException.class, () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains(" The 1 migration before it in this run stays applied; the database is at 3"
        + " (create c)."), e.getMessage());
  }

  @Test
  void unreachableTargetsChangeNothing() throws Exception {
    assertThrows(InvalidTargetException.class, () -> migrator().upgrade(new Target.Relative(4)));
    assertThrows(InvalidTargetException.class, () -> migrator().upgrade(new Target.Revision("9")));
    assertThrows(InvalidTargetException.class, () -> migrator().downgrade(new Target.Relative(1)));
    assertEquals(List.of(), db.tables());
  }

  @Test
  void aFailingStatementRollsBackItsWholeMigrationAndNamesIt() throws Exception {
    scripts.add("004_broken.sql",
        "create table d (id int primary key);\ninsert into d values (1);\n\ninsert into missing values (1);\ncreate table e (id int);",
        "drop table d;");
    ScriptFailedException e = assertThrows(ScriptFailedException.class, () -> migrator().upgrade(new Target.Head()));
    String message = e.getMessage();
    assertTrue(message.contains("Migration 4 (broken) failed in 004_broken.sql"), message);
    assertTrue(message.contains("statement 3 of 4 (line 5): insert into missing values (1);"), message);
    assertTrue(message.contains("relation \"missing\" does not exist"), message);
    assertTrue(message.contains("The 3 migrations before it in this run stay applied"), message);
    assertTrue(message.contains("\n  PostgreSQL: relation \"missing\" does not exist [SQLSTATE 42P01]\n"), message);
    assertEquals(1, message.split("insert into missing", -1).length - 1, "the statement once: " + message);
    assertEquals(List.of("1", "2", "3"), db.changelogIds());
    assertEquals(List.of("a", "b", "c", "changelog"), db.tables(), "nothing of migration 4, not even table d");

    scripts.add("004_broken.sql", "create table d (id int primary key);", "drop table d;");
    migrator().upgrade(new Target.Head());
    assertEquals(List.of("1", "2", "3", "4"), db.changelogIds());
  }

  @Test
  void aFailureDeepInALongRunStopsItThereWhateverWasSentAhead() throws Exception {
    // MyBatis prepares migrations ahead of the server, and several go out in one round trip (SendAhead,
    // BatchWindow): the ones queued behind the failing one must never run.
    for (int i = 4; i <= 80; i++) {
      String body = i == 50 ? "create table t50 (id int);\ninsert into missing values (1);" : "create table t" + i
          + " (id int);";
      scripts.add(String.format("%03d_create_t%d.sql", i, i), body, "drop table t" + i + ";");
    }
    ScriptFailedException e = assertThrows(ScriptFailedException.class, () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("Migration 50 (create t50) failed in 050_create_t50.sql, statement 2 of 2"),
        e.getMessage());
    assertTrue(e.getMessage().contains("The 49 migrations before it in this run stay applied; the database is at 49"),
        e.getMessage());
    assertEquals(IntStream.rangeClosed(1, 49).mapToObj(Integer::toString).toList(), db.changelogIds());
    assertEquals("46", db.value("select count(*) from pg_tables where tablename ~ '^t[0-9]+$'"), "t4 to t49 only");
  }

  @Test
  void aFirstRunWhoseFirstMigrationFailsLeavesNotEvenTheChangelog() throws Exception {
    scripts.add("001_create_a.sql", "create table a (id int primary key);\ninsert into missing values (1);",
        "drop table a;");
    ScriptFailedException e = assertThrows(ScriptFailedException.class, () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("statement 2 of 2"), e.getMessage());
    assertEquals(List.of(), db.tables(), "the changelog is created in the first migration's transaction");

    scripts.add("001_create_a.sql", "create table a (id int primary key);", "drop table a;");
    assertEquals(3, migrator().upgrade(new Target.Head()).runs().size());
    assertEquals(List.of("1", "2", "3"), db.changelogIds());
  }

  @Test
  void aFirstMigrationWithoutATransactionFindsTheChangelogCreatedBeforeIt() throws Exception {
    scripts.add("001_create_a.sql", "-- quantagent:no-transaction\ncreate table a (id int primary key);",
        "drop table a;");
    assertEquals(3, migrator().upgrade(new Target.Head()).runs().size());
    assertEquals(List.of("1", "2", "3"), db.changelogIds());
  }

  @Test
  void aDirectiveLookalikeInAFunctionBodyKeepsTheScriptInItsTransaction() throws Exception {
    scripts.add("004_function.sql", """
        create table d (id int);
        create function f() returns int language plpgsql as $$
        begin
        -- quantagent:no-transaction
          return 1;
        end $$;
        create table d (id int);""", "drop function f();\ndrop table d;");
    ScriptFailedException e = assertThrows(ScriptFailedException.class, () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("[SQLSTATE 42P07]"), e.getMessage());
    assertEquals(List.of("1", "2", "3"), db.changelogIds());
    assertEquals(List.of("a", "b", "c", "changelog"), db.tables(), "the failing migration's first table went with it");
    assertEquals("0", db.value("select count(*) from pg_proc where proname = 'f'"), "and so did its function");
  }

  @Test
  void aScriptThatCommitsItselfIsRefusedBeforeAnythingRuns() throws Exception {
    scripts.add("004_commits_midway.sql", """
        create table d (id int);
        commit;
        create table d (id int);""", "drop table d;");
    assertRefusedBeforeAnythingRuns("004_commits_midway.sql line 3: commit; ends the transaction that this script"
        + " runs in",
        "nothing ran: not its first table, nor the migrations before it");
  }

  @Test
  void aCommentThatNeverEndsIsRefusedBeforeAnythingRuns() throws Exception {
    scripts.add("004_purge_audit.sql", """
        create table audit (id int);
        /* removes logs/* rows */
        delete from audit;""", "drop table audit;");
    assertRefusedBeforeAnythingRuns("004_purge_audit.sql line 3: a /* comment starts here and never ends",
        "nothing ran, where the DELETE was skipped as comment and the migration recorded as applied");
  }

  @Test
  void anUndoWhoseStringNeverEndsIsRefusedWithItsLineInTheFile() throws Exception {
    scripts.add("004_create_d.sql", "create table d (id int);", "drop table d;\ndelete from a where note = 'it's';");
    migrator().upgrade(new Target.Head());
    InvalidScriptException e = assertThrows(InvalidScriptException.class,
        () -> migrator().downgrade(new Target.Base()));
    assertTrue(e.getMessage().startsWith("Nothing was undone:\n  - 004_create_d.sql line 5: a ' string starts here and"
        + " never ends"), e.getMessage());
    assertEquals(List.of("a", "b", "c", "changelog", "d"), db.tables(), "nothing was undone");
  }

  @Test
  void aMarkerWithTextAfterItIsRefusedAndNotMistakenForNone() throws Exception {
    scripts.add("004_index_a.sql", """
        -- quantagent:no-transaction (for CONCURRENTLY)
        create index concurrently a_id on a (id);""", "drop index a_id;");
    InvalidScriptException e = assertThrows(InvalidScriptException.class, () -> migrator().upgrade(new Target.Head()));
    assertEquals("Nothing was applied:\n  - 004_index_a.sql line 2: '-- quantagent:no-transaction (for CONCURRENTLY)'"
        + " is not a marker: a marker stands alone on its line. Put the reason on the line above, as a comment of its"
        + " own.", e.getMessage(), "not also: put the line '-- quantagent:no-transaction' in the script");
    assertEquals(List.of(), db.tables());
  }

  @Test
  void aMistypedMarkerOrABadTimeoutIsRefusedBeforeAnythingRuns() throws Exception {
    scripts.add("004_backfill.sql", """
        -- quantagent:lock-timeout soon
        create table d (id int);""", "-- quantagent:no-undo: the rows are gone");
    scripts.add("005_index_d.sql", """
        -- quantagent:no-transacton
        create index d_id on d (id);""", "drop index d_id;");
    assertRefusedBeforeAnythingRuns("004_backfill.sql line 2: -- quantagent:lock-timeout 'soon' is not a duration",
        "nothing ran");
    InvalidScriptException e = assertThrows(InvalidScriptException.class, () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("004_backfill.sql line 5: '-- quantagent:no-undo: the rows are gone' is not a"
        + " marker"), e.getMessage());
    assertTrue(e.getMessage().contains("005_index_d.sql line 2: '-- quantagent:no-transacton' is no marker"),
        e.getMessage());
  }

  /** upgrade fails on the scripts' check, naming {@code expected}, and leaves the database as it was. */
  private void assertRefusedBeforeAnythingRuns(String expected, String nothingRan) throws Exception {
    InvalidScriptException e = assertThrows(InvalidScriptException.class, () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertEquals(List.of(), db.tables(), nothingRan);
  }

  /** The first script MyBatis' migrate init writes, from the template in the mybatis-migrations jar. */
  @Test
  void myBatisOwnChangelogScriptIsRefusedBeforeAnythingRunsSayingWhatToDo() throws Exception {
    String template;
    try (var in = MigratorTest.class.getClassLoader()
        .getResourceAsStream("org/apache/ibatis/migration/template_changelog.sql")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Files.writeString(scripts.directory().resolve("000_create_changelog.sql"), template);
    assertRefusedBeforeAnythingRuns("000_create_changelog.sql is MyBatis' own changelog script (CREATE TABLE"
        + " ${changelog}, from migrate init), which PostgreSQL cannot run: this plugin creates the changelog table"
        + " itself, with the columns stock MyBatis reads. Delete the file. On a database that stock MyBatis migrated,"
        + " delete its row too (DELETE FROM changelog WHERE id = 0,", "nothing ran: not the migrations after it either");
  }

  @Test
  void aVacuumInATransactionalScriptIsRefusedBeforeAnythingRunsAndRunsWithTheMarker() throws Exception {
    scripts.add("004_backfill_then_vacuum.sql", """
        create table d (id int);
        vacuum analyze d;""", "drop table d;");
    assertRefusedBeforeAnythingRuns("004_backfill_then_vacuum.sql line 3: vacuum analyze d; cannot run inside a"
        + " transaction, and this script runs in one",
        "nothing ran: not the migrations before it either");

    scripts.add("004_backfill_then_vacuum.sql", """
        -- quantagent:no-transaction
        create table if not exists d (id int);
        vacuum analyze d;""", "drop table d;");
    migrator().upgrade(new Target.Head());
    assertTrue(db.tables().contains("d"), db.tables().toString());
  }

  /** DROP SUBSCRIPTION refuses a transaction only when the subscription has a replication slot, as this one has. */
  @Test
  void aStatementRefusedInATransactionThatNoCheckCouldSeeSaysToMarkTheScript() throws Exception {
    scripts.add("004_subscribe.sql", "create subscription prices connection 'host=127.0.0.1 dbname=nowhere'"
        + " publication prices with (connect = false);", "drop subscription prices;");
    migrator().upgrade(new Target.Head());
    try {
      scripts.add("005_unsubscribe.sql", "drop subscription prices;", "select 1;");
      ScriptFailedException e = assertThrows(ScriptFailedException.class,
          () -> migrator().upgrade(new Target.Head()));
      assertTrue(e.getMessage().contains("\n  PostgreSQL: DROP SUBSCRIPTION cannot run inside a transaction block"
          + " [SQLSTATE 25001]\n"), e.getMessage());
      assertTrue(e.getMessage().endsWith("\n  PostgreSQL runs that statement only outside a transaction, and"
          + " 005_unsubscribe.sql runs in one. Put a line '-- quantagent:no-transaction' at its top, or move the"
          + " statement to a script of its own that has one (its statements then commit one by one: make each safe to"
          + " repeat), then run the same mvn quantagent:upgrade command again."), e.getMessage());
    } finally {
      // A database with a subscription cannot be dropped, and without a slot name none needs the publisher.
      db.execute("alter subscription prices set (slot_name = none)", "drop subscription prices");
    }
  }

  @Test
  void aFailingUndoKeepsItsMigrationAppliedAndSaysSo() throws Exception {
    scripts.add("004_bad_undo.sql", "create table d (id int);", "drop table d;\ndrop table nonexistent;");
    migrator().upgrade(new Target.Head());
    ScriptFailedException e = assertThrows(ScriptFailedException.class,
        () -> migrator().downgrade(new Target.Relative(1)));
    String message = e.getMessage();
    // the file: 1 header, 2 create, 3 @UNDO, 4 drop d, 5 drop nonexistent
    assertTrue(message.startsWith("Undoing migration 4 (bad undo) failed in 004_bad_undo.sql, statement 2 of 2"
        + " (line 5): drop table nonexistent;"), message);
    assertTrue(message.contains("PostgreSQL: table \"nonexistent\" does not exist [SQLSTATE 42P01]"), message);
    assertTrue(message.contains("The undo was rolled back: migration 4 (bad undo) stays applied, with its changelog"
        + " row."), message);
    assertFalse(message.contains("nothing of it is applied"), message);
    assertEquals(List.of("1", "2", "3", "4"), db.changelogIds());
    assertTrue(db.tables().contains("d"), "the undo's first statement was rolled back too");
  }

  @Test
  void aFailureAfterTheChangelogRowIsWrittenLeavesNeitherTheRowNorTheChange() throws Exception {
    // The deferred foreign key is checked at COMMIT, after the changelog row was written in the same transaction.
    scripts.add("004_deferred.sql", """
        create table d (id int primary key);
        create table e (d_id int references d deferrable initially deferred);
        insert into e values (1);""", "drop table e;\ndrop table d;");
    ScriptFailedException e = assertThrows(ScriptFailedException.class, () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("Migration 4 (deferred) failed in 004_deferred.sql at its commit"),
        e.getMessage());
    assertTrue(e.getMessage().contains("[SQLSTATE 23503]"), e.getMessage());
    assertEquals(List.of("1", "2", "3"), db.changelogIds(), "the changelog row went with the migration");
    assertEquals(List.of("a", "b", "c", "changelog"), db.tables(), "and so did its tables");
  }

  @Test
  void aChangelogRowThatCannotBeWrittenTakesItsMigrationWithIt() throws Exception {
    migrator().upgrade(new Target.Relative(1));
    db.execute("""
        create function refuse_4() returns trigger language plpgsql as $$
        begin
          if new.id = 4 then raise exception 'no row for 4'; end if;
          return new;
        end $$;
        create trigger refuse_4 before insert on changelog for each row execute function refuse_4();""");
    scripts.add("004_create_d.sql", "create table d (id int);", "drop table d;");
    ScriptFailedException e = assertThrows(ScriptFailedException.class, () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("Migration 4 (create d) failed in 004_create_d.sql when writing its changelog"
        + " row, after its 1 statement ran"), e.getMessage());
    assertTrue(e.getMessage().contains("PostgreSQL: no row for 4"), e.getMessage());
    assertEquals(List.of("1", "2", "3"), db.changelogIds());
    assertFalse(db.tables().contains("d"));
  }

  /** PostgreSQL times statement_timeout over a whole pipeline; the runner makes it bound each statement. */
  @Test
  void aStatementTimeoutBoundsEachStatementNotTheMigration() throws Exception {
    scripts.add("004_three_waits.sql", "-- quantagent:statement-timeout 2s\n"
        + "select pg_sleep(0.8);\nselect pg_sleep(0.8);\nselect pg_sleep(0.8);\ncreate table d (id int);",
        "drop table d;");
    migrator().upgrade(new Target.Head());
    assertEquals(List.of("1", "2", "3", "4"), db.changelogIds());
  }

  @Test
  void transactionAllAppliesEveryPendingMigrationOrNone() throws Exception {
    scripts.add("004_broken.sql", "create table d (id int);\ninsert into missing values (1);", "drop table d;");
    RunnerSettings all = RunnerSettings.defaults().withTransaction(TransactionMode.ALL);
    ScriptFailedException e = assertThrows(ScriptFailedException.class,
        () -> migrator().withRunner(all).upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("It shared its transaction (-Dquantagent.transaction=all) with the 3"
        + " migrations before it in this run, rolled back with it: nothing of the run is applied."), e.getMessage());
    assertEquals(List.of(), db.changelogIds());
    assertEquals(List.of(), db.tables(), "not even the changelog, which the first migration's transaction creates");

    scripts.add("004_broken.sql", "create table d (id int);", "drop table d;");
    assertEquals(4, migrator().withRunner(all).upgrade(new Target.Head()).runs().size());
    assertEquals(List.of("1", "2", "3", "4"), db.changelogIds());
  }

  /**
   * An upgrade that starts while stamp verifies the schema waits for the stamp: were the verdict given outside the
   * lock, the upgrade could apply migrations between it and the stamp, which would then remove their changelog rows
   * and leave their tables.
   */
  @Test
  void anUpgradeDuringAStampsVerificationWaitsForTheStamp() throws Exception {
    migrator().upgrade(new Target.Revision("1"));
    CompletableFuture<Void> upgradeWaitsOrIsDone = new CompletableFuture<>();
    CompletableFuture<UpgradeResult> upgrade = new CompletableFuture<>();
    SchemaVerifier startsAnUpgrade = revision -> {
      CompletableFuture.supplyAsync(() -> new Migrator(db.connections(), scripts.source(), "changelog",
          Events.listening(line -> {
            if (line.contains("Waiting for another migration run on this database to finish")) {
              upgradeWaitsOrIsDone.complete(null);
            }
          })).upgrade(new Target.Head()), ThreadPerTask.EXECUTOR).whenComplete((result, failure) -> {
            upgradeWaitsOrIsDone.complete(null);
            if (failure == null) {
              upgrade.complete(result);
            } else {
              upgrade.completeExceptionally(failure);
            }
          });
      upgradeWaitsOrIsDone.join();
      return List.of();
    };
    StampResult stamped = migrator().stamp(new Target.Revision("1"), startsAnUpgrade, false);
    assertEquals(List.of(), stamped.removed());
    assertEquals(2, upgrade.get(60, TimeUnit.SECONDS).runs().size());
    assertEquals(List.of("1", "2", "3"), db.changelogIds());
    assertEquals(List.of("a", "b", "c", "changelog"), db.tables());
  }

  private static final String PARENT_AND_CHILD = "create table parent (id int primary key);\n"
      + "create table child (parent_id int references parent deferrable initially deferred);";

  /** A deferred constraint is checked at the group's commit: any migration of the group may have broken it. */
  @Test
  void aDeferredConstraintBrokenInATransactionAllGroupFailsAtItsCommitAndNamesTheGroup() throws Exception {
    scripts.add("004_parent_and_child.sql", PARENT_AND_CHILD, "drop table child;\ndrop table parent;");
    scripts.add("005_orphan.sql", "insert into child values (42);", "delete from child;");
    scripts.add("006_after_it.sql", "create table d (id int);", "drop table d;");
    RunnerSettings all = RunnerSettings.defaults().withTransaction(TransactionMode.ALL);
    ScriptFailedException e = assertThrows(ScriptFailedException.class,
        () -> migrator().withRunner(all).upgrade(new Target.Head()));
    assertTrue(e.getMessage().startsWith("Migration 6 (after it) failed in 006_after_it.sql at the commit of the"
        + " transaction it shared with the 5 migrations before it (-Dquantagent.transaction=all): a deferred"
        + " constraint or trigger of any of them fired then, and PostgreSQL's message names it\n  PostgreSQL: insert or"
        + " update on table \"child\" violates foreign key constraint"), e.getMessage());
    assertTrue(e.getMessage().contains("It shared its transaction (-Dquantagent.transaction=all) with the 5"
        + " migrations before it in this run, rolled back with it: nothing of the run is applied."), e.getMessage());
    assertEquals(List.of(), db.changelogIds());
    assertEquals(List.of(), db.tables());
  }

  /** The group that fails is the one after a no-transaction script: what came before it stays, and says so. */
  @Test
  void aGroupThatFailsAfterANoTransactionScriptSaysWhatOfTheRunStaysApplied() throws Exception {
    scripts.add("004_index_a.sql", "-- quantagent:no-transaction\ncreate index concurrently a_id on a (id);",
        "-- quantagent:no-transaction\ndrop index concurrently a_id;");
    scripts.add("005_parent_and_child.sql", PARENT_AND_CHILD, "drop table child;\ndrop table parent;");
    scripts.add("006_orphan.sql", "insert into child values (42);", "delete from child;");
    RunnerSettings all = RunnerSettings.defaults().withTransaction(TransactionMode.ALL);
    ScriptFailedException e = assertThrows(ScriptFailedException.class,
        () -> migrator().withRunner(all).upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("at the commit of the transaction it shared with the 1 migration before it"),
        e.getMessage());
    assertTrue(e.getMessage().contains("It shared its transaction (-Dquantagent.transaction=all) with the 1"
        + " migration before it in this run, rolled back with it. The 4 migrations before it in this run stay"
        + " applied; the database is at 4 (index a)."), e.getMessage());
    assertFalse(e.getMessage().contains("nothing of the run is applied"), e.getMessage());
    assertEquals(List.of("1", "2", "3", "4"), db.changelogIds());
  }

  @Test
  void anEnumValueUsedInTheGroupThatAddedItSaysHowToCommitItFirst() throws Exception {
    scripts.add("004_status.sql", "create type status as enum ('new');\ncreate table orders_s (s status);",
        "drop table orders_s;\ndrop type status;");
    migrator().upgrade(new Target.Head());
    scripts.add("005_add_filled.sql", "alter type status add value 'filled';", "select 1;");
    scripts.add("006_fill.sql", "insert into orders_s values ('filled');", "delete from orders_s;");
    RunnerSettings all = RunnerSettings.defaults().withTransaction(TransactionMode.ALL);
    ScriptFailedException e = assertThrows(ScriptFailedException.class,
        () -> migrator().withRunner(all).upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("PostgreSQL refuses an enum value in the transaction that added it (ALTER"
        + " TYPE ... ADD VALUE) until it commits. With -Dquantagent.transaction=all, the migrations of the run share"
        + " one: run with -Dquantagent.transaction=each, or put a line '-- quantagent:no-transaction' in the script"
        + " that adds the value, so that it commits before the next group begins."), e.getMessage());
    assertFalse(e.getMessage().contains("Fix the script"), e.getMessage());
    assertEquals(List.of("1", "2", "3", "4"), db.changelogIds());

    scripts.add("005_add_filled.sql", "-- quantagent:no-transaction\nalter type status add value 'filled';",
        "select 1;");
    migrator().withRunner(all).upgrade(new Target.Head());
    assertEquals(List.of("1", "2", "3", "4", "5", "6"), db.changelogIds());
  }

  @Test
  void anEnumValueUsedInTheScriptThatAddedItSaysToSplitIt() throws Exception {
    scripts.add("004_status.sql", "create type status as enum ('new');\ncreate table orders_s (s status);",
        "drop table orders_s;\ndrop type status;");
    migrator().upgrade(new Target.Head());
    scripts.add("005_fill.sql", "alter type status add value 'filled';\ninsert into orders_s values ('filled');",
        "delete from orders_s;");
    ScriptFailedException e = assertThrows(ScriptFailedException.class, () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("PostgreSQL refuses an enum value in the transaction that added it (ALTER"
        + " TYPE ... ADD VALUE) until it commits. Add the value in one migration and use it in a later one (mvn"
        + " quantagent:create), then run the same mvn quantagent:upgrade command again."), e.getMessage());
    assertEquals(List.of("1", "2", "3", "4"), db.changelogIds());
  }

  @Test
  void transactionAllCommitsBeforeANoTransactionScript() throws Exception {
    scripts.add("004_index_a.sql", "-- quantagent:no-transaction\ncreate index concurrently a_id on a (id);",
        "-- quantagent:no-transaction\ndrop index concurrently a_id;");
    scripts.add("005_broken.sql", "insert into missing values (1);", "select 1;");
    List<String> lines = new java.util.ArrayList<>();
    Migrator all = new Migrator(db.connections(), scripts.source(), MigratorSettings.defaults()
        .withRunner(RunnerSettings.defaults().withTransaction(TransactionMode.ALL)), Events.collecting(lines));
    assertThrows(ScriptFailedException.class, () -> all.upgrade(new Target.Head()));
    assertEquals(List.of("1", "2", "3", "4"), db.changelogIds(), "the group before the script, and the script");
    assertTrue(lines.contains("INFO Committed 3 migrations in one transaction before 004_index_a.sql, which runs"
        + " without a transaction."), String.join("\n", lines));
  }

  /**
   * One flush per run: every migration but the run's last commits without waiting for the disk, and the last one's
   * commit, which waits, makes them all durable. Only the benchmark's durable variant would see this go, as time.
   */
  @Test
  void everyMigrationButTheLastCommitsWithoutWaitingForTheDisk() throws Exception {
    String seen = " as select current_setting('synchronous_commit') as s;";
    scripts.add("004_seen.sql", "create table seen_4" + seen, "drop table seen_4;");
    scripts.add("005_seen.sql", "create table seen_5" + seen, "drop table seen_5;");
    scripts.add("006_seen_last.sql", "create table seen_6" + seen, "drop table seen_6;");
    migrator().upgrade(new Target.Head());
    assertEquals(List.of("off", "off", "on"), List.of(db.value("select s from seen_4"),
        db.value("select s from seen_5"), db.value("select s from seen_6")));
  }

  /**
   * A DBA's synchronous_commit = remote_apply makes a commit return only once the synchronous standbys show it. The
   * run's last commit, the one that waits, keeps it instead of weakening it to on: upgrade must not report success
   * before a standby the application reads from has the new schema.
   */
  @Test
  void theRunsLastCommitKeepsADatabasesRemoteApply() throws Exception {
    db.execute("alter database " + db.name() + " set synchronous_commit = remote_apply");
    String seen = " as select current_setting('synchronous_commit') as s;";
    scripts.add("004_seen.sql", "create table seen_4" + seen, "drop table seen_4;");
    scripts.add("005_seen_last.sql", "create table seen_5" + seen, "drop table seen_5;");
    migrator().upgrade(new Target.Head());
    assertEquals(List.of("off", "remote_apply"), List.of(db.value("select s from seen_4"),
        db.value("select s from seen_5")));
  }

  @Test
  void transactionAllGivesEachMigrationItsSettingsAndNoOverrideLeaksIntoTheNext() throws Exception {
    String seen = " as select current_setting('lock_timeout') || ' ' || current_setting('synchronous_commit') as s;";
    scripts.add("004_override.sql", "-- quantagent:lock-timeout 5s\ncreate table seen_4" + seen, "drop table seen_4;");
    scripts.add("005_after_it.sql", "create table seen_5" + seen, "drop table seen_5;");
    scripts.add("006_index_a.sql", "-- quantagent:no-transaction\ncreate index concurrently a_id on a (id);",
        "-- quantagent:no-transaction\ndrop index concurrently a_id;");
    scripts.add("007_next_transaction.sql", "create table seen_7" + seen, "drop table seen_7;");
    RunnerSettings all = RunnerSettings.defaults().withTransaction(TransactionMode.ALL);
    migrator().withRunner(all).upgrade(new Target.Head());
    assertEquals(List.of("5s on", "2s on", "2s on"), List.of(db.value("select s from seen_4"),
        db.value("select s from seen_5"), db.value("select s from seen_7")));
  }

  /**
   * What pg_dump writes at the top of every dump, so at the top of a baseline made with it: an empty search_path made
   * the migration's own changelog row fail ("relation changelog does not exist"), and every later migration of the run
   * met it and the script's lock timeout.
   */
  private static final String LIKE_A_DUMP = "SET lock_timeout = 0;\nSET statement_timeout = 0;\n"
      + "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE public.d (id int);";
  private static final String SEEN = " as select current_setting('search_path') || ' / '"
      + " || current_setting('lock_timeout') as s;";

  /**
   * A script's RESET ALL also takes back the session's client_connection_check_interval, which lets the server notice
   * a killed run within a second: the runner sets it again, in a transaction and out of one.
   */
  @ParameterizedTest
  @EnumSource(TransactionMode.class)
  void aScriptsResetAllLeavesTheRunsClientCheckInPlace(TransactionMode mode) throws Exception {
    String seen = " as select current_setting('client_connection_check_interval') as s;";
    scripts.add("004_reset_all.sql", "reset all;\ncreate table d (id int);", "drop table d;");
    scripts.add("005_after_it.sql", "create table seen_5" + seen, "drop table seen_5;");
    scripts.add("006_reset_all_alone.sql", "-- quantagent:no-transaction\nreset all;", "select 1;");
    scripts.add("007_after_that.sql", "create table seen_7" + seen, "drop table seen_7;");
    migrator().withRunner(RunnerSettings.defaults().withTransaction(mode)).upgrade(new Target.Head());
    assertEquals(List.of("1s", "1s"), List.of(db.value("select s from seen_5"), db.value("select s from seen_7")));
  }

  /** no-undo means what it says: a downgrade past such a migration would leave its change and forget it ran. */
  @Test
  void aDowngradePastAMigrationThatCannotBeUndoneIsRefusedBeforeAnythingIsUndone() throws Exception {
    scripts.add("004_backfill.sql", "create table d (id int);", "-- quantagent:no-undo");
    scripts.add("005_create_e.sql", "create table e (id int);", "drop table e;");
    migrator().upgrade(new Target.Head());
    InvalidScriptException e = assertThrows(InvalidScriptException.class,
        () -> migrator().downgrade(new Target.Base()));
    assertTrue(e.getMessage().startsWith("Nothing was undone:\n  - 004_backfill.sql: its -- //@UNDO part says --"
        + " quantagent:no-undo, so it cannot be undone."), e.getMessage());
    assertTrue(e.getMessage().contains("Downgrade to it at most (-Dtarget=4 keeps it applied)"), e.getMessage());
    assertEquals(List.of("1", "2", "3", "4", "5"), db.changelogIds());
    assertThrows(InvalidScriptException.class, () -> migrator().downgradeSql(new Target.Base(), Optional.empty()));

    assertEquals(1, migrator().downgrade(new Target.Revision("4")).runs().size());
    assertEquals(List.of("1", "2", "3", "4"), db.changelogIds());
  }

  @Test
  void aScriptThatWouldReleaseTheRunLockIsRefusedBeforeAnythingRuns() throws Exception {
    migrator().upgrade(new Target.Head());
    scripts.add("004_discard.sql", "-- quantagent:no-transaction\ncreate table d (id int);\ndiscard all;", "select 1;");
    scripts.add("005_unlock.sql", "create table e (id int);\nselect pg_advisory_unlock_all();", "select 1;");
    scripts.add("006_names_it.sql", "comment on table a is 'never call pg_advisory_unlock_all()';\n"
        + "create function unlock_everything() returns void language sql as $$ select pg_advisory_unlock_all() $$;",
        "drop function unlock_everything();");
    InvalidScriptException e = assertThrows(InvalidScriptException.class,
        () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("004_discard.sql line 4: discard all; would release the run lock, which keeps a"
        + " second run off this database until this one ends"), e.getMessage());
    assertTrue(e.getMessage().contains("005_unlock.sql line 3: select pg_advisory_unlock_all(); would release the run"
        + " lock"), e.getMessage());
    assertTrue(e.getMessage().contains("A migration needs neither: delete the statement."), e.getMessage());
    assertFalse(e.getMessage().contains("006_names_it.sql"), "naming it, or defining a function that calls it,"
        + " releases nothing: " + e.getMessage());
    assertFalse(e.getMessage().contains("cannot run inside a transaction"), e.getMessage());
    assertEquals(List.of("1", "2", "3"), db.changelogIds());
    assertFalse(db.tables().contains("d"));
  }

  @ParameterizedTest
  @EnumSource(TransactionMode.class)
  void aScriptsOwnSearchPathAndTimeoutsEndWithItsMigration(TransactionMode mode) throws Exception {
    scripts.add("004_baseline_from_pg_dump.sql", LIKE_A_DUMP, "DROP TABLE public.d;");
    scripts.add("005_after_it.sql", "create table seen_5" + SEEN, "drop table seen_5;");
    migrator().withRunner(RunnerSettings.defaults().withTransaction(mode)).upgrade(new Target.Head());
    assertEquals(List.of("1", "2", "3", "4", "5"), db.changelogIds());
    assertEquals("\"$user\", public / 2s", db.value("select s from seen_5"));
  }

  /** PostGIS's spatial_ref_sys, in public from CREATE EXTENSION on, or a tool's table left behind, is no schema. */
  @Test
  void tablesOfAnExtensionOrAnotherToolAloneAreANewDatabase() throws Exception {
    db.execute("create extension hstore", "create table ext_table (id int)", "alter extension hstore add table"
        + " ext_table", "create table flyway_schema_history (installed_rank int)");
    assertEquals(3, migrator().upgrade(new Target.Head()).runs().size());
    assertEquals(List.of("1", "2", "3"), db.changelogIds());
  }

  /** Undone to base, a database adopted from Alembic keeps alembic_version and an empty changelog: no schema. */
  @Test
  void aDatabaseUndoneToBaseNextToAlembicVersionUpgradesAgain() throws Exception {
    db.execute("create table alembic_version (version_num varchar(32) primary key)");
    migrator().upgrade(new Target.Head());
    migrator().downgrade(new Target.Base());
    assertEquals(3, migrator().upgrade(new Target.Head()).runs().size());
  }

  /**
   * Every migration undone, and a table the application made for itself left beside the empty changelog (a session
   * store, a job queue): no migration creates it, so it says nothing of a restore, and upgrade runs as before.
   */
  @Test
  void aDatabaseUndoneToBaseNextToAnApplicationsOwnTableUpgradesAgain() throws Exception {
    migrator().upgrade(new Target.Head());
    db.execute("create table app_sessions (id text primary key)");
    migrator().downgrade(new Target.Base());
    assertEquals(3, migrator().upgrade(new Target.Head()).runs().size());
  }

  /**
   * A first migration without a transaction that fails part way leaves its first tables beside the changelog the
   * runner committed before it, empty: the failure says to run again, and that is no restore to refuse.
   */
  @Test
  void aFirstNoTransactionMigrationThatFailedPartWayRunsAgainAsItsFailureSays() throws Exception {
    scripts.add("001_create_a.sql", "-- quantagent:no-transaction\ncreate table if not exists a (id int primary key);\n"
        + "select 1 / 0;", "drop table a;");
    ScriptFailedException failed = assertThrows(ScriptFailedException.class,
        () -> migrator().upgrade(new Target.Head()));
    assertTrue(failed.getMessage().contains("run the same mvn quantagent:upgrade command again"), failed.getMessage());
    assertEquals(List.of("a", "changelog"), db.tables());
    scripts.add("001_create_a.sql", "-- quantagent:no-transaction\ncreate table if not exists a (id int primary key);",
        "drop table a;");
    List<String> lines = new ArrayList<>();
    assertEquals(3, new Migrator(db.connections(), scripts.source(), "changelog", Events.collecting(lines))
        .upgrade(new Target.Head()).runs().size());
    assertTrue(lines.contains("WARN 001_create_a.sql, the first migration, did not finish in an earlier run: it runs"
        + " without a transaction (-- quantagent:no-transaction), and that run failed or was killed part way: what"
        + " its statements committed is still there and it has no changelog row, so upgrade runs the whole script"
        + " again. Each statement must be safe to repeat (IF NOT EXISTS, IF EXISTS)."), String.join("\n", lines));
  }

  /** Undone to base, the changelog is there, empty: a first migration without a transaction marks it all the same. */
  @Test
  void aFirstNoTransactionMigrationThatFailsPartWayAfterAnUndoToBaseRunsAgain() throws Exception {
    scripts.add("001_create_a.sql", "-- quantagent:no-transaction\ncreate table if not exists a (id int primary key);",
        "drop table a;");
    migrator().upgrade(new Target.Head());
    migrator().downgrade(new Target.Base());
    scripts.add("001_create_a.sql", "-- quantagent:no-transaction\ncreate table if not exists a (id int primary key);\n"
        + "select 1 / 0;", "drop table a;");
    assertThrows(ScriptFailedException.class, () -> migrator().upgrade(new Target.Head()));
    assertEquals(List.of("a", "changelog"), db.tables());
    scripts.add("001_create_a.sql", "-- quantagent:no-transaction\ncreate table if not exists a (id int primary key);",
        "drop table a;");
    assertEquals(3, migrator().upgrade(new Target.Head()).runs().size());
  }

  /**
   * pg_dump --schema-only of a database at its first migration brings the changelog without its row (and with its
   * comment) beside that migration's table: a restore, refused, also when the first migration ran without a transaction
   * and so was marked unfinished until its row was written.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anEmptyChangelogBesideOnlyTheFirstMigrationsTableIsARestore(boolean noTransaction) throws Exception {
    if (noTransaction) {
      scripts.add("001_create_a.sql", "-- quantagent:no-transaction\ncreate table a (id int primary key);",
          "drop table a;");
    }
    migrator().upgrade(new Target.Revision("1"));
    assertRefusedOnceItsRowsAreGone();
  }

  /** Deletes the changelog's rows, as a schema-only dump loses them: upgrade refuses a restore, table a beside it. */
  private void assertRefusedOnceItsRowsAreGone() throws Exception {
    db.execute("delete from changelog");
    UnmanagedDatabaseException e = assertThrows(UnmanagedDatabaseException.class,
        () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().startsWith("Nothing was changed: the database has 1 table (a) and an empty changelog"
        + " table (changelog), as a restore of pg_dump --schema-only leaves it"), e.getMessage());
    assertEquals(List.of("a", "changelog"), db.tables());
  }

  /**
   * A mark left unfinished (a role that does not own the changelog finished the run, and could not take it back) says
   * no more than no mark: beside tables of later migrations the empty changelog is still a restore, refused.
   */
  @Test
  void anEmptyChangelogMarkedUnfinishedBesideLaterMigrationsTablesIsARestore() throws Exception {
    migrator().upgrade(new Target.Head());
    db.execute("delete from changelog", ChangelogMark.firstRunUnfinished("changelog", "001_create_a.sql"));
    List<String> lines = new ArrayList<>();
    UnmanagedDatabaseException e = assertThrows(UnmanagedDatabaseException.class,
        () -> new Migrator(db.connections(), scripts.source(), "changelog", Events.collecting(lines))
            .upgrade(new Target.Head()));
    assertTrue(e.getMessage().startsWith("Nothing was changed: the database has 3 tables (a, b, c) and an empty"
        + " changelog table (changelog)"), e.getMessage());
    assertEquals(List.of(), db.changelogIds());
    assertThrows(UnmanagedDatabaseException.class, () -> new Migrator(db.connections(), scripts.source(), "changelog",
        Events.collecting(lines)).downgrade(new Target.Base()));
    assertEquals(1, lines.stream().filter(line -> line.contains("did not finish in an earlier run")).count(),
        "upgrade warns that it runs the script again; downgrade runs nothing of it: " + lines);
  }

  /**
   * A role that does not own the changelog cannot mark it unfinished before its first migration: a failed first run of
   * its own beside our empty changelog runs again, as without a mark, and is not taken for a restore.
   */
  @Test
  void aFirstRunOfARoleThatDoesNotOwnTheChangelogRunsAgainAfterItFailedPartWay() throws Exception {
    scripts.add("001_create_a.sql", "-- quantagent:no-transaction\ncreate table if not exists a (id int primary key);",
        "drop table a;");
    migrator().upgrade(new Target.Head());
    migrator().downgrade(new Target.Base());
    String role = "qa_retry_" + Long.toHexString(System.nanoTime());
    db.execute("create role " + role + " login password 'retry-pw'", "grant create, usage on schema public to " + role,
        "grant select, insert, delete on changelog to " + role);
    try {
      PostgresConnector connector = new PostgresConnector(DatabaseUrl.parse(db.jdbcUrl())
          .withCredentials(role, "retry-pw"));
      scripts.add("001_create_a.sql", "-- quantagent:no-transaction\ncreate table if not exists a (id int primary"
          + " key);\nselect 1 / 0;", "drop table a;");
      assertThrows(ScriptFailedException.class, () -> new Migrator(connector::connect, scripts.source(), "changelog",
          EventLog.silent()).upgrade(new Target.Head()));
      assertEquals(List.of("a", "changelog"), db.tables());
      scripts.add("001_create_a.sql", "-- quantagent:no-transaction\ncreate table if not exists a (id int primary"
          + " key);", "drop table a;");
      assertEquals(3, new Migrator(connector::connect, scripts.source(), "changelog", EventLog.silent())
          .upgrade(new Target.Head()).runs().size());
    } finally {
      db.execute("drop owned by " + role, "drop role " + role);
    }
  }

  /** A changelog stamp creates is marked as one upgrade creates: restored at the first migration, it is refused. */
  @Test
  void anEmptyChangelogThatStampCreatedBesideTheFirstMigrationsTableIsARestore() throws Exception {
    db.execute("create table a (id int primary key)");
    migrator().stamp(new Target.Revision("1"), revision -> List.of(), false);
    assertRefusedOnceItsRowsAreGone();
  }

  /** A first run that stopped part way, then adopted with stamp: its dump is a restore like any other. */
  @Test
  void aFirstRunThatStoppedPartWayThenStampedIsARestoreOnceDumped() throws Exception {
    scripts.add("001_create_a.sql", "-- quantagent:no-transaction\ncreate table a (id int primary key);\n"
        + "select 1 / 0;", "drop table a;");
    assertThrows(ScriptFailedException.class, () -> migrator().upgrade(new Target.Head()));
    migrator().stamp(new Target.Revision("1"), revision -> List.of(), false);
    assertRefusedOnceItsRowsAreGone();
  }

  /**
   * A changelog without a mark (an earlier version made it, or stock MyBatis) is judged as before: empty beside only
   * the first migration's table, it may be what a first run without a transaction left, and upgrade runs again.
   */
  @Test
  void anEmptyChangelogWithoutAMarkBesideTheFirstMigrationsTableRunsAgainAsBefore() throws Exception {
    scripts.add("001_create_a.sql", "-- quantagent:no-transaction\ncreate table if not exists a (id int primary key);",
        "drop table a;");
    db.execute(Changelog.ddl("changelog").toArray(String[]::new));
    db.execute("create table a (id int primary key)");
    assertEquals(3, migrator().upgrade(new Target.Head()).runs().size());
    assertEquals(List.of("1", "2", "3"), db.changelogIds());
    assertEquals(null, db.value("select obj_description('changelog'::regclass, 'pg_class')"), "it stays unmarked");
  }

  /** As pg_dump --schema-only brings it: the table, without its rows. */
  @Test
  void anEmptyChangelogNextToTablesIsRefusedNamingStamp() throws Exception {
    migrator().upgrade(new Target.Head());
    db.execute("delete from changelog");
    UnmanagedDatabaseException e = assertThrows(UnmanagedDatabaseException.class,
        () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().startsWith("Nothing was changed: the database has 3 tables (a, b, c) and an empty"
        + " changelog table (changelog)") && e.getMessage().contains("mvn quantagent:stamp -Dtarget=head"),
        e.getMessage());
    assertEquals(List.of(), db.changelogIds());
  }

  @Test
  void aScriptsOwnRoleEndsWithItsMigration() throws Exception {
    String role = "qa_owner_" + Long.toHexString(System.nanoTime());
    db.execute("create role " + role);
    try {
      db.execute("grant create on schema public to " + role);
      scripts.add("004_owned_by_the_app.sql", "set role " + role + ";\ncreate table owned (id int);",
          "drop table owned;");
      scripts.add("005_after_it.sql", "create table seen_5 as select current_user::text as s;", "drop table seen_5;");
      migrator().upgrade(new Target.Head());
      assertEquals(role, db.value("select tableowner from pg_tables where tablename = 'owned'"));
      assertEquals(db.value("select session_user::text"), db.value("select s from seen_5"));
    } finally {
      db.execute("drop owned by " + role);
      db.execute("drop role " + role);
    }
  }

  /**
   * A login role of a test's own that may write the changelog and owns table b, but neither the changelog nor the
   * schema (PostgreSQL 15 and later give no one but the owner CREATE on public); dropped, with what it owns, on close.
   */
  private final class ApplicationRole implements AutoCloseable {
    private final String name = "qa_app_" + Long.toHexString(System.nanoTime());

    ApplicationRole() throws SQLException {
      db.execute("create role " + name + " login password 'app-pw'", "grant usage on schema public to " + name,
          "grant select, insert, delete on changelog to " + name, "alter table b owner to " + name);
    }

    Migrator migrator() {
      PostgresConnector connector = new PostgresConnector(DatabaseUrl.parse(db.jdbcUrl()).withCredentials(name,
          "app-pw"));
      return new Migrator(connector::connect, scripts.source(), "changelog", EventLog.silent());
    }

    @Override
    public void close() throws SQLException {
      db.execute("drop owned by " + name, "drop role " + name);
    }
  }

  @Test
  void aRoleThatMayOnlyWriteTheChangelogMigratesItsOwnTablesAndIsToldWhatItLacksForOthers() throws Exception {
    migrator().upgrade(new Target.Head());
    try (ApplicationRole app = new ApplicationRole()) {
      scripts.add("004_note_on_b.sql", "alter table b add column note text;", "alter table b drop column note;");
      assertEquals(1, app.migrator().upgrade(new Target.Head()).runs().size());

      scripts.add("005_note_on_a.sql", "alter table a add column note text;", "alter table a drop column note;");
      ScriptFailedException e = assertThrows(ScriptFailedException.class,
          () -> app.migrator().upgrade(new Target.Head()));
      assertTrue(e.getMessage().contains("\n  PostgreSQL: must be owner of table a [SQLSTATE 42501]\n"),
          e.getMessage());
      assertTrue(e.getMessage().endsWith("\n  The role this run connects as lacks a privilege, or the ownership, that"
          + " the statement needs; the script may well be right. Run the migrations as the role that owns the tables"
          + " (-Dquantagent.user, or the user in DATABASE_URL), or grant this one what the statement needs, then run"
          + " the same mvn quantagent:upgrade command again."), e.getMessage());
      assertEquals(List.of("1", "2", "3", "4"), db.changelogIds());
    }
  }

  /** README: the role needs only SELECT, INSERT and DELETE on a changelog a DBA made; stamp too. */
  @Test
  void aRoleThatMayOnlyWriteTheChangelogStampsOrIsToldWhichAlterItsOwnerMustRun() throws Exception {
    migrator().upgrade(new Target.Head());
    db.execute("create table d (id int primary key)");
    scripts.add("004_create_d.sql", "create table d (id int primary key);", "drop table d;");
    List<MigrationInfo> compared = new ArrayList<>();
    SchemaVerifier matches = revision -> {
      compared.add(revision);
      return List.of();
    };
    try (ApplicationRole app = new ApplicationRole()) {
      assertEquals(List.of("4"), app.migrator().stamp(new Target.Head(), matches, false).recorded().stream()
          .map(MigrationInfo::idText).toList());
      assertEquals("verified", db.value("select stamp from changelog where id = 4"));

      // A changelog from before the stamp column, or stock MyBatis' own with a checksum column added.
      db.execute("delete from changelog where id = 4", "alter table changelog drop column stamp");
      compared.clear();
      MigrationFailureException e = assertThrows(MigrationFailureException.class,
          () -> app.migrator().stamp(new Target.Head(), matches, false));
      assertTrue(e.getMessage().contains(" cannot add them: only the table's owner, " + db.value("select current_user")
          + ", may. Have the owner run\n    ALTER TABLE changelog ADD COLUMN stamp varchar(16);\n"), e.getMessage());
      assertEquals(List.of(), compared, "refused before the schema was compared");

      // Stock MyBatis' own changelog has neither column: both ALTERs, in one message.
      db.execute("alter table changelog drop column checksum");
      e = assertThrows(MigrationFailureException.class, () -> app.migrator().stamp(new Target.Head(), matches, false));
      assertTrue(e.getMessage().contains("Have the owner run\n    ALTER TABLE changelog ADD COLUMN checksum varchar(64);"
          + "\n    ALTER TABLE changelog ADD COLUMN stamp varchar(16);\n"), e.getMessage());
      assertEquals(List.of(), compared, "refused before the schema was compared");
      db.execute("alter table changelog add column checksum varchar(64)", "alter table changelog add column stamp"
          + " varchar(16)");
      assertEquals(List.of("4"), app.migrator().stamp(new Target.Head(), matches, false).recorded().stream()
          .map(MigrationInfo::idText).toList());
    }
  }

  /**
   * PostgreSQL 15 and later give CREATE on public to the database's owner only. A role without it cannot create the
   * changelog: upgrade failed in its first migration's transaction without naming the table, and stamp compared the
   * schema first, then failed as a bare database error. Both refuse before anything runs or is compared, and say what
   * the owner can run; run as it says, stamp goes through.
   */
  @Test
  void aRoleThatMayNotCreateTheChangelogIsToldWhatTheOwnerCanRunBeforeAnythingRunsOrIsCompared() throws Exception {
    String role = "qa_nocreate_" + Long.toHexString(System.nanoTime());
    db.execute("create role " + role + " login password 'nocreate-pw'", "revoke create on schema public from public",
        "grant usage on schema public to " + role);
    try {
      Migrator asRole = new Migrator(new PostgresConnector(DatabaseUrl.parse(db.jdbcUrl()).withCredentials(role,
          "nocreate-pw"))::connect, scripts.source(), "changelog", EventLog.silent());
      MigrationFailureException e = assertThrows(MigrationFailureException.class,
          () -> asRole.upgrade(new Target.Head()));
      String owner = db.value("select pg_get_userbyid(datdba) from pg_database where datname = current_database()");
      assertTrue(e.getMessage().startsWith("Nothing was applied: the changelog table changelog does not exist yet,"
          + " and the role " + role + " may not create it in schema public, the first of its search_path: that needs"
          + " CREATE on the schema, which PostgreSQL 15 and later give on public to the database's owner only. Have "
          + owner + " (the schema's owner) either grant it\n    GRANT CREATE ON SCHEMA public TO " + role + ";\n"),
          e.getMessage());
      assertEquals(List.of(), db.tables());

      List<MigrationInfo> compared = new ArrayList<>();
      SchemaVerifier matches = revision -> {
        compared.add(revision);
        return List.of();
      };
      e = assertThrows(MigrationFailureException.class, () -> asRole.stamp(new Target.Head(), matches, false));
      assertTrue(e.getMessage().startsWith("Nothing was stamped or compared: the changelog table changelog does not"
          + " exist yet"), e.getMessage());
      assertEquals(List.of(), compared, "refused before the schema was compared");

      String createIt = e.getMessage().substring(e.getMessage().indexOf("or create the table"));
      db.execute(createIt.lines().skip(1).limit(2).map(String::strip).toArray(String[]::new));
      assertEquals(3, asRole.stamp(new Target.Head(), matches, false).recorded().size());
      assertEquals(List.of("1", "2", "3"), db.changelogIds());
    } finally {
      db.execute("drop owned by " + role, "drop role " + role);
    }
  }

  /**
   * A DBA gave the role that migrates a search_path that names only a schema not created yet (or none: ''). The
   * changelog could be neither created there (the first migration failed on it, and its error said to fix the script)
   * nor found (current said base on a database at head): every goal says so before anything runs, and where the
   * search_path was set; the URL's currentSchema, which its advice names, migrates.
   */
  @Test
  void aRoleWhoseSearchPathNamesNoSchemaIsToldSoBeforeAnythingRuns() throws Exception {
    String role = "qa_path_" + Long.toHexString(System.nanoTime());
    db.execute("create role " + role + " login password 'path-pw'", "grant create on schema public to " + role,
        "alter role " + role + " set search_path = trading");
    try {
      String url = db.jdbcUrl();
      Migrator asRole = new Migrator(new PostgresConnector(DatabaseUrl.parse(url).withCredentials(role, "path-pw"))
          ::connect, scripts.source(), "changelog", EventLog.silent());
      InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class,
          () -> asRole.upgrade(new Target.Head()));
      assertTrue(e.getMessage().contains(": the changelog table changelog is found, and created, in the first schema"
          + " of the session's search_path that exists, and its search_path names none: trading, set for the role "
          + role + " (ALTER ROLE " + role + " SET search_path). Name the schema the migrations are recorded in on the"
          + " URL (?currentSchema=public, "), e.getMessage());
      assertEquals(List.of(), db.column("select relname from pg_class where relname in ('a', 'changelog')"));

      Migrator inPublic = new Migrator(new PostgresConnector(DatabaseUrl.parse(url + (url.contains("?") ? "&" : "?")
          + "currentSchema=public").withCredentials(role, "path-pw"))::connect, scripts.source(), "changelog",
          EventLog.silent());
      assertEquals(3, inPublic.upgrade(new Target.Head()).runs().size());
      assertEquals(List.of("1", "2", "3"), db.changelogIds());
      assertThrows(InvalidDatabaseUrlException.class, asRole::current, "not base on a database at head");
    } finally {
      db.execute("drop owned by " + role, "drop role " + role);
    }
  }

  /**
   * Where the database's TEMPORARY privilege is revoked from PUBLIC, as some hardening guides advise, the run cannot
   * write WAL of its own to flush the commits before a failed migration: it waits for the server's WAL writer. That
   * they are on disk then, a crash shows: DurabilityTest.
   */
  @Test
  void aRoleThatMayNotCreateTemporaryTablesStillLeavesTheMigrationsBeforeAFailureDurable() throws Exception {
    migrator().upgrade(new Target.Head());
    try (ApplicationRole app = new ApplicationRole()) {
      db.execute("revoke temporary on database " + db.name() + " from public");
      scripts.add("004_note_on_b.sql", "alter table b add column note text;", "alter table b drop column note;")
          .add("005_note_on_a.sql", "alter table a add column note text;", "alter table a drop column note;");
      ScriptFailedException e = assertThrows(ScriptFailedException.class,
          () -> app.migrator().upgrade(new Target.Head()));
      assertTrue(e.getMessage().contains(" The 1 migration before it in this run stays applied; the database is at 4"
          + " (note on b).\n"), e.getMessage());
      assertFalse(e.getMessage().contains("Unless the server itself crashed"), e.getMessage());
      assertEquals(List.of("1", "2", "3", "4"), db.changelogIds());
    }
  }

  @Test
  void aBaselineWithPgDumpsPsqlCommandsIsRefusedBeforeAnythingRuns() throws Exception {
    scripts.add("004_baseline_from_pg_dump.sql", "\\restrict 9xQ2\n\n" + LIKE_A_DUMP + "\n\n\\unrestrict 9xQ2",
        "DROP TABLE public.d;");
    assertRefusedBeforeAnythingRuns("004_baseline_from_pg_dump.sql line 2: \\restrict 9xQ2 is a psql command, not"
        + " SQL",
        "nothing ran: not the migrations before it either");
  }

  @Test
  void rowsThatOnlyPsqlCouldSendAreRefusedBeforeAnythingRuns() throws Exception {
    // pg_dump's data section without --inserts: the rows follow the COPY, up to a line "\."
    scripts.add("004_reference_data.sql", "CREATE TABLE public.symbols (symbol text);\n"
        + "COPY public.symbols (symbol) FROM stdin;\nAAPL\nMSFT\n\\.\n", "DROP TABLE public.symbols;");
    assertRefusedBeforeAnythingRuns("004_reference_data.sql line 3: COPY public.symbols (symbol) FROM stdin; needs"
        + " psql to send the rows that follow it",
        "nothing ran: not the migrations before it either");
  }

  @Test
  void aNoTransactionScriptsOwnSearchPathEndsWithIt() throws Exception {
    scripts.add("004_baseline_from_pg_dump.sql", "-- quantagent:no-transaction\n" + LIKE_A_DUMP,
        "DROP TABLE public.d;");
    scripts.add("005_after_it.sql", "create table seen_5" + SEEN, "drop table seen_5;");
    migrator().upgrade(new Target.Head());
    assertEquals(List.of("1", "2", "3", "4", "5"), db.changelogIds());
    assertEquals("\"$user\", public / 2s", db.value("select s from seen_5"));
  }

  @Test
  void postgresSyntaxThatMybatisAloneCannotRun() throws Exception {
    scripts.add("004_function_and_trigger.sql", """
        create table orders_audit (id bigint generated always as identity, note text not null);
        -- a function whose body has semicolons; and a string with one
        create function audit_a() returns trigger language plpgsql as $fn$
        begin
          insert into orders_audit (note) values ('inserted; id=' || new.id);
          return new;
        end;
        $fn$;
        create trigger a_audit after insert on a for each row execute function audit_a();
        insert into a values (42); drop table if exists not_there;
        """, """
        drop trigger a_audit on a;
        drop function audit_a();
        drop table orders_audit;
        delete from a where id = 42;
        """);
    migrator().upgrade(new Target.Head());
    assertEquals(List.of("inserted; id=42"), db.column("select note from orders_audit"));
    migrator().downgrade(new Target.Relative(1));
    assertEquals(List.of(), db.column("select proname from pg_proc where proname = 'audit_a'"));
  }

  @Test
  void aScriptSavedWithWindowsLineEndsKeepsItsDirectives() throws Exception {
    java.nio.file.Files.writeString(scripts.directory().resolve("004_seed.sql"), String.join("\r\n",
        "-- // seed", "insert into a values (1);", "-- //@UNDO", "-- quantagent:no-undo", ""));
    java.nio.file.Files.writeString(scripts.directory().resolve("005_index_a.sql"), String.join("\r\n",
        "-- // index a", "-- quantagent:no-transaction", "-- quantagent:lock-timeout 5s",
        "create index concurrently a_id on a (id);", "-- //@UNDO", "-- quantagent:no-transaction",
        "drop index concurrently a_id;", ""));
    List<String> lines = new java.util.ArrayList<>();
    Migrator migrator = new Migrator(db.connections(), scripts.source(), MigratorSettings.defaults(),
        Events.collecting(lines));
    assertEquals(5, migrator.upgrade(new Target.Head()).runs().size());
    assertEquals("t", db.value("select indisvalid from pg_index where indexrelid = 'a_id'::regclass"));
    assertFalse(lines.stream().anyMatch(l -> l.contains("looks unfinished")), String.join("\n", lines));
    assertEquals(1, migrator.downgrade(new Target.Relative(1)).runs().size());
    assertEquals("0", db.value("select count(*) from pg_class where relname = 'a_id'"));
    InvalidScriptException noUndo = assertThrows(InvalidScriptException.class,
        () -> migrator.downgrade(new Target.Relative(1)));
    assertTrue(noUndo.getMessage().contains("004_seed.sql: its -- //@UNDO part says -- quantagent:no-undo"),
        noUndo.getMessage());
  }

  @Test
  void aDatabaseWhoseTransactionsStartReadOnlyIsRefusedBeforeAnythingRuns() throws Exception {
    db.execute("alter database \"" + db.name() + "\" set default_transaction_read_only = on");
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class,
        () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains(": its transactions start read-only (default_transaction_read_only is on for"
        + " the server, the database or the user), so nothing could be written."), e.getMessage());
    assertEquals(List.of(), db.tables());

    db.execute("alter database \"" + db.name() + "\" reset default_transaction_read_only");
    assertEquals(3, migrator().upgrade(new Target.Head()).runs().size());
  }

  @Test
  void aStandbyIsRefusedBeforeAnythingRuns(StandbyServer standby) {
    Migrator onStandby = new Migrator(standby.connections(), scripts.source(), "changelog", EventLog.silent());
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class,
        () -> onStandby.upgrade(new Target.Head()));
    assertEquals("Refusing to migrate " + standby.jdbcUrl() + ": it is a standby (a read replica, in recovery), where"
        + " nothing can be written. Point -Dquantagent.url (or DATABASE_URL) at the primary.", e.getMessage());
  }

  /** Whether a replica has caught up is a question for current and history, asked of the replica itself. */
  @Test
  void theGoalsThatOnlyReadAnswerOnAStandby(StandbyServer standby) {
    Migrator onStandby = new Migrator(standby.connections(), scripts.source(), "changelog", EventLog.silent());
    assertEquals(Optional.empty(), onStandby.current().current());
    assertEquals(3, onStandby.history().size());
    assertEquals(3, onStandby.check().pending().size());
  }

  @Test
  void invalidChangelogTableNameIsRefused() {
    assertThrows(MigrationFailureException.class,
        () -> new Migrator(db.connections(), scripts.source(), "changelog; drop table a", EventLog.silent()));
  }
}
