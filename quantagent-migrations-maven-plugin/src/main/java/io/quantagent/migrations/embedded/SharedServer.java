package io.quantagent.migrations.embedded;

import io.quantagent.migrations.events.EventLog;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The users of a persistent server, counted across processes: each process that uses it holds a shared lock on
 * {@code .<data>.users} beside the data directory, and the operating system drops that lock when the process ends,
 * however it ends ({@code kill -9} included). Starting, joining and leaving happen under an exclusive lock on
 * {@code .<data>.lock}; the one that leaves while nobody else holds a shared lock stops the server. So the server
 * stops when its last user ends, a goal that finds it running joins it, and a server whose users were all killed is
 * adopted by the next one and stopped when that one ends. The goals of one JVM are counted in memory and hold one
 * shared lock between them, and a JVM that exits without closing (Ctrl-C, SIGTERM, a failed build) leaves in a
 * shutdown hook, registered before the start: a JVM that exits while it starts the server stops it (nobody can have
 * joined a server whose start still holds the lock).
 */
final class SharedServer {
  private static final Map<Path, SharedServer> IN_THIS_JVM = new HashMap<>();

  /** Starts the server (its postmaster spawned through the hook), or adopts the one already running; under the lock. */
  interface Starter {
    Postmaster startOrAdopt(ExitHook hook) throws IOException;
  }

  private final Path dataDirectory;
  private final Path controlFile;
  private final Path usersFile;
  private int leases;
  private FileChannel users;
  private FileLock usersLock;
  private Postmaster server;
  private ExitHook exitHook;

  private SharedServer(Path dataDirectory) {
    this.dataDirectory = dataDirectory;
    String name = "." + dataDirectory.getFileName();
    this.controlFile = dataDirectory.resolveSibling(name + ".lock");
    this.usersFile = dataDirectory.resolveSibling(name + ".users");
  }

  /** Becomes a user of the server on {@code dataDirectory}, starting or adopting it when this JVM has none yet. */
  static Lease join(Path dataDirectory, Starter starter) throws IOException {
    SharedServer shared;
    synchronized (IN_THIS_JVM) {
      // Kept for the JVM's life: a second instance would lock the users file twice, which the JVM refuses.
      shared = IN_THIS_JVM.computeIfAbsent(dataDirectory, SharedServer::new);
    }
    return shared.lease(starter);
  }

  /** One goal's use of the server; closing it is leaving. */
  final class Lease implements AutoCloseable {
    private final Postmaster server;
    private final boolean joined;
    private boolean closed;

    private Lease(Postmaster server, boolean joined) {
      this.server = server;
      this.joined = joined;
    }

    Postmaster server() {
      return server;
    }

    /** True when the server was already running when this lease began. */
    boolean joined() {
      return joined;
    }

    /** Leaves; the last user anywhere stops the server. Returns true when this call stopped it. */
    boolean leave() {
      synchronized (SharedServer.this) {
        if (closed) {
          return false;
        }
        closed = true;
        return SharedServer.this.leave();
      }
    }

    @Override
    public void close() {
      leave();
    }
  }

  private synchronized Lease lease(Starter starter) throws IOException {
    if (leases > 0) {
      leases++;
      return new Lease(server, true);
    }
    try (FileMutex start = FileMutex.acquire(controlFile)) {
      ExitHook hook = ExitHook.register("quantagent-postgres-leave", dataDirectory);
      boolean started = false;
      try {
        users = FileChannel.open(usersFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        usersLock = users.lock(0, Long.MAX_VALUE, true);
        server = starter.startOrAdopt(hook);
        started = true;
      } finally {
        if (!started) {
          hook.failed();
          if (users != null) {
            closeQuietly(); // drops the shared lock too
          }
        }
      }
      leases = 1;
      exitHook = hook;
      hook.started(this::leaveAtExit);
      return new Lease(server, server.adopted());
    }
  }

  private boolean leave() {
    if (leases == 0 || --leases > 0) {
      return false;
    }
    exitHook.remove(); // at the JVM's exit, the hook finds nothing left to do
    return releaseLast();
  }

  /** Drops this JVM's shared lock and, when no other process holds one, stops the server. */
  private boolean releaseLast() {
    try (FileMutex stop = FileMutex.acquire(controlFile)) {
      usersLock.release();
      FileLock alone = users.tryLock();
      if (alone == null) {
        return false; // another process uses it and will stop it
      }
      try {
        server.stop();
        return true;
      } finally {
        alone.release();
      }
    } catch (IOException e) {
      throw new EmbeddedPostgresException("Could not take the lock " + controlFile + " to stop the PostgreSQL server"
          + " when its last user ended: " + e + ". Stop it yourself (kill " + server.pid() + ").", e);
    } finally {
      closeQuietly();
      server = null;
    }
  }

  /**
   * At JVM exit (Maven's class realm may already be closed, so only classes the start loaded are used here).
   */
  private void leaveAtExit() {
    synchronized (this) {
      if (leases == 0) {
        return;
      }
      leases = 0;
      try {
        releaseLast();
      } catch (Throwable e) {
        // nothing can be reported at exit; the next start adopts and stops a server left behind
      }
    }
  }

  private void closeQuietly() {
    try {
      users.close();
    } catch (IOException e) {
      // the lock is released with the channel, or at the latest when this process ends
    } finally {
      users = null;
    }
  }
}
