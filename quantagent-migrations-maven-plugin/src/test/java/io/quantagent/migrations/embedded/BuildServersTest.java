package io.quantagent.migrations.embedded;

import static io.quantagent.migrations.embedded.TestSupport.BINARIES;
import static io.quantagent.migrations.embedded.TestSupport.alive;
import static io.quantagent.migrations.embedded.TestSupport.queryOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.schema.ConfiguredScratchDatabases;
import io.quantagent.migrations.schema.ScratchDatabases;
import io.quantagent.migrations.testing.WaitBound;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * quantagent:start's servers and the scratch servers: one per build, side by side in one checkout; a killed build's is
 * cleaned up.
 */
@WaitBound
@ResourceLock(WaitBound.OWN_SERVERS)
class BuildServersTest {
  @TempDir Path target;

  @Test
  void twoBuildsServersLiveSideBySide() throws Exception {
    Path parent = target.resolve("quantagent-postgres");
    try (EmbeddedPostgres one = BuildServers.start(BINARIES, parent, "app", 0, EventLog.silent());
        EmbeddedPostgres two = BuildServers.start(BINARIES, parent, "app", 0, EventLog.silent())) {
      assertNotEquals(one.dataDirectory(), two.dataDirectory());
      assertEquals(parent, one.dataDirectory().getParent());
      assertEquals("app", queryOne(one, "select current_database()"));
      assertEquals("app", queryOne(two, "select current_database()"));
      two.close();
      assertEquals("1", queryOne(one, "select 1"));
    }
    try (Stream<Path> left = Files.list(parent)) {
      assertEquals(0, left.count());
    }
  }

  @Test
  void thePasswordFileIsReadableByItsOwnerOnlyAndGoesWithTheServer() throws Exception {
    Path file;
    try (EmbeddedPostgres server = BuildServers.start(BINARIES, target.resolve("quantagent-postgres"), "app", 0,
        EventLog.silent())) {
      file = BuildServers.writePasswordFile(server);
      assertEquals(server.password(), Files.readString(file).strip());
      if (FileTrees.isPosix()) {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      }
    }
    assertFalse(Files.exists(file), "stop deletes it with the data directory");
  }

  @Test
  void theServerOfAKilledBuildIsStoppedByTheNextBuildsStart() throws Exception {
    Path parent = target.resolve("quantagent-postgres");
    long orphan;
    try (ChildJvm killed = ChildJvm.start("build", parent.toString(), "wait")) {
      orphan = killed.awaitReady();
      killed.kill();
    }
    assertTrue(alive(orphan), "kill -9 runs no shutdown hook, so the server outlives its build");
    try (EmbeddedPostgres next = BuildServers.start(BINARIES, parent, "app", 0, EventLog.silent())) {
      assertFalse(alive(orphan));
      try (Stream<Path> left = Files.list(parent)) {
        assertEquals(1, left.count(), "only the new build's directory");
      }
    }
  }

  @Test
  void theScratchServerOfAKilledGoalIsStoppedByTheNextGoalsScratchServer() throws Exception {
    Path parent = target.resolve("quantagent-scratch");
    long orphan;
    try (ChildJvm killed = ChildJvm.start("scratch", target.toString(), "wait")) {
      orphan = killed.awaitReady();
      long child = killed.process().pid();
      // What a kill during the copy of a new cluster leaves (ClusterInitializer's staging directory).
      String owner = new OwnerProcess(child, Processes.startInstant(child).orElseThrow().toEpochMilli()).tag();
      Files.createDirectories(parent.resolve("." + owner + "-2.staging-" + owner + "-1").resolve("base"));
      killed.kill();
    }
    assertTrue(alive(orphan), "kill -9 runs no shutdown hook, so the scratch server outlives its goal");
    ScratchDatabases scratch = new ConfiguredScratchDatabases(null, major -> BINARIES, target, EventLog.silent());
    try (ScratchDatabases.Scratch next = scratch.create(17)) {
      assertFalse(alive(orphan));
      try (Stream<Path> left = Files.list(parent)) {
        assertEquals(1, left.count(), "only the new goal's directory");
      }
    }
    try (Stream<Path> left = Files.list(target)) {
      assertEquals(List.of(parent), left.toList(), "no scratch directory beside the servers' parent");
    }
  }
}
