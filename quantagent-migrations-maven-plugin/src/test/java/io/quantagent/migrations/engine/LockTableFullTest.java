package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A run whose transaction locks more than the server's lock table holds, which every session of the fixture's server
 * shares: so nothing else runs beside these tests ({@code @Isolated}), and the fixture's own background work ends
 * first. Advisory locks stand in for the tables, indexes and partitions a long history creates: each takes one slot.
 */
@Isolated
@ExtendWith(PostgresFixture.class)
class LockTableFullTest {
  private static final String FILL_THE_LOCK_TABLE = lockKeys(1000, 10_000_000);

  private TestDatabase db;
  private Scripts scripts;

  @BeforeEach
  void threeSmallMigrationsAndOneThatLocksTooMuch(TestDatabase db, @TempDir Path dir) {
    this.db = db;
    scripts = new Scripts(dir)
        .add("001_lock_a_few.sql", lockKeys(1, 10), "select 1;")
        .add("002_lock_a_few.sql", lockKeys(11, 20), "select 1;")
        .add("003_lock_a_few.sql", lockKeys(21, 30), "select 1;")
        .add("004_lock_too_many.sql", FILL_THE_LOCK_TABLE, "select 1;");
    db.server().awaitHousekeeping();
  }

  private static String lockKeys(int first, int last) {
    return "select count(pg_advisory_xact_lock(k)) from generate_series(" + first + ", " + last + ") k;";
  }

  private Migrator migrator() {
    return new Migrator(db.connections(), scripts.source(), "changelog", EventLog.silent());
  }

  @Test
  void aGroupThatOutgrowsTheLockTableSaysHowManyFittedAndHowToApplyThemInParts() throws Exception {
    RunnerSettings all = RunnerSettings.defaults().withTransaction(TransactionMode.ALL);
    ScriptFailedException e = assertThrows(ScriptFailedException.class,
        () -> migrator().withRunner(all).upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("[SQLSTATE 53200]"), e.getMessage());
    assertTrue(e.getMessage().contains("The server's lock table is full."), e.getMessage());
    assertTrue(e.getMessage().contains("Its transaction, shared by the run's migrations (-Dquantagent.transaction=all),"
        + " held the locks of all of them; the 3 before this one fitted. Run without -Dquantagent.transaction=all (each"
        + " migration then commits on its own and frees its locks), or in parts of at most 3 (-Dtarget=+3 while more"
        + " than 3 are pending, then the command you ran), or raise max_locks_per_transaction (the server must restart to take it), then run the same"
        + " mvn quantagent:upgrade command again."), e.getMessage());
    assertFalse(e.getMessage().contains("Fix the script"), "the scripts are right: " + e.getMessage());
    assertEquals(List.of(), db.tables(), "all or nothing: not even the changelog");

    scripts.add("004_lock_too_many.sql", "select 1;", "select 1;");
    assertEquals(4, migrator().withRunner(all).upgrade(new Target.Head()).runs().size(),
        "the lock table is free again once the group is rolled back");
  }

  @Test
  void aMigrationThatAloneOutgrowsTheLockTableSaysToSplitIt() throws Exception {
    ScriptFailedException e = assertThrows(ScriptFailedException.class, () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("The server's lock table is full."), e.getMessage());
    assertTrue(e.getMessage().contains("This migration took more than was free: split 004_lock_too_many.sql into"
        + " migrations that each lock fewer tables (mvn quantagent:create), or raise max_locks_per_transaction (the"
        + " server must restart to take it), then run the same mvn quantagent:upgrade command again."),
        e.getMessage());
    assertFalse(e.getMessage().contains("Fix the script"), e.getMessage());
    assertEquals(List.of("1", "2", "3"), db.changelogIds());
  }
}
