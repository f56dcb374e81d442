package io.quantagent.migrations.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What the lifecycle needs to know about another process: whether it still runs, when it started, what it runs and
 * where. On Linux this comes from {@code /proc}, which root can read for every process, including a postgres started
 * in a user namespace or as {@code nobody}; elsewhere from {@link ProcessHandle}, which knows less.
 */
final class Processes {
  private static final Path PROC = Path.of("/proc");
  private static final boolean HAS_PROC = Files.isDirectory(PROC.resolve("self"));

  private Processes() {}

  static boolean hasProc() {
    return HAS_PROC;
  }

  /** Running, as opposed to gone or exited: a zombie (exited, not yet reaped) counts as gone. */
  static boolean running(long pid) {
    if (HAS_PROC) {
      try {
        String stat = Files.readString(PROC.resolve(pid + "/stat"));
        return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
      } catch (IOException | RuntimeException e) {
        return false; // gone, or went away while we looked
      }
    }
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  static Optional<Instant> startInstant(long pid) {
    return ProcessHandle.of(pid).flatMap(p -> p.info().startInstant());
  }

  /** The executable's name ({@code /proc/<pid>/comm}, or the command's file name elsewhere). */
  static Optional<String> name(long pid) {
    if (HAS_PROC) {
      try {
        return Optional.of(Files.readString(PROC.resolve(pid + "/comm")).strip());
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return ProcessHandle.of(pid).flatMap(p -> p.info().command()).map(c -> Path.of(c).getFileName().toString());
  }

  /** The working directory; empty where it cannot be read (another user's process, or no {@code /proc}). */
  static Optional<Path> workingDirectory(long pid) {
    if (!HAS_PROC) {
      return Optional.empty();
    }
    try {
      return Optional.of(PROC.resolve(pid + "/cwd").toRealPath());
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }
}
