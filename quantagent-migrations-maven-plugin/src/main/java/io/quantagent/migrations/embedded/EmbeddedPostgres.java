package io.quantagent.migrations.embedded;

import io.quantagent.migrations.events.EventLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A PostgreSQL server on 127.0.0.1 for one data directory, initialized when new and started when not running.
 * Persistent (the development database): shared by every goal and process that uses the directory, and stopped
 * when the last of them ends (see {@link SharedServer}). Throwaway: this process's own server, stopped on close or
 * when the JVM exits, and its data directory deleted.
 */
public final class EmbeddedPostgres implements AutoCloseable {
  private final EmbeddedPostgresSettings settings;
  private final Path dataDirectory;
  private final Postmaster server;
  private final SharedServer.Lease lease; // persistent: this handle's share of the server
  private final ExitHook stopOnExit; // throwaway: the server has its own session, so Ctrl-C on Maven misses it
  private final EventLog log;
  private volatile String serverVersion = ""; // two goals asking at once both connect: harmless
  private boolean closed;

  private EmbeddedPostgres(EmbeddedPostgresSettings settings, Path dataDirectory, Postmaster server,
      SharedServer.Lease lease, ExitHook stopOnExit, EventLog log) {
    this.settings = settings;
    this.dataDirectory = dataDirectory;
    this.server = server;
    this.lease = lease;
    this.stopOnExit = stopOnExit;
    this.log = log;
  }

  /** How a start makes sure that the settings' database exists. */
  enum DatabaseCheck {
    /** Connect at every start, and create the database when it is missing. */
    EVERY_START,
    /**
     * Connect only at the start that makes the cluster. A later start opens no connection, and whoever connects first
     * calls {@link #createDatabaseIfMissing} when the database turns out to be missing: for the development database,
     * whose goals connect right after the start, and pay the driver's loading either way.
     */
    NEW_CLUSTER_ONLY
  }

  public static EmbeddedPostgres start(EmbeddedPostgresSettings settings, EventLog log) {
    return start(settings, DatabaseCheck.EVERY_START, log);
  }

  static EmbeddedPostgres start(EmbeddedPostgresSettings settings, DatabaseCheck check, EventLog log) {
    Path data = settings.dataDirectory().toAbsolutePath().normalize();
    Path bin = settings.binaries().binDirectory(log);
    Launcher launcher = Launcher.choose(settings.privilegeMode(), PostgresBinaries.executable(bin, "postgres"), log);
    PgCtl pgCtl = new PgCtl(bin, launcher, data, log);
    if (settings.persistent()) {
      boolean connect = check == DatabaseCheck.EVERY_START || !ClusterInitializer.holdsCluster(data);
      SharedServer.Lease lease;
      try {
        lease = SharedServer.join(data, hook -> startOrAdopt(settings, pgCtl, hook, log));
      } catch (IOException e) {
        throw new EmbeddedPostgresException("Could not prepare the PostgreSQL data directory " + data + ": " + e
            + ". Check that its parent directory exists and is writable.", e);
      }
      if (lease.joined()) {
        log.info("Joining the PostgreSQL server already running on " + data + " (pid " + lease.server().pid()
            + ", port " + lease.server().port() + "); it stops when its last user ends");
      }
      EmbeddedPostgres server = new EmbeddedPostgres(settings, data, lease.server(), lease, null, log);
      return connect ? withDatabase(server) : server;
    }
    // Before the start: a JVM that exits while PostgreSQL starts stops what the start launched.
    ExitHook hook = ExitHook.register("quantagent-postgres-stop", data);
    Postmaster postmaster;
    try {
      postmaster = startThrowaway(settings, pgCtl, hook, log);
    } catch (RuntimeException | Error e) {
      hook.failed();
      throw e;
    }
    EmbeddedPostgres server = new EmbeddedPostgres(settings, data, postmaster, null, hook, log);
    hook.started(server::stopAtExit);
    return withDatabase(server);
  }

  private static Postmaster startOrAdopt(EmbeddedPostgresSettings settings, PgCtl pgCtl, ExitHook hook,
      EventLog log) throws IOException {
    Optional<PostmasterPid> running = PostmasterPid.awaitLive(pgCtl.dataDirectory());
    if (running.isPresent()) {
      return Postmaster.adopt(pgCtl, running.get());
    }
    ClusterInitializer.prepare(pgCtl, settings, log);
    return Postmaster.launch(settings, pgCtl, hook, log);
  }

  private static Postmaster startThrowaway(EmbeddedPostgresSettings settings, PgCtl pgCtl, ExitHook hook,
      EventLog log) {
    Path data = pgCtl.dataDirectory();
    Optional<PostmasterPid> running = PostmasterPid.awaitLive(data);
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
    boolean created = !data.toFile().exists();
    try {
      ClusterInitializer.prepare(pgCtl, settings, log);
      return Postmaster.launch(settings, pgCtl, hook, log);
    } catch (IOException | RuntimeException e) {
      if (created) {
        deleteQuietly(data, e); // on failure, delete only what this start created
      }
      throw e instanceof RuntimeException ? (RuntimeException) e : new EmbeddedPostgresException("Could not prepare"
          + " the PostgreSQL data directory " + data + ": " + e + ". Check that its parent directory exists and is"
          + " writable.", e);
    }
  }

  private static EmbeddedPostgres withDatabase(EmbeddedPostgres server) {
    try {
      server.createDatabaseIfMissing();
      return server;
    } catch (RuntimeException e) {
      server.stopQuietly();
      throw e;
    }
  }

  /**
   * Connects, and creates the settings' database when the cluster lacks it. For a connection that failed for want of
   * the database (dropped by hand) or of the password (a server started with another one): this either mends the
   * first or explains the second, in the embedded database's terms.
   */
  public void createDatabaseIfMissing() {
    serverVersion = Databases.createIfMissing(this);
  }

  public String jdbcUrl() {
    return jdbcUrl(settings.database());
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  public int port() {
    return server.port();
  }

  /** The postmaster's process id. */
  public long pid() {
    return server.pid();
  }

  /** The server's version, as PostgreSQL reports it ({@code 17.6}); asked on first use after a warm start. */
  public String serverVersion() {
    if (serverVersion.isEmpty()) {
      createDatabaseIfMissing();
    }
    return serverVersion;
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

  /** True when the server was already running (started by another goal or process) and this one joined it. */
  public boolean reused() {
    return lease != null && lease.joined();
  }

  /** How this process launched the server; empty when it joined one that was running. */
  public Optional<PrivilegeMode> privilegeMode() {
    return reused() ? Optional.empty() : Optional.of(server.pgCtl().launcher().mode());
  }

  /**
   * Persistent: stops using the server, which stops when no other goal or process uses it. Throwaway: stops the
   * server (fast shutdown) and deletes its data directory.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (lease != null) {
      if (lease.leave()) {
        log.debug("PostgreSQL on " + dataDirectory + " stopped: this was its last user");
      } else {
        log.debug("PostgreSQL on " + dataDirectory + " keeps running for its other users");
      }
      return;
    }
    stopOnExit.remove(); // at the JVM's exit, the hook may be stopping the server too
    server.stop();
    try {
      FileTrees.deleteRecursively(dataDirectory);
    } catch (IOException e) {
      throw new EmbeddedPostgresException("Could not delete the throwaway PostgreSQL data directory "
          + dataDirectory + ": " + e + ". Delete it yourself; nothing uses it any more.", e);
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
      server.stop();
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
}
