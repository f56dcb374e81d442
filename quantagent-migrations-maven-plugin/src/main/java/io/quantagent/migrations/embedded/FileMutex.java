package io.quantagent.migrations.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a file, across processes and across the threads of this JVM. The operating system drops a
 * process's file locks when it dies, even by {@code kill -9}, so a holder that was killed never blocks the next one.
 * File locks belong to the whole JVM (and closing any channel of the file releases them), so the threads of one JVM
 * take turns on an in-memory lock first and only the holder ever opens the file.
 */
final class FileMutex implements AutoCloseable {
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

  private final ReentrantLock local;
  private final FileChannel channel;
  private final FileLock lock;

  private FileMutex(ReentrantLock local, FileChannel channel, FileLock lock) {
    this.local = local;
    this.channel = channel;
    this.lock = lock;
  }

  /** Waits until this process holds the lock on {@code file} (created when missing). */
  static FileMutex acquire(Path file) throws IOException {
    ReentrantLock local = IN_THIS_JVM.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new ReentrantLock());
    local.lock();
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new FileMutex(local, channel, channel.lock());
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      local.unlock();
      throw e;
    }
  }

  /**
   * Takes the lock on an existing {@code file} if nobody holds it; empty when a process does, this one included. The
   * file is not opened while this JVM holds its lock: closing that channel would release the holder's lock too.
   */
  static Optional<FileMutex> tryAcquire(Path file) throws IOException {
    ReentrantLock local = IN_THIS_JVM.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new ReentrantLock());
    if (local.isLocked() || !local.tryLock()) {
      return Optional.empty();
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        local.unlock();
        return Optional.empty();
      }
      return Optional.of(new FileMutex(local, channel, lock));
    } catch (OverlappingFileLockException e) {
      // This JVM holds it through a channel of its own (not ours: ours go through IN_THIS_JVM); closing this one
      // would release that lock, so it stays open.
      local.unlock();
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      local.unlock();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
      channel.close();
    } finally {
      local.unlock();
    }
  }
}
