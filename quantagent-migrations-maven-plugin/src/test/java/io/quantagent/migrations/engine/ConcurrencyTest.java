package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.testing.Await;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import io.quantagent.migrations.testing.ThreadPerTask;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Separate JVM processes against one database: the advisory lock, and a SIGKILL in the middle of a migration. */
@ExtendWith(PostgresFixture.class)
class ConcurrencyTest {
  private static final int PROCESSES = 8;
  private static final long BARRIER = 4242;

  /**
   * The first migration waits at a barrier the test holds (an advisory lock of its own) until every other process
   * has said it found the run lock taken and waits: so all eight overlap, by construction.
   */
  @Test
  void eightUpgradesAtOnceApplyEachMigrationExactlyOnce(TestDatabase db, @TempDir Path dir) throws Exception {
    Scripts scripts = new Scripts(dir).add("001_create_t1.sql", "-- quantagent:lock-timeout off\n"
        + "create table t1 (id int);\nselect pg_advisory_xact_lock_shared(" + BARRIER + ");", "drop table t1;");
    for (int i = 2; i <= 5; i++) {
      // Plain CREATE TABLE: a second application would fail, and so would its process.
      scripts.add("00" + i + "_create_t" + i + ".sql", "create table t" + i + " (id int);", "drop table t" + i + ";");
    }
    CountDownLatch othersWaiting = new CountDownLatch(PROCESSES - 1);
    List<CompletableFuture<String>> outputs = new ArrayList<>();
    List<Process> processes = new ArrayList<>();
    try (Connection barrier = db.connect(); Statement b = barrier.createStatement()) {
      b.execute("select pg_advisory_lock(" + BARRIER + ")");
      for (int i = 0; i < PROCESSES; i++) {
        Process process = UpgradeProcess.command(db, dir).start();
        processes.add(process);
        outputs.add(CompletableFuture.supplyAsync(() -> read(process, othersWaiting), ThreadPerTask.EXECUTOR));
      }
      assertTrue(othersWaiting.await(120, TimeUnit.SECONDS), "not every other process waited for the run lock");
      b.execute("select pg_advisory_unlock(" + BARRIER + ")");
    }
    int appliedInTotal = 0;
    int waited = 0;
    for (int i = 0; i < PROCESSES; i++) {
      String output = outputs.get(i).get(120, TimeUnit.SECONDS);
      assertTrue(processes.get(i).waitFor(120, TimeUnit.SECONDS), "an upgrade process hung:\n" + output);
      assertEquals(0, processes.get(i).exitValue(), output);
      appliedInTotal += Integer.parseInt(output.replaceAll("(?s).*RESULT applied (\\d+).*", "$1"));
      waited += output.contains("INFO Waiting for another migration run") ? 1 : 0;
    }
    assertEquals(PROCESSES - 1, waited, "every process but the first found the lock held and waited");
    assertEquals(5, appliedInTotal, "every migration applied by exactly one process");
    assertEquals(List.of("1", "2", "3", "4", "5"), db.changelogIds());
  }

  private static String read(Process process, CountDownLatch waiting) {
    StringBuilder output = new StringBuilder();
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        output.append(line).append('\n');
        if (line.startsWith("INFO Waiting for another migration run")) {
          waiting.countDown();
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return output.toString();
  }

  /**
   * The killed client's backend is gone long before its hour-long statement could end: PostgreSQL notices the
   * closed socket (client_connection_check_interval), rolls back and drops the run lock.
   */
  @Test
  void aKilledUpgradeLeavesNothingOfItsMigrationAndNoLock(TestDatabase db, @TempDir Path dir) throws Exception {
    Scripts scripts = new Scripts(dir)
        .add("001_create_a.sql", "create table a (id int);", "drop table a;")
        .add("002_slow.sql", "create table b (id int);\nselect pg_sleep(3600);\ncreate table c (id int);",
            "drop table c;\ndrop table b;");
    killDuringItsSleep(db, dir);

    // This database's only: the server is shared with other tests' databases.
    assertEquals(List.of("0"), db.column("select count(*) from pg_locks where locktype = 'advisory'"
        + " and database = (select oid from pg_database where datname = current_database())"));
    assertEquals(List.of("1"), db.changelogIds());
    assertEquals(List.of("a", "changelog"), db.tables(), "nothing of the killed migration");

    scripts.add("002_slow.sql", "create table b (id int);\ncreate table c (id int);", "drop table c;\ndrop table b;");
    Process again = UpgradeProcess.command(db, dir).start();
    String output = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, again.waitFor(), output);
    assertEquals(List.of("1", "2"), db.changelogIds());
  }

  /** Runs upgrade in a process of its own, kills it in its {@code pg_sleep(3600)}, awaits its backend's exit. */
  private static void killDuringItsSleep(TestDatabase db, Path dir) throws Exception {
    Process upgrade = UpgradeProcess.command(db, dir).start();
    Await.until(db, "select count(*) from pg_stat_activity where query like 'select pg_sleep(3600)%'"
        + " and datname = current_database()");
    String pid = db.value("select pid from pg_stat_activity where query like 'select pg_sleep(3600)%'"
        + " and datname = current_database()");
    upgrade.destroyForcibly();
    upgrade.waitFor();
    Await.until(db, "select count(*) = 0 from pg_stat_activity where pid = " + pid);
  }

  /**
   * A first migration without a transaction, killed part way, leaves its first table beside the changelog committed
   * before it, empty, as a restore of pg_dump --schema-only of a database at that migration would: the changelog's mark
   * tells them apart, and the next upgrade runs the script again, saying why.
   */
  @Test
  void aKilledFirstMigrationWithoutATransactionRunsAgain(TestDatabase db, @TempDir Path dir) throws Exception {
    Scripts scripts = new Scripts(dir)
        .add("001_create_a.sql", "-- quantagent:no-transaction\ncreate table if not exists a (id int);\n"
            + "select pg_sleep(3600);", "drop table a;")
        .add("002_create_b.sql", "create table b (id int);", "drop table b;");
    killDuringItsSleep(db, dir);
    assertEquals(List.of("a", "changelog"), db.tables());
    assertEquals(List.of(), db.changelogIds());

    scripts.add("001_create_a.sql", "-- quantagent:no-transaction\ncreate table if not exists a (id int);",
        "drop table a;");
    Process again = UpgradeProcess.command(db, dir).start();
    String output = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, again.waitFor(), output);
    assertTrue(output.contains("WARN 001_create_a.sql, the first migration, did not finish in an earlier run"), output);
    assertEquals(List.of("1", "2"), db.changelogIds());
  }
}
