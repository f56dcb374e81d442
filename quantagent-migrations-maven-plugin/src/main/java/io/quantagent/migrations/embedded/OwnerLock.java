package io.quantagent.migrations.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a live build from a killed one by a lock, not by the clock: the process that owns build servers in a
 * directory holds an exclusive lock on {@code <owner tag>.lock} there for its whole life, and the operating system
 * releases it when the process dies, even by {@code kill -9} (also across PID namespaces, on a shared mount). A pid
 * and start time can only be compared within a tolerance, and a wall clock stepped since (a laptop's sleep, a resumed
 * VM, WSL2: minutes to hours) moves the start time another JVM computes, so a live build would be taken for a killed
 * one, its server stopped and its data deleted. Directories an older plugin made have no lock file; for them the pid
 * and start time are all there is.
 */
final class OwnerLock {
  private static final String SUFFIX = ".lock";
  /** The locks this process holds until it exits; closing one would release it, so none is ever closed. */
  private static final Map<Path, FileMutex> HELD = new ConcurrentHashMap<>();

  private OwnerLock() {}

  /** Holds this process's lock in {@code parent} from now until it exits. */
  static void hold(Path parent) throws IOException {
    Path file = fileOf(parent, OwnerProcess.current());
    if (HELD.containsKey(file)) {
      return;
    }
    synchronized (HELD) {
      Files.createDirectories(parent);
      while (!HELD.containsKey(file)) {
        FileMutex lock = FileMutex.acquire(file);
        if (Files.exists(file)) {
          HELD.put(file, lock);
        } else {
          // A cleaner took the new file, still unlocked, for a dead owner's and deleted it: ours is another one now.
          lock.close();
        }
      }
    }
  }

  /**
   * Whether the owner of a directory in {@code parent} is dead; when it is, its lock is held until {@link
   * Release#close}, so that another build cleaning up meanwhile takes the owner for alive and leaves its files to us.
   */
  static Optional<Release> ifDead(Path parent, OwnerProcess owner) throws IOException {
    Path file = fileOf(parent, owner);
    if (!Files.exists(file)) {
      return owner.alive() ? Optional.empty() : Optional.of(() -> { });
    }
    Optional<FileMutex> lock = FileMutex.tryAcquire(file);
    // Deleted while still locked: an owner that just created the file and waits for its lock then finds it gone.
    return lock.map(l -> () -> {
      try {
        Files.deleteIfExists(file);
      } finally {
        l.close();
      }
    });
  }

  static boolean isLockFile(Path file) {
    return file.getFileName().toString().endsWith(SUFFIX);
  }

  static Optional<OwnerProcess> ownerOf(Path lockFile) {
    String name = lockFile.getFileName().toString();
    return OwnerProcess.fromSuffix(name.substring(0, name.length() - SUFFIX.length()), "");
  }

  private static Path fileOf(Path parent, OwnerProcess owner) {
    return parent.resolve(owner.tag() + SUFFIX);
  }

  /** Releases a dead owner's lock once its directories are gone, and deletes its file. */
  interface Release extends AutoCloseable {
    @Override
    void close() throws IOException;
  }
}
