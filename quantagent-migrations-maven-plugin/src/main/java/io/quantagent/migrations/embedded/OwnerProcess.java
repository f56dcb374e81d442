package io.quantagent.migrations.embedded;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process as it can be recognised later, from a name it gave a file: its pid and its start time, since a pid
 * alone is reused. Staging directories and each build's server directory carry their owner's tag, so that a later
 * start can tell the leftovers of a killed process from the work of a live one.
 */
record OwnerProcess(long pid, long startMillis) {
  private static final Pattern TAG = Pattern.compile("(\\d+)-(\\d+)");
  /**
   * As for a postmaster's start ({@link PostmasterPid}). The JDK computes a start time as the boot time plus the
   * process's offset from it, and reads the boot time once per JVM; a wall clock stepped since (NTP, a resumed VM,
   * WSL2) moves it in every JVM started after the step, and a live build would be taken for a killed one.
   */
  private static final long START_TOLERANCE_MILLIS = 10_000;

  static OwnerProcess current() {
    ProcessHandle self = ProcessHandle.current();
    return new OwnerProcess(self.pid(), startMillis(self.pid()));
  }

  /** The owner named at the end of a file name such as {@code .pgdata.staging-1234-1700000000000}. */
  static Optional<OwnerProcess> fromSuffix(String fileName, String prefix) {
    if (!fileName.startsWith(prefix)) {
      return Optional.empty();
    }
    Matcher m = TAG.matcher(fileName.substring(prefix.length()));
    if (!m.lookingAt()) {
      return Optional.empty();
    }
    return Optional.of(new OwnerProcess(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
  }

  String tag() {
    return pid + "-" + startMillis;
  }

  /** Still running, and the same process: a new process with a reused pid started at another time. */
  boolean alive() {
    return Processes.running(pid) && Math.abs(startMillis(pid) - startMillis) <= START_TOLERANCE_MILLIS;
  }

  private static long startMillis(long pid) {
    return Processes.startInstant(pid).map(Instant::toEpochMilli).orElse(0L);
  }
}
