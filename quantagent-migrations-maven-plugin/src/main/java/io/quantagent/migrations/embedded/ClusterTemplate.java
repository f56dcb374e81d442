package io.quantagent.migrations.embedded;

import io.quantagent.migrations.events.EventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * An initialised, empty, never started cluster per binaries version and superuser, kept in the per-user cache
 * beside the binaries: a new data directory is a copy of it (a tenth of initdb's time), with its own password set
 * afterwards. The template has no password at all, so it holds no secret and nothing can log in to a copy that
 * did not get one. Made once, under a file lock, in a staging directory renamed into place: a process killed while
 * making it leaves only a staging directory, which the next maker deletes.
 */
final class ClusterTemplate {
  private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(5);
  private static final int TAIL_LINES = 25;

  private ClusterTemplate() {}

  /** The template for these binaries and superuser, made now when missing or incomplete. */
  static Path ensure(PgCtl pgCtl, Path template, String superuser, EventLog log) throws IOException {
    if (isComplete(template)) {
      return template;
    }
    Files.createDirectories(template.getParent());
    try (FileMutex lock = FileMutex.acquire(template.resolveSibling(template.getFileName() + ".lock"))) {
      if (isComplete(template)) {
        return template; // another process made it while we waited
      }
      String prefix = template.getFileName() + ".staging-";
      Staging.deleteAll(template.getParent(), prefix, log); // we hold the lock: no live maker owns them
      if (Files.exists(template, LinkOption.NOFOLLOW_LINKS)) {
        log.warn("The cluster template " + template + " lacks files (a cleaner of the temporary directory deletes"
            + " what nobody read lately); making it again");
        FileTrees.deleteRecursively(template); // or the new one could not be renamed into its place
      }
      Path staging = template.resolveSibling(prefix + OwnerProcess.current().tag());
      try {
        Files.createDirectory(staging);
        FileTrees.setMode(staging, 0700);
        pgCtl.launcher().checkReachable(staging);
        pgCtl.launcher().grant(staging, log);
        log.info("Initializing an empty PostgreSQL cluster to copy new data directories from (once per version): "
            + template);
        initdb(pgCtl, staging, superuser, log);
        Files.move(staging, template, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        FileTrees.deleteRecursively(staging);
      }
    }
    return template;
  }

  /**
   * Whether the template is whole: initdb writes PG_VERSION and the control file, and a cleaner of the temporary
   * directory, deleting what nobody read lately, takes a template's files all alike (each copy reads them all).
   */
  static boolean isComplete(Path template) {
    return ClusterInitializer.holdsCluster(template) && Files.exists(template.resolve("global/pg_control"));
  }

  /**
   * UTF8, C locale. Every copy replaces the login rules with its own (ClusterInitializer.writeLoginRules); initdb's
   * (SCRAM over TCP; the copies have no Unix socket) are only the default a copy would keep if it did not.
   */
  private static void initdb(PgCtl pgCtl, Path target, String superuser, EventLog log) {
    List<String> argv = List.of(pgCtl.exe("initdb"), "-D", target.toString(), "-U", superuser, "-E", "UTF8",
        "--locale=C", "--auth-host=scram-sha-256", "--auth-local=trust", "--no-sync");
    ProcessRunner.Result result = ProcessRunner.run(pgCtl.launcher().command(argv), INITDB_TIMEOUT);
    log.debug("initdb: " + result.output().strip());
    if (!result.succeeded()) {
      throw new EmbeddedPostgresException("initdb could not create a PostgreSQL cluster in " + target + " (exit "
          + result.exitCode() + "):\n" + FileTrees.indent(FileTrees.tail(result.output(), TAIL_LINES))
          + "\nCheck the free disk space there (java.io.tmpdir) and the binaries (" + pgCtl.binDirectory() + ").");
    }
  }
}
