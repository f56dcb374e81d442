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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** quantagent:start's servers: one per build, side by side in one checkout; a killed build's is cleaned up. */
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
}
