package io.quantagent.migrations.embedded;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A build is told from a killed one by its pid and start time, which two JVMs may compute a little apart. */
class OwnerProcessTest {

  @Test
  void aStartTimeAnotherJvmComputedAfterAClockStepStillNamesTheLiveProcess() {
    OwnerProcess self = OwnerProcess.current();
    assertTrue(new OwnerProcess(self.pid(), self.startMillis() + 1000).alive());
    assertTrue(new OwnerProcess(self.pid(), self.startMillis() - 1000).alive());
  }

  @Test
  void aStartTimeFarOffIsAnotherProcessWithTheSamePid() {
    OwnerProcess self = OwnerProcess.current();
    assertFalse(new OwnerProcess(self.pid(), self.startMillis() - 600_000).alive());
  }

  @Test
  void anEndedProcessIsNotAlive() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    assertFalse(new OwnerProcess(ended.pid(), System.currentTimeMillis()).alive());
  }
}
