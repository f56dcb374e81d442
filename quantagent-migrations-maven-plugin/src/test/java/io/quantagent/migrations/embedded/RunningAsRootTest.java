package io.quantagent.migrations.embedded;

import static io.quantagent.migrations.embedded.TestSupport.BINARIES;
import static io.quantagent.migrations.embedded.TestSupport.alive;
import static io.quantagent.migrations.embedded.TestSupport.postmasterPid;
import static io.quantagent.migrations.embedded.TestSupport.queryOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quantagent.migrations.events.EventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paths a root user takes (this machine and CI run as root); skipped for everyone else. */
class RunningAsRootTest {
  @TempDir Path dir;

  @BeforeEach
  void onlyAsRoot() {
    assumeTrue(RootCheck.isRoot(), "not running as root");
  }

  @Test
  void asRootTheUserNamespaceIsChosenWhenItWorks() throws Exception {
    assumeTrue(ProcessRunner.run(List.of("unshare", "-U", "true"), Duration.ofSeconds(20)).succeeded(),
        "user namespaces are blocked here");
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
    assumeTrue(ProcessRunner.run(List.of("unshare", "-U", "true"), Duration.ofSeconds(20)).succeeded(),
        "user namespaces are blocked here");
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
}
