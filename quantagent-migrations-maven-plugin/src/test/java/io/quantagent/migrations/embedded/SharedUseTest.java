package io.quantagent.migrations.embedded;

import static io.quantagent.migrations.embedded.TestSupport.BINARIES;
import static io.quantagent.migrations.embedded.TestSupport.alive;
import static io.quantagent.migrations.embedded.TestSupport.queryOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.WaitBound;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The development database is shared by every goal and process of a project: it stops when its last user ends,
 * never before, and a user that dies (kill -9, SIGTERM, an exit without close) neither stops it under the others nor
 * leaves it running for ever. Asserted by the postmaster's pid.
 */
@WaitBound
@ResourceLock(WaitBound.OWN_SERVERS)
class SharedUseTest {
  @TempDir Path project;

  @Test
  void twoGoalsInOneProcessShareOneServerUntilTheLastEnds() throws Exception {
    EmbeddedPostgres first = DevelopmentDatabase.start(project, BINARIES, EventLog.silent());
    long pid = first.pid();
    try (EmbeddedPostgres second = DevelopmentDatabase.start(project, BINARIES, EventLog.silent())) {
      assertTrue(second.reused());
      assertEquals(pid, second.pid());
      first.close();
      assertEquals("1", queryOne(second, "select 1"));
    }
    assertFalse(alive(pid), "the last user stops the server");
  }

  @Test
  void anotherProcessKeepsTheServerRunningUntilItEnds() throws Exception {
    try (ChildJvm other = ChildJvm.start("dev", project.toString(), "close-on-eof")) {
      long pid = other.awaitReady();
      try (EmbeddedPostgres mine = DevelopmentDatabase.start(project, BINARIES, EventLog.silent())) {
        assertTrue(mine.reused());
        assertEquals(pid, mine.pid());
      }
      assertTrue(alive(pid), "the other process still uses the server");
      other.endInput();
      assertEquals(0, other.awaitExit());
      assertFalse(alive(pid), "its last user has ended");
    }
  }

  @Test
  void aServerWhoseOnlyUserWasKilledIsJoinedAndStoppedByTheNext() throws Exception {
    long pid;
    try (ChildJvm killed = ChildJvm.start("dev", project.toString(), "wait")) {
      pid = killed.awaitReady();
      killed.kill();
    }
    assertTrue(alive(pid), "kill -9 runs no shutdown hook, so the server outlives its user");
    TestSupport.RecordingLog log = new TestSupport.RecordingLog();
    try (EmbeddedPostgres next = DevelopmentDatabase.start(project, BINARIES, log)) {
      assertTrue(next.reused());
      assertEquals(pid, next.pid());
      assertTrue(log.contains("Joining the PostgreSQL server already running on"), log.lines.toString());
    }
    assertFalse(alive(pid), "the next user was its last");
  }

  /** Maven that dies (a failed build's exit, SIGTERM from a terminal or a CI runner) still stops what it started. */
  @ParameterizedTest(name = "{0} server, {1}")
  @CsvSource({"dev, exit", "dev, sigterm", "throwaway, exit", "throwaway, sigterm"})
  void aProcessThatEndsWithoutClosingStopsItsServer(String kind, String end) throws Exception {
    Path dir = kind.equals("dev") ? project : project.resolve("data");
    try (ChildJvm user = ChildJvm.start(kind, dir.toString(), end.equals("exit") ? "exit" : "wait")) {
      long pid = user.awaitReady();
      if (end.equals("sigterm")) {
        user.terminate();
      } else {
        assertEquals(0, user.awaitExit());
      }
      assertFalse(alive(pid), "the shutdown hook stops the server");
    }
  }

  /**
   * SIGTERM (Ctrl-C, a CI job cancelled) while PostgreSQL starts: the postmaster runs in a session of its own and
   * never sees the signal, so the JVM's exit must stop it although the start has not finished. The data directory
   * holds the child in that window for as long as the test needs: a standby with hot_standby off never gets ready.
   */
  @ParameterizedTest(name = "{0} server")
  @ValueSource(strings = {"dev", "throwaway"})
  void aProcessEndedWhileItsServerStartsLeavesNoServer(String kind) throws Exception {
    Path dir = kind.equals("dev") ? project : project.resolve("data");
    Path data = kind.equals("dev") ? DevelopmentDatabase.dataDirectory(project) : dir;
    if (kind.equals("dev")) {
      DevelopmentDatabase.start(project, BINARIES, EventLog.silent()).close();
    } else {
      EmbeddedPostgres.start(EmbeddedPostgresSettings.persistent(BINARIES, data, "postgres", "secret", "postgres"),
          EventLog.silent()).close();
    }
    Files.writeString(data.resolve("standby.signal"), "");
    Files.writeString(data.resolve("postgresql.conf"), "\nhot_standby = off\n", StandardOpenOption.APPEND);
    try (ChildJvm user = ChildJvm.start(kind, dir.toString(), "wait")) {
      PostmasterPid launched = awaitLaunched(data, user);
      assertFalse(launched.ready(), "the start is still waiting for the server");
      user.terminate();
      assertFalse(alive(launched.pid()), "the shutdown hook stops the postmaster that the start launched");
    } finally {
      assertNoServerOn(data);
    }
  }

  /** A goal that starts a server while the JVM exits (its hook can no longer be registered) starts none. */
  @ParameterizedTest(name = "{0} server")
  @ValueSource(strings = {"dev", "throwaway"})
  void aStartWhileTheJvmExitsIsRefusedAndLeavesNoServer(String kind) throws Exception {
    Path dir = kind.equals("dev") ? project : project.resolve("data");
    Path data = kind.equals("dev") ? DevelopmentDatabase.dataDirectory(project) : dir;
    try (ChildJvm user = ChildJvm.start(kind, dir.toString(), "start-during-exit")) {
      String refused = user.awaitLine(Pattern.compile("(READY|REFUSED) .*")).group();
      assertEquals(0, user.awaitExit());
      assertTrue(refused.contains("this JVM is shutting down"), refused);
    } finally {
      assertNoServerOn(data);
    }
  }

  /** The postmaster that {@code user} launched on {@code data}, as soon as its postmaster.pid names it. */
  private static PostmasterPid awaitLaunched(Path data, ChildJvm user) throws InterruptedException {
    while (true) {
      Optional<PostmasterPid> launched = PostmasterPid.running(data);
      if (launched.isPresent()) {
        return launched.get();
      }
      assertTrue(user.process().isAlive(), "the child ended before it launched PostgreSQL");
      Thread.sleep(5); // polling for the event (the postmaster's pid file), not timing
    }
  }

  /** Fails when a postgres runs on {@code data}, after stopping it: a failed test leaves no server either. */
  private static void assertNoServerOn(Path data) throws Exception {
    if (!Files.isDirectory(data)) {
      return;
    }
    List<Long> left = TestSupport.postgresOn(data);
    left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    assertEquals(List.of(), left, "postgres processes left running on " + data);
  }
}
