package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Separate JVM processes against one database: the advisory lock, and a SIGKILL in the middle of a migration. */
@ExtendWith(PostgresFixture.class)
class ConcurrencyTest {

  @Test
  void eightUpgradesAtOnceApplyEachMigrationExactlyOnce(TestDatabase db, @TempDir Path dir) throws Exception {
    Scripts scripts = new Scripts(dir);
    for (int i = 1; i <= 5; i++) {
      // Plain CREATE TABLE: a second application would fail, and so would its process.
      scripts.add("00" + i + "_create_t" + i + ".sql", "create table t" + i + " (id int);\nselect pg_sleep(0.1);",
          "drop table t" + i + ";");
    }
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      processes.add(UpgradeProcess.command(db, dir).start());
    }
    int appliedInTotal = 0;
    for (Process process : processes) {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), "an upgrade process hung:\n" + output);
      assertEquals(0, process.exitValue(), output);
      appliedInTotal += Integer.parseInt(output.replaceAll("(?s).*RESULT applied (\\d+).*", "$1"));
    }
    assertEquals(5, appliedInTotal, "every migration applied by exactly one process");
    assertEquals(List.of("1", "2", "3", "4", "5"), db.changelogIds());
  }

  @Test
  void aKilledUpgradeLeavesNothingOfItsMigrationAndNoLock(TestDatabase db, @TempDir Path dir) throws Exception {
    Scripts scripts = new Scripts(dir)
        .add("001_create_a.sql", "create table a (id int);", "drop table a;")
        .add("002_slow.sql", "create table b (id int);\nselect pg_sleep(300);\ncreate table c (id int);",
            "drop table c;\ndrop table b;");
    Process upgrade = UpgradeProcess.command(db, dir).start();
    awaitCondition(db, "select count(*) from pg_stat_activity where query like 'select pg_sleep(300)%'");
    upgrade.destroyForcibly();
    upgrade.waitFor();
    awaitCondition(db, "select count(*) = 0 from pg_stat_activity where query like 'select pg_sleep(300)%'");

    assertEquals(List.of("0"), db.column("select count(*) from pg_locks where locktype = 'advisory'"));
    assertEquals(List.of("1"), db.changelogIds());
    assertEquals(List.of("a", "changelog"), db.tables(), "nothing of the killed migration");

    scripts.add("002_slow.sql", "create table b (id int);\ncreate table c (id int);", "drop table c;\ndrop table b;");
    Process again = UpgradeProcess.command(db, dir).start();
    String output = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, again.waitFor(), output);
    assertEquals(List.of("1", "2"), db.changelogIds());
  }

  /** Polls until the query's first value is true or non-zero; a deadline only turns a hang into a failure. */
  private static void awaitCondition(TestDatabase db, String query) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      String value = db.column(query).get(0);
      if ("t".equals(value) || "true".equals(value) || (!"0".equals(value) && !"f".equals(value) && !"false".equals(value))) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("never true: " + query);
      }
      Thread.onSpinWait();
    }
  }
}
