package io.quantagent.migrations.embedded;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The environment initdb, pg_ctl and postgres run in: what they need, and nothing else of Maven's. Maven's holds
 * DATABASE_URL, MAVEN_OPTS and a CI job's tokens; a server running as nobody (setpriv) would show them to every other
 * nobody process in {@code /proc/<pid>/environ}, and a server hands its environment on to what it runs
 * ({@code COPY ... PROGRAM}). The user's PGDATA, PGPORT and friends must not redirect the commands either.
 */
final class ToolEnvironment {
  /**
   * Where programs and libraries are found, the time zone initdb writes into a new cluster, the temporary directory,
   * and what Windows programs need to start at all. Compared in upper case: Windows spells {@code Path} and
   * {@code SystemRoot}.
   */
  static final Set<String> KEPT = Set.of("PATH", "LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH", "TZ", "TZDIR", "TMPDIR",
      "SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC", "PATHEXT", "TEMP", "TMP");

  private ToolEnvironment() {}

  /** Reduces a process builder's environment to {@link #KEPT}, with English messages for the user's report. */
  static void restrict(Map<String, String> environment) {
    environment.keySet().removeIf(name -> !KEPT.contains(name.toUpperCase(Locale.ROOT)));
    environment.put("LC_ALL", "C");
  }
}
