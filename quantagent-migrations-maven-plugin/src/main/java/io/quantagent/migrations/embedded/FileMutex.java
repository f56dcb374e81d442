package io.quantagent.migrations.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
