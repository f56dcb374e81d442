package io.quantagent.migrations.embedded;

import io.quantagent.migrations.events.EventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Creates the cluster with initdb when the data directory has none, and gives the directory to the launch user. Two
 * processes may initialize the same directory at once (two builds on a fresh checkout): each runs initdb into its
 * own staging directory beside it and renames that into place, so one wins and the other uses its cluster.
 */
final class ClusterInitializer {
  private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(5);
  private static final int TAIL_LINES = 25;

  private ClusterInitializer() {}

  static void prepare(PgCtl pgCtl, EmbeddedPostgresSettings settings, EventLog log) throws IOException {
    Path data = pgCtl.dataDirectory();
    Launcher launcher = pgCtl.launcher();
    if (!Files.exists(data.resolve("PG_VERSION"))) {
      requireEmptyOrMissing(data);
      Files.createDirectories(data.getParent());
      launcher.checkReachable(data);
      Path staging = Files.createTempDirectory(data.getParent(), "." + data.getFileName() + ".initdb-");
      try {
        FileTrees.setMode(staging, 0700); // postgres refuses a data directory others can read
        launcher.grant(staging, log);
        log.info("Initializing a PostgreSQL data directory in " + data);
        initdb(pgCtl, staging, settings, log);
        moveIntoPlace(staging, data, log);
      } finally {
        FileTrees.deleteRecursively(staging);
      }
    }
    launcher.checkReachable(data);
    launcher.grant(data, log);
  }

  /** UTF8, C locale, password (scram-sha-256) over TCP, trust on the local socket, which is switched off anyway. */
  private static void initdb(PgCtl pgCtl, Path target, EmbeddedPostgresSettings settings, EventLog log)
      throws IOException {
    // Beside the data directory, which the launch user can reach: checked above.
    Path pwfile = Files.createTempFile(target.getParent(), ".quantagent-initdb-", ".pw");
    try {
      Files.writeString(pwfile, settings.password() + "\n");
      pgCtl.launcher().grant(pwfile, log);
      List<String> argv = new ArrayList<>(List.of(pgCtl.exe("initdb"), "-D", target.toString(), "-U",
          settings.user(), "--pwfile=" + pwfile, "-E", "UTF8", "--locale=C", "--auth-host=scram-sha-256",
          "--auth-local=trust"));
      if (!settings.persistent()) {
        argv.add("--no-sync"); // a throwaway cluster need not survive a power cut
      }
      ProcessRunner.Result result = ProcessRunner.run(pgCtl.launcher().command(argv), INITDB_TIMEOUT);
      log.debug("initdb: " + result.output().strip());
      if (!result.succeeded()) {
        throw new EmbeddedPostgresException("initdb could not create a PostgreSQL data directory for "
            + pgCtl.dataDirectory() + " (exit " + result.exitCode() + "):\n"
            + FileTrees.indent(FileTrees.tail(result.output(), TAIL_LINES))
            + "\nCheck the free disk space and the binaries (" + pgCtl.binDirectory() + ").");
      }
    } finally {
      Files.deleteIfExists(pwfile);
    }
  }

  private static void moveIntoPlace(Path staging, Path data, EventLog log) throws IOException {
    try {
      Files.move(staging, data, StandardCopyOption.ATOMIC_MOVE); // replaces an empty directory, never a full one
    } catch (IOException e) {
      if (!Files.exists(data.resolve("PG_VERSION"))) {
        throw e;
      }
      log.debug("Another process initialized " + data + " first; using its cluster");
    }
  }

  private static void requireEmptyOrMissing(Path data) throws IOException {
    if (!Files.isDirectory(data)) {
      if (Files.exists(data)) {
        throw new EmbeddedPostgresException("The PostgreSQL data directory " + data + " is a file. Remove it or"
            + " choose another directory.");
      }
      return;
    }
    try (Stream<Path> entries = Files.list(data)) {
      if (entries.findAny().isPresent()) {
        throw new EmbeddedPostgresException("The PostgreSQL data directory " + data + " is not empty but holds no"
            + " PostgreSQL cluster (no PG_VERSION). Empty it, or choose another directory; nothing was changed.");
      }
    }
  }
}
