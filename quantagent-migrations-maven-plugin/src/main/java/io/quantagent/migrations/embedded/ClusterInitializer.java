package io.quantagent.migrations.embedded;

import io.quantagent.migrations.events.EventLog;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Creates the cluster when the data directory has none, and gives the directory to the launch user. The cluster is
 * a copy of the {@link ClusterTemplate} made in a staging directory beside the data directory (named after this
 * process), given its superuser password there, and renamed into place: the data directory either holds a complete
 * cluster or none, a second process initializing it at the same time uses the winner's, and the staging directory
 * of a process killed meanwhile is deleted by the next start.
 */
final class ClusterInitializer {
  private static final Duration SINGLE_USER_TIMEOUT = Duration.ofMinutes(2);
  private static final int TAIL_LINES = 25;

  private ClusterInitializer() {}

  /** Whether the directory holds a PostgreSQL cluster: initdb writes PG_VERSION, and a copy moves in whole. */
  static boolean holdsCluster(Path directory) {
    return Files.exists(directory.resolve("PG_VERSION"));
  }

  static void prepare(PgCtl pgCtl, EmbeddedPostgresSettings settings, EventLog log) throws IOException {
    Path data = pgCtl.dataDirectory();
    Launcher launcher = pgCtl.launcher();
    if (!holdsCluster(data)) {
      requireEmptyOrMissing(data);
      Files.createDirectories(data.getParent());
      launcher.checkReachable(data);
      String prefix = "." + data.getFileName() + ".staging-";
      Staging.deleteAbandoned(data.getParent(), prefix, log);
      Staging.deleteAbandoned(data.getParent(), "." + data.getFileName() + ".initdb-", log); // older plugins' initdb
      Path template = ClusterTemplate.ensure(pgCtl, settings.binaries().templateDirectory(settings.user(), log),
          settings.user(), log);
      Path staging = data.resolveSibling(Staging.name(prefix));
      try {
        log.info("Creating a PostgreSQL data directory in " + data);
        copyTree(template, staging);
        writeLoginRules(staging);
        FileTrees.setMode(staging, 0700); // postgres refuses a data directory others can read
        launcher.grant(staging, log);
        setPassword(pgCtl, staging, settings);
        if (settings.persistent()) {
          syncToDisk(pgCtl, staging); // a copy is in the page cache only; the development database must survive a crash
        }
        moveIntoPlace(staging, data, log);
      } finally {
        FileTrees.deleteRecursively(staging);
      }
    }
    launcher.checkReachable(data);
    launcher.grant(data, log);
  }

  /**
   * In single-user mode: no server, no port, and the password travels on standard input, never on a command line.
   * From PostgreSQL 16 the SCRAM verifier is stored with one iteration instead of 4096: iterations slow down guessing
   * a weak password from a stolen verifier, but this password is 24 random bytes and lies in plain text beside the
   * data directory anyway, while the client pays every iteration at each login, in a JVM that has not compiled its
   * HMAC yet (measured: the first connection after a warm start, 252 ms with 4096 iterations, 214 ms with one).
   */
  private static void setPassword(PgCtl pgCtl, Path staging, EmbeddedPostgresSettings settings) throws IOException {
    String sql = "ALTER ROLE \"" + settings.user() + "\" PASSWORD '" + settings.password().replace("'", "''") + "';\n";
    List<String> argv = new ArrayList<>(List.of(pgCtl.exe("postgres"), "--single", "-D", staging.toString(), "-F",
        "-c", "exit_on_error=true", "-c", "password_encryption=scram-sha-256"));
    if (major(staging) >= 16) {
      argv.addAll(List.of("-c", "scram_iterations=1"));
    }
    argv.add("postgres");
    ProcessRunner.Result result = ProcessRunner.run(pgCtl.launcher().command(argv), sql, SINGLE_USER_TIMEOUT);
    if (!result.succeeded() || result.output().contains("ERROR:")) {
      throw new EmbeddedPostgresException("Could not set the superuser's password in the new PostgreSQL data directory"
          + " for " + pgCtl.dataDirectory() + " (exit " + result.exitCode() + "):\n"
          + FileTrees.indent(FileTrees.tail(result.output(), TAIL_LINES)) + "\nCheck the free disk space there.");
    }
  }

  /**
   * One rule: the password, sent as it is, on 127.0.0.1, the only address the server listens on (it has no Unix
   * socket). This is as safe as SCRAM here, and a tenth of a second faster at each login of a goal (measured on
   * {@code current}, from its {@code Scripts:} line to its result, mostly the first connection: 0.35 against 0.23 s).
   * SCRAM keeps the password from a listener on the wire and from a fake server. On loopback only root can listen,
   * and root can read the password file beside the data directory anyway. A program squatting the port would simply
   * ask pgjdbc for the plain password, which pgjdbc sends to whatever server asks for it, whatever this file says.
   * What SCRAM costs instead is loading its classes (SASLprep, the mechanism tables) in every goal's fresh JVM. The
   * stored verifier stays SCRAM ({@link #setPassword}).
   */
  private static void writeLoginRules(Path staging) throws IOException {
    Files.writeString(staging.resolve("pg_hba.conf"), """
        # Written by quantagent-migrations for each new data directory (see ClusterInitializer.writeLoginRules).
        host all all 127.0.0.1/32 password
        """);
  }

  /** One syncfs where PostgreSQL 17's initdb offers it (Linux): a third of the time of a thousand fsyncs, or less. */
  private static void syncToDisk(PgCtl pgCtl, Path staging) throws IOException {
    List<String> argv = new ArrayList<>(List.of(pgCtl.exe("initdb"), "--sync-only", "-D", staging.toString()));
    if (Processes.hasProc() && major(staging) >= 17) {
      argv.add("--sync-method=syncfs");
    }
    ProcessRunner.Result result = ProcessRunner.run(pgCtl.launcher().command(argv), SINGLE_USER_TIMEOUT);
    if (!result.succeeded()) {
      throw new EmbeddedPostgresException("Could not write the new PostgreSQL data directory for "
          + pgCtl.dataDirectory() + " to disk (initdb --sync-only, exit " + result.exitCode() + "):\n"
          + FileTrees.indent(FileTrees.tail(result.output(), TAIL_LINES)));
    }
  }

  /** The data directory's major version: 17, or 9 for "9.6" long ago. */
  private static int major(Path data) throws IOException {
    String version = Files.readString(data.resolve("PG_VERSION")).strip();
    return Integer.parseInt(version.replaceFirst("\\..*", ""));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Path target = to.resolve(from.relativize(dir).toString());
        Files.createDirectory(target);
        FileTrees.setMode(target, 0700);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
            LinkOption.NOFOLLOW_LINKS);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void moveIntoPlace(Path staging, Path data, EventLog log) throws IOException {
    try {
      Files.move(staging, data, StandardCopyOption.ATOMIC_MOVE); // replaces an empty directory, never a full one
    } catch (IOException e) {
      if (!holdsCluster(data)) {
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
