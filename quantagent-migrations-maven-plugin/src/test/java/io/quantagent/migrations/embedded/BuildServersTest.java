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
import java.time.Instant;
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
    assertEquals(List.of(), others(parent), "nothing but this build's lock file, held until it exits");
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
      assertEquals(List.of(next.dataDirectory()), others(parent), "only the new build's directory");
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
      assertEquals(1, others(parent).size(), "only the new goal's directory: " + others(parent));
    }
    try (Stream<Path> left = Files.list(target)) {
      assertEquals(List.of(parent), left.toList(), "no scratch directory beside the servers' parent");
    }
  }

  /**
   * A wall clock stepped since a build started (a laptop's sleep, a resumed VM, WSL2) moves the start time another JVM
   * computes for it by minutes or hours. The build is alive by the lock it holds, whatever its start time says; once
   * killed, its server is still stopped and its directory deleted.
   */
  @Test
  void aLiveBuildWhoseStartTimeLooksAnHourOffKeepsItsServerUntilItIsKilled() throws Exception {
    Path parent = target.resolve("quantagent-postgres");
    try (ChildJvm live = ChildJvm.start("build", parent.toString(), "wait")) {
      long server = live.awaitReady();
      // Its files renamed to the start time this JVM would compute for it after the step: an hour earlier.
      Path recorded = others(parent).stream().filter(Files::isDirectory).findFirst().orElseThrow();
      OwnerProcess owner = OwnerProcess.fromSuffix(recorded.getFileName().toString(), "").orElseThrow();
      OwnerProcess stepped = new OwnerProcess(owner.pid(), owner.startMillis() - 3_600_000);
      Path data = Files.move(recorded, parent.resolve(stepped.tag() + "-1"));
      Files.move(parent.resolve(owner.tag() + ".lock"), parent.resolve(stepped.tag() + ".lock"));
      try (EmbeddedPostgres next = BuildServers.start(BINARIES, parent, "app", 0, EventLog.silent())) {
        assertTrue(alive(server), "the live build's server runs on");
        assertTrue(Files.exists(data.resolve("PG_VERSION")), "and keeps its data");
      }
      live.kill();
      try (EmbeddedPostgres next = BuildServers.start(BINARIES, parent, "app", 0, EventLog.silent())) {
        assertFalse(alive(server), "killed, its server is stopped by the next start");
        assertEquals(List.of(next.dataDirectory()), others(parent), "and its directory and lock file deleted");
      }
    }
  }

  /** Directories an older plugin made have no lock file: their owner's pid and start time still tell. */
  @Test
  void aDirectoryWithoutALockFileIsJudgedByItsOwnersPidAndStartTime() throws Exception {
    Path parent = Files.createDirectories(target.resolve("quantagent-postgres"));
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    Process running = new ProcessBuilder("sleep", "600").start();
    try {
      Path ofEnded = Files.createDirectory(parent.resolve(tagOf(ended) + "-1"));
      Path ofRunning = Files.createDirectory(parent.resolve(tagOf(running) + "-1"));
      try (EmbeddedPostgres next = BuildServers.start(BINARIES, parent, "app", 0, EventLog.silent())) {
        assertFalse(Files.exists(ofEnded), "the directory of an ended process is deleted");
        assertTrue(Files.exists(ofRunning), "a running one's is kept");
      }
    } finally {
      running.destroyForcibly();
    }
  }

  /** An ended process's start time is no longer known; any will do, its pid runs no more. */
  private static String tagOf(Process process) {
    return new OwnerProcess(process.pid(), process.info().startInstant().map(Instant::toEpochMilli).orElse(1L)).tag();
  }

  /** What is in {@code parent} but this JVM's own lock file. */
  private static List<Path> others(Path parent) throws Exception {
    Path own = parent.resolve(OwnerProcess.current().tag() + ".lock");
    try (Stream<Path> left = Files.list(parent)) {
      return left.filter(p -> !p.equals(own)).sorted().toList();
    }
  }
}
