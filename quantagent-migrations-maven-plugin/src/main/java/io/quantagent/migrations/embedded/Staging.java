package io.quantagent.migrations.embedded;

import io.quantagent.migrations.events.EventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Leftovers of work that was interrupted: staging directories are named {@code <prefix><owner tag>}, and one whose
 * owner is dead (killed during an extraction, initdb or a copy) is deleted by the next start.
 */
final class Staging {
  private Staging() {}

  /** A new staging entry's name: {@code <prefix><owner tag>-<nanos>}, this process's and no other's. */
  static String name(String prefix) {
    return prefix + OwnerProcess.current().tag() + "-" + System.nanoTime();
  }

  /** Deletes every entry named {@code <prefix>...} in {@code parent}; for callers that hold the lock of the work. */
  static void deleteAll(Path parent, String prefix, EventLog log) throws IOException {
    for (Path leftover : entries(parent, prefix)) {
      delete(leftover, log);
    }
  }

  /**
   * Deletes the entries named {@code <prefix><owner tag>...} whose owner process is gone; an entry without an
   * owner tag (left by a version that wrote none) counts as abandoned.
   */
  static void deleteAbandoned(Path parent, String prefix, EventLog log) throws IOException {
    for (Path leftover : entries(parent, prefix)) {
      boolean ownerAlive = OwnerProcess.fromSuffix(leftover.getFileName().toString(), prefix)
          .map(OwnerProcess::alive).orElse(false);
      if (!ownerAlive) {
        delete(leftover, log);
      }
    }
  }

  private static List<Path> entries(Path parent, String prefix) throws IOException {
    if (!Files.isDirectory(parent)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(parent)) {
      return entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    }
  }

  private static void delete(Path leftover, EventLog log) {
    log.info("Deleting " + leftover + ", left behind by a process that was killed");
    try {
      FileTrees.deleteRecursively(leftover);
    } catch (IOException e) {
      // A process the killed one started (initdb) may still be writing into it; the next start tries again.
      log.debug("Could not delete all of " + leftover + " yet: " + e);
    }
  }
}
