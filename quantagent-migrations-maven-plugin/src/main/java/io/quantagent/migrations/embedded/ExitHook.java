package io.quantagent.migrations.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The shutdown hook of a server this JVM starts, registered before the start: the postmaster runs in a session of
 * its own, so a Ctrl-C or SIGTERM that ends the JVM while PostgreSQL starts never reaches it, and a hook registered
 * only once the start returned would leave it running. At exit the hook stops the postmaster the start has spawned
 * and lets it spawn no other, waits for the start to end (so that it cleans up after itself), and then, when the start
 * handed a server over ({@link #started}), does what its owner set: stop it, or leave it to its other users.
 *
 * <p>Maven may have closed the plugin's class realm when the hook runs: it needs only the JDK and what the start
 * loaded.
 */
final class ExitHook {
  /** Bounds the wait for a start to end; each of its steps has a timeout of its own, pg_ctl's the longest. */
  private static final long START_END_MILLIS = TimeUnit.SECONDS.toMillis(180);
  private static final long STOP_SECONDS = 30;

  private final Thread thread;
  private boolean exiting; // the hook runs: no postmaster may be spawned any more
  private boolean ended; // the start returned or failed
  private Process spawned; // the postmaster the start launched, until the start ends
  private Runnable atExit; // what the JVM's exit does with a started server

  private ExitHook(String name) {
    this.thread = new Thread(this::run, name);
  }

  /** Registers a hook before a server on {@code data} starts; refuses the start when the JVM is already exiting. */
  static ExitHook register(String name, Path data) {
    ExitHook hook = new ExitHook(name);
    try {
      Runtime.getRuntime().addShutdownHook(hook.thread);
    } catch (IllegalStateException shutdownInProgress) {
      throw shuttingDown(data);
    }
    return hook;
  }

  static EmbeddedPostgresException shuttingDown(Path data) {
    return new EmbeddedPostgresException("Not starting PostgreSQL on " + data + ": this JVM is shutting down (Ctrl-C,"
        + " a kill, or the build ending), and a server started now would outlive it. Run the goal again.");
  }

  /** Launches the postmaster for the start, so that the hook can stop it; refused once the JVM exits. */
  synchronized Process spawn(ProcessBuilder postmaster, Path data) throws IOException {
    if (exiting) {
      throw shuttingDown(data);
    }
    spawned = postmaster.start();
    return spawned;
  }

  /** True once the JVM exits: a start that sees its postmaster gone should say why. */
  synchronized boolean exiting() {
    return exiting;
  }

  /** The start succeeded: from now on the JVM's exit runs {@code atExit} (even when it has begun meanwhile). */
  synchronized void started(Runnable atExit) {
    this.atExit = atExit;
    end();
  }

  /** The start failed: nothing is left for the hook to do. */
  void failed() {
    synchronized (this) {
      end();
    }
    remove();
  }

  /** The server was stopped or left before the JVM's exit. */
  void remove() {
    try {
      Runtime.getRuntime().removeShutdownHook(thread);
    } catch (IllegalStateException e) {
      // the JVM is exiting, and the hook has nothing (left) to do or is doing it
    }
  }

  private void end() {
    ended = true;
    spawned = null;
    notifyAll();
  }

  private void run() {
    Process starting;
    synchronized (this) {
      exiting = true;
      starting = spawned;
    }
    if (starting != null) {
      stop(starting);
    }
    Runnable then;
    synchronized (this) {
      long deadline = System.currentTimeMillis() + START_END_MILLIS;
      for (long left = START_END_MILLIS; !ended && left > 0; left = deadline - System.currentTimeMillis()) {
        try {
          wait(left);
        } catch (InterruptedException e) {
          return;
        }
      }
      then = atExit;
    }
    if (then != null) {
      then.run();
    }
  }

  /**
   * SIGTERM, which a postmaster still starting takes for a shutdown (its own handler, or the default action before
   * postgres has set one), then SIGKILL if it does not end. The JVM's own handle: it cannot hit a reused pid.
   */
  private static void stop(Process postmaster) {
    try {
      postmaster.destroy();
      if (!postmaster.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
        postmaster.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
