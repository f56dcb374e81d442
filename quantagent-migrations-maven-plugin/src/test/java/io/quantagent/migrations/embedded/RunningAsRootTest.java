package io.quantagent.migrations.embedded;

import static io.quantagent.migrations.embedded.TestSupport.BINARIES;
import static io.quantagent.migrations.embedded.TestSupport.alive;
import static io.quantagent.migrations.embedded.TestSupport.postmasterPid;
import static io.quantagent.migrations.embedded.TestSupport.queryOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.Prerequisite;
import io.quantagent.migrations.testing.WaitBound;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The paths a root user takes (this machine and CI run as root); skipped for everyone else. */
@WaitBound
@ResourceLock(WaitBound.OWN_SERVERS)
class RunningAsRootTest {
  @TempDir Path dir;

  @BeforeEach
  void onlyAsRoot() {
    Prerequisite.require(RootCheck.isRoot(), "root (these tests cover what a root user's build does; CI runs as root)");
  }

  @Test
  void asRootTheUserNamespaceIsChosenWhenItWorks() throws Exception {
    Prerequisite.require(ProcessRunner.run(List.of("unshare", "-U", "true"), Duration.ofSeconds(20)).succeeded(),
        "user namespaces (unshare -U), which this host blocks");
    Path data = dir.resolve("data");
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(EmbeddedPostgresSettings.throwaway(BINARIES, data),
        EventLog.silent())) {
      assertEquals(Optional.of(PrivilegeMode.USER_NAMESPACE), pg.privilegeMode());
      assertEquals("1", queryOne(pg, "select 1"));
      assertEquals(0, (int) Files.getAttribute(data.resolve("PG_VERSION"), "unix:uid")); // still root's files
    }
    assertFalse(Files.exists(data));
  }

  @Test
  void setprivRunsTheServerAsNobodyAndStopsIt() throws Exception {
    FileTrees.setMode(dir, 0711); // nobody must be able to walk to the data directory
    Path data = dir.resolve("data");
    long pid;
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(EmbeddedPostgresSettings.throwaway(BINARIES, data)
        .withPrivilegeMode(PrivilegeMode.SETPRIV).withDatabase("app"), EventLog.silent())) {
      assertEquals(Optional.of(PrivilegeMode.SETPRIV), pg.privilegeMode());
      assertEquals("app", queryOne(pg, "select current_database()"));
      pid = postmasterPid(pg);
      assertEquals(RootCheck.nobodyIds()[0], (int) Files.getAttribute(Path.of("/proc/" + pid), "unix:uid"));
    }
    assertFalse(alive(pid));
    assertFalse(Files.exists(data));
  }

  @Test
  void aPersistentDirectoryMovesBetweenSetprivAndTheUserNamespace() throws Exception {
    Prerequisite.require(ProcessRunner.run(List.of("unshare", "-U", "true"), Duration.ofSeconds(20)).succeeded(),
        "user namespaces (unshare -U), which this host blocks");
    FileTrees.setMode(dir, 0711);
    EmbeddedPostgresSettings settings = EmbeddedPostgresSettings.persistent(BINARIES, dir.resolve("data"), "app",
        "secret", "app");
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(settings.withPrivilegeMode(PrivilegeMode.SETPRIV),
        EventLog.silent())) {
      TestSupport.execute(pg, "create table t as select 42 as v");
    }
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(settings, EventLog.silent())) {
      assertEquals(Optional.of(PrivilegeMode.USER_NAMESPACE), pg.privilegeMode());
      assertEquals("42", queryOne(pg, "select v from t"));
    }
  }

  @Test
  void setprivExplainsADataDirectoryNobodyCannotReach() throws Exception {
    FileTrees.setMode(dir, 0700);
    EmbeddedPostgresException e = assertThrows(EmbeddedPostgresException.class, () -> EmbeddedPostgres.start(
        EmbeddedPostgresSettings.throwaway(BINARIES, dir.resolve("data")).withPrivilegeMode(PrivilegeMode.SETPRIV),
        EventLog.silent()));
    assertTrue(e.getMessage().contains("nobody cannot enter " + dir), e.getMessage());
    assertTrue(e.getMessage().contains("chmod o+x " + dir), e.getMessage());
  }

  @Test
  void whenUnshareFailsSetprivIsChosen() throws Exception {
    Launcher.Tools blocked = new Launcher.Tools(failing("unshare", "unshare: unshare failed: Operation not permitted"),
        "setpriv");
    TestSupport.RecordingLog log = new TestSupport.RecordingLog();
    Launcher launcher = Launcher.choose(PrivilegeMode.AUTO, postgres(), blocked, log, "Linux", true);
    assertEquals(PrivilegeMode.SETPRIV, launcher.mode());
    assertTrue(log.contains("runs as user nobody"), log.lines.toString());
    ProcessRunner.Result id = ProcessRunner.run(launcher.command(List.of("id", "-u")), Duration.ofSeconds(20));
    assertEquals(String.valueOf(RootCheck.nobodyIds()[0]), id.output().strip());
  }

  @Test
  void whenNeitherWorksTheMessageNamesBothCausesAndTheFixes() throws Exception {
    Launcher.Tools blocked = new Launcher.Tools(failing("unshare", "unshare: unshare failed: Operation not permitted"),
        failing("setpriv", "setpriv: setresuid failed: Operation not permitted"));
    EmbeddedPostgresException e = assertThrows(EmbeddedPostgresException.class,
        () -> Launcher.choose(PrivilegeMode.AUTO, postgres(), blocked, EventLog.silent(), "Linux", true));
    assertTrue(e.getMessage().contains("unshare: unshare failed: Operation not permitted"), e.getMessage());
    assertTrue(e.getMessage().contains("setpriv: setresuid failed: Operation not permitted"), e.getMessage());
    assertTrue(e.getMessage().contains("run Maven as a non-root user"), e.getMessage());
    assertTrue(e.getMessage().contains("-Dquantagent.url"), e.getMessage());
  }

  /** docker run --user 12345, OpenShift: a uid with no passwd entry, whose user.name is "?". */
  @Test
  void theDevelopmentDatabaseWorksForAUidWithoutAPasswdEntry() throws Exception {
    int uid = 12345;
    assertTrue(Files.readAllLines(Path.of("/etc/passwd")).stream().noneMatch(l -> l.split(":")[2].equals("" + uid)));
    FileTrees.setMode(dir, 0755);
    Path classes = Files.createDirectories(dir.resolve("classpath"));
    List<String> classpath = new java.util.ArrayList<>();
    for (String entry : ChildJvm.classpath()) { // ours lies under /root, which that uid cannot enter
      Path copy = classes.resolve(classpath.size() + "-" + Path.of(entry).getFileName());
      ProcessRunner.run(List.of("cp", "-r", entry, copy.toString()), Duration.ofMinutes(1));
      classpath.add(copy.toString());
    }
    ProcessRunner.run(List.of("chmod", "-R", "a+rX", classes.toString()), Duration.ofMinutes(1));
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path project = Files.createDirectories(dir.resolve("project"));
    for (Path p : List.of(tmp, project)) {
      Files.setAttribute(p, "unix:uid", uid);
      Files.setAttribute(p, "unix:gid", uid);
    }
    try (ChildJvm user = ChildJvm.start(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups"),
        List.of("-Djava.io.tmpdir=" + tmp), String.join(java.io.File.pathSeparator, classpath), "dev",
        project.toString(), "close-on-eof")) {
      long pid = user.awaitReady();
      assertEquals(uid, (int) Files.getAttribute(Path.of("/proc/" + pid), "unix:uid"));
      user.endInput();
      assertEquals(0, user.awaitExit());
      assertFalse(alive(pid));
    }
    assertEquals(uid, (int) Files.getAttribute(tmp.resolve("quantagent-postgres-" + uid), "unix:uid"));
    assertTrue(Files.exists(project.resolve(".quantagent/pgdata/PG_VERSION")));
  }

  private String failing(String name, String message) throws Exception {
    Path script = Files.createDirectories(dir.resolve("bin")).resolve(name);
    Files.writeString(script, "#!/bin/sh\necho '" + message + "' >&2\nexit 1\n");
    FileTrees.setMode(script, 0755);
    return script.toAbsolutePath().toString();
  }

  private static Path postgres() {
    return PostgresBinaries.executable(BINARIES.binDirectory(EventLog.silent()), "postgres");
  }
}
