package io.quantagent.migrations.embedded;

import io.quantagent.migrations.events.EventLog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;

/** A PostgreSQL server process on one data directory, started or adopted by this JVM, which this JVM can stop. */
final class Postmaster {
  private static final int PORT_ATTEMPTS = 3;

  private final PgCtl pgCtl;
  private final PostmasterPid pid;
  private final boolean adopted;

  private Postmaster(PgCtl pgCtl, PostmasterPid pid, boolean adopted) {
    this.pgCtl = pgCtl;
    this.pid = pid;
    this.adopted = adopted;
  }

  /**
   * Starts a server on the (initialized) data directory: on the settings' port, or on a free one. {@code hook} is
   * already registered, and stops what this launches if the JVM exits before the start ends.
   */
  static Postmaster launch(EmbeddedPostgresSettings settings, PgCtl pgCtl, ExitHook hook, EventLog log)
      throws IOException {
    Path data = pgCtl.dataDirectory();
    if (PostmasterPid.removeStale(data)) {
      log.info("Removed a stale postmaster.pid from " + data + ": its pid is no PostgreSQL server of this directory");
    }
    String failure = "";
    int port = 0;
    for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
      port = settings.port() != 0 ? settings.port() : freePort();
      Optional<String> result = pgCtl.start(port, !settings.persistent(), hook);
      if (result.isEmpty()) {
        PostmasterPid started = PostmasterPid.running(data).orElseThrow(() -> new EmbeddedPostgresException(
            "PostgreSQL reported a start on " + data + " but no server runs there. Look at " + pgCtl.serverLog()));
        log.info("PostgreSQL started on 127.0.0.1:" + port + " (pid " + started.pid() + ") with data in " + data);
        return new Postmaster(pgCtl, started, false);
      }
      failure = result.get();
      if (settings.port() != 0 || !failure.contains("could not bind")) {
        break; // only a free port picked by us can have been taken by someone else meanwhile
      }
    }
    if (settings.port() != 0 && failure.contains("could not bind")) {
      throw new EmbeddedPostgresException("The port " + port + " on 127.0.0.1 is in use by another program, so the"
          + " PostgreSQL server on " + data + " cannot listen there:\n" + FileTrees.indent(failure) + "\nStop that"
          + " program, or choose another port with -Dquantagent.port=<port>.");
    }
    throw new EmbeddedPostgresException("PostgreSQL did not start on the data directory " + data + ":\n"
        + FileTrees.indent(failure) + "\nCheck the log above: a data directory from another PostgreSQL version"
        + " (delete it or use matching binaries, -Dquantagent.embeddedVersion), or too little memory or disk.");
  }

  /** A server that already runs on the data directory, verified by {@link PostmasterPid#runsOn}. */
  static Postmaster adopt(PgCtl pgCtl, PostmasterPid pid) {
    return new Postmaster(pgCtl, pid, true);
  }

  int port() {
    return pid.port();
  }

  long pid() {
    return pid.pid();
  }

  /** True when the server was already running (another process started it) rather than started here. */
  boolean adopted() {
    return adopted;
  }

  PgCtl pgCtl() {
    return pgCtl;
  }

  /** Fast shutdown, waiting until the server is gone. */
  void stop() {
    pgCtl.stop();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
