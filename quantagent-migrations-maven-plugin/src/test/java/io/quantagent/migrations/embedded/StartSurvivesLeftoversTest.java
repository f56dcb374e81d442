package io.quantagent.migrations.embedded;

import static io.quantagent.migrations.embedded.TestSupport.BINARIES;
import static io.quantagent.migrations.embedded.TestSupport.alive;
import static io.quantagent.migrations.embedded.TestSupport.queryOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.WaitBound;
import java.net.JarURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** What a killed build, a reboot or a race leaves behind does not break the next start, and is cleaned up by it. */
@WaitBound
@ResourceLock(WaitBound.OWN_SERVERS)
class StartSurvivesLeftoversTest {
  /** Only turns a hang into a failure. */
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  @TempDir Path project;

  @Test
  void aStalePostmasterPidOfAnotherLivePostgresIsNotTrusted() throws Exception {
    DevelopmentDatabase.start(project, BINARIES, EventLog.silent()).close();
    Path data = DevelopmentDatabase.dataDirectory(project);
    try (EmbeddedPostgres other = EmbeddedPostgres.start(
        EmbeddedPostgresSettings.throwaway(BINARIES, project.resolve("other")), EventLog.silent())) {
      // As after a reboot: the pid in our file now belongs to an unrelated PostgreSQL.
      Files.copy(other.dataDirectory().resolve("postmaster.pid"), data.resolve("postmaster.pid"));
      try (EmbeddedPostgres dev = DevelopmentDatabase.start(project, BINARIES, EventLog.silent())) {
        assertFalse(dev.reused());
        assertNotEquals(other.pid(), dev.pid());
        assertEquals(data.toString(), queryOne(dev, "show data_directory"));
      }
      assertTrue(alive(other.pid()), "the other server was left alone");
    }
  }

  /**
   * After a wall-clock step (a laptop's sleep, a resumed VM, WSL2) the start time this JVM computes for a running
   * postmaster is an hour off from the one in its file: it is still the server running on its data directory.
   */
  @Test
  void aRunningServerIsRecognisedWhateverTheClockSaysOfItsStart() throws Exception {
    try (EmbeddedPostgres server = EmbeddedPostgres.start(
        EmbeddedPostgresSettings.throwaway(BINARIES, project.resolve("data")), EventLog.silent())) {
      Path pidFile = server.dataDirectory().resolve("postmaster.pid");
      List<String> lines = new ArrayList<>(Files.readAllLines(pidFile));
      lines.set(2, String.valueOf(Long.parseLong(lines.get(2).strip()) - 3600));
      Files.write(pidFile, lines);
      assertEquals(Optional.of(server.pid()), PostmasterPid.running(server.dataDirectory()).map(PostmasterPid::pid));
    }
  }

  @Test
  void aStalePostmasterPidOfALiveNonPostgresProcessIsRemoved() throws Exception {
    DevelopmentDatabase.start(project, BINARIES, EventLog.silent()).close();
    Path pidFile = DevelopmentDatabase.dataDirectory(project).resolve("postmaster.pid");
    // A live process that is no postgres (and not postgres's parent, whose pid PostgreSQL knows to be stale):
    // PostgreSQL itself refuses to start while the pid in the file lives.
    Process sleeper = new ProcessBuilder("sleep", "600").start();
    try {
      Files.writeString(pidFile, sleeper.pid() + "\n" + DevelopmentDatabase.dataDirectory(project)
          + "\n1700000000\n5432\n\n127.0.0.1\n  1234  5678\nready\n");
      try (EmbeddedPostgres dev = DevelopmentDatabase.start(project, BINARIES, EventLog.silent())) {
        assertFalse(dev.reused());
        assertEquals("1", queryOne(dev, "select 1"));
      }
    } finally {
      sleeper.destroyForcibly();
    }
  }

  @Test
  void aStagingDirectoryOfADeadProcessIsDeletedByTheNextStart() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    long startMillis = gone.info().startInstant().map(i -> i.toEpochMilli()).orElse(1L);
    Path leftover = Files.createDirectories(project.resolve(".quantagent/.pgdata.staging-" + gone.pid() + "-"
        + startMillis + "-1/base"));
    Files.writeString(leftover.resolve("half-copied"), "x");
    DevelopmentDatabase.start(project, BINARIES, EventLog.silent()).close();
    assertEquals(List.of(), stagingIn(project.resolve(".quantagent")));
  }

  /** kill -9 of the first user while initdb makes the version's cluster template: the next start finishes the job. */
  @Test
  void aKillDuringInitdbLeavesNothingBehindAfterTheNextStart() throws Exception {
    Path tmp = Files.createDirectories(project.resolve("tmp"));
    Path cache = tmp.resolve(ArchiveExtractor.defaultCacheRoot().getFileName());
    Path other = project.resolve("first");
    try (ChildJvm first = ChildJvm.start(List.of(), List.of("-Djava.io.tmpdir=" + tmp),
        String.join(java.io.File.pathSeparator, ChildJvm.classpath()), "dev", other.toString(), "wait")) {
      List<ProcessHandle> initdb = awaitInitdb(first, cache);
      first.kill();
      for (ProcessHandle p : initdb) { // it was the killed JVM's child; let it finish writing before we look
        p.onExit().get(DEADLINE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
      }
    }
    assertFalse(stagingIn(cache).isEmpty(), "the kill should have hit initdb, leaving its staging directory");
    try (EmbeddedPostgres next = DevelopmentDatabase.start(other, PostgresBinaries.fromArchive(zonkyJar(), cache),
        EventLog.silent())) {
      assertEquals("1", queryOne(next, "select 1"));
    }
    assertEquals(List.of(), stagingIn(cache));
    assertEquals(List.of(), stagingIn(other.resolve(".quantagent")));
  }

  private static List<ProcessHandle> awaitInitdb(ChildJvm jvm, Path cache) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      List<ProcessHandle> initdb = jvm.process().descendants()
          .filter(p -> p.info().commandLine().map(c -> c.contains("initdb")).orElse(false)).toList();
      if (!initdb.isEmpty() && !stagingIn(cache).isEmpty()) {
        return jvm.process().descendants().toList();
      }
      if (!jvm.process().isAlive()) {
        throw new AssertionError("the first user ended before initdb ran");
      }
      Thread.sleep(5); // polling for the event (initdb running), not timing
    }
    throw new AssertionError("initdb did not start within " + DEADLINE);
  }

  private static List<Path> stagingIn(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(p -> p.getFileName().toString().contains(".staging-")).toList();
    }
  }

  private static Path zonkyJar() throws Exception {
    var url = StartSurvivesLeftoversTest.class.getClassLoader().getResource(Platform.current().archiveName());
    return Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
  }
}
