package io.quantagent.migrations.embedded;

import io.quantagent.migrations.events.EventLog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A PostgreSQL server on 127.0.0.1 for one data directory: initialized when new, started, and stopped on close (a
 * throwaway data directory is then deleted). When a server already runs on the data directory (another Maven
 * process, or one a killed build left behind), it is reused and left running.
 */
public final class EmbeddedPostgres implements AutoCloseable {
  private static final int PORT_ATTEMPTS = 3;

  private final EmbeddedPostgresSettings settings;
  private final Path dataDirectory;
  private final int port;
  private final PgCtl pgCtl; // null: reused, not ours to stop
  private final EventLog log;
  private final Thread stopOnExit;
  private boolean closed;

  private EmbeddedPostgres(EmbeddedPostgresSettings settings, Path dataDirectory, int port, PgCtl pgCtl,
      EventLog log) {
    this.settings = settings;
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.pgCtl = pgCtl;
    this.log = log;
    // pg_ctl detaches the server from our session: without this, Ctrl-C on Maven would leave it running.
    this.stopOnExit = pgCtl == null ? null : new Thread(this::stopAtExit, "quantagent-postgres-stop");
    if (stopOnExit != null) {
      Runtime.getRuntime().addShutdownHook(stopOnExit);
    }
  }

  public static EmbeddedPostgres start(EmbeddedPostgresSettings settings, EventLog log) {
    Path data = settings.dataDirectory().toAbsolutePath().normalize();
    Optional<PostmasterPid> running = PostmasterPid.awaitLive(data);
    Path bin = settings.binaries().binDirectory(log);
    Launcher launcher = Launcher.choose(settings.privilegeMode(), PostgresBinaries.executable(bin, "postgres"), log);
    PgCtl pgCtl = new PgCtl(bin, launcher, data, log);
    if (running.isPresent() && settings.persistent()) {
      return withDatabase(reuse(settings, data, running.get(), log));
    }
    if (running.isPresent()) {
      // A throwaway directory with a live server: a killed build left it; its password is lost with it.
      log.warn("Stopping the PostgreSQL server a previous build left running on " + data + " (pid "
          + running.get().pid() + ")");
      pgCtl.stop();
      try {
        FileTrees.deleteRecursively(data);
      } catch (IOException e) {
        throw new EmbeddedPostgresException("Could not delete the stale throwaway data directory " + data + ": " + e
            + ". Delete it (mvn clean) and run again.", e);
      }
    }
    boolean created = !Files.exists(data);
    EmbeddedPostgres server;
    try {
      ClusterInitializer.prepare(pgCtl, settings, log);
      server = launch(settings, data, pgCtl, log);
    } catch (IOException | RuntimeException e) {
      if (!settings.persistent() && created) {
        deleteQuietly(data, e); // on failure, delete only what this start created
      }
      throw e instanceof RuntimeException ? (RuntimeException) e : new EmbeddedPostgresException("Could not prepare"
          + " the PostgreSQL data directory " + data + ": " + e + ". Check that its parent directory exists and is"
          + " writable.", e);
    }
    return withDatabase(server);
  }

  private static EmbeddedPostgres launch(EmbeddedPostgresSettings settings, Path data, PgCtl pgCtl, EventLog log)
      throws IOException {
    String failure = "";
    for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
      int port = settings.port() != 0 ? settings.port() : freePort();
      Optional<String> result = pgCtl.start(port, !settings.persistent());
      if (result.isEmpty()) {
        log.info("PostgreSQL started on 127.0.0.1:" + port + " with data in " + data);
        return new EmbeddedPostgres(settings, data, port, pgCtl, log);
      }
      failure = result.get();
      if (settings.port() != 0 || !failure.contains("could not bind")) {
        break; // only a free port picked by us can have been taken by someone else meanwhile
      }
    }
    if (failure.contains("lock file")) { // another process started it at the same time
      Optional<PostmasterPid> winner = PostmasterPid.awaitLive(data);
      if (winner.isPresent()) {
        return reuse(settings, data, winner.get(), log);
      }
    }
    throw new EmbeddedPostgresException("PostgreSQL did not start on the data directory " + data + ":\n"
        + FileTrees.indent(failure) + "\nCheck the log above: a port in use (choose another), a data directory from"
        + " another PostgreSQL version (delete it or use matching binaries), or too little memory or disk.");
  }

  private static EmbeddedPostgres reuse(EmbeddedPostgresSettings settings, Path data, PostmasterPid pid,
      EventLog log) {
    log.info("Reusing the PostgreSQL server already running on " + data + " (pid " + pid.pid() + ", port "
        + pid.port() + "); it stays running after this build");
    return new EmbeddedPostgres(settings, data, pid.port(), null, log);
  }

  private static EmbeddedPostgres withDatabase(EmbeddedPostgres server) {
    try {
      Databases.createIfMissing(server);
      return server;
    } catch (RuntimeException e) {
      server.stopQuietly();
      throw e;
    }
  }

  public String jdbcUrl() {
    return jdbcUrl(settings.database());
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public int port() {
    return port;
  }

  public String user() {
    return settings.user();
  }

  public String password() {
    return settings.password();
  }

  public String database() {
    return settings.database();
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /** True when another process started this server: close() then leaves it running. */
  public boolean reused() {
    return pgCtl == null;
  }

  /** How this process launched the server; empty when it reused one. */
  public Optional<PrivilegeMode> privilegeMode() {
    return Optional.ofNullable(pgCtl).map(p -> p.launcher().mode());
  }

  /** Stops the server this process started (fast shutdown) and deletes a throwaway data directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (pgCtl == null) {
      log.debug("Leaving the PostgreSQL server on " + dataDirectory + " running: another process started it");
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException e) {
      // the JVM is exiting and the hook is stopping the server
    }
    pgCtl.stop();
    if (!settings.persistent()) {
      try {
        FileTrees.deleteRecursively(dataDirectory);
      } catch (IOException e) {
        throw new EmbeddedPostgresException("Could not delete the throwaway PostgreSQL data directory "
            + dataDirectory + ": " + e + ". Delete it yourself; nothing uses it any more.", e);
      }
    }
    log.debug("PostgreSQL on " + dataDirectory + " stopped");
  }

  /**
   * At JVM exit Maven has already closed the plugin's class realm, so nothing here may need a class that
   * start did not load: only pg_ctl is run, and a throwaway data directory is left for mvn clean.
   */
  private void stopAtExit() {
    try {
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
      }
      pgCtl.stop();
    } catch (Throwable e) {
      // nothing can be reported at exit; the next start stops a server left behind
    }
  }

  private void stopQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      // at JVM exit or after another failure: the error being reported matters more
    }
  }

  private static void deleteQuietly(Path data, Exception failure) {
    try {
      FileTrees.deleteRecursively(data);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
