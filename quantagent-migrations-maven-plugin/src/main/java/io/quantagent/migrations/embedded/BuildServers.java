package io.quantagent.migrations.embedded;

import io.quantagent.migrations.events.EventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The throwaway servers that builds start for their integration tests ({@code quantagent:start}, under
 * {@code target/quantagent-postgres}) and that goals build scratch schemas on ({@code target/quantagent-scratch}):
 * each in a directory of its own under one parent, named after the build's process, so two builds of one checkout
 * never touch each other's server. A directory whose build was killed ({@code kill -9}: no exit hook runs) is
 * cleaned up by the next build's start there, its server stopped first; a build is known to be alive by the lock it
 * holds there ({@link OwnerLock}).
 */
public final class BuildServers {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final String PASSWORD_FILE = "quantagent-started.password";

  private BuildServers() {}

  /**
   * Starts a throwaway server for this process in a new directory under {@code parent}.
   *
   * @param port 0 for any free port
   */
  public static EmbeddedPostgres start(PostgresBinaries binaries, Path parent, String database, int port,
      EventLog log) {
    Path root = parent.toAbsolutePath().normalize();
    try {
      OwnerLock.hold(root); // before this process's first directory there, so it is never taken for a killed one's
    } catch (IOException e) {
      throw new EmbeddedPostgresException("Could not create or lock the file that marks this build's PostgreSQL"
          + " servers in " + root + " as in use: " + e + ". Check the permissions there, or delete it (mvn clean).", e);
    }
    cleanUpAfterKilledBuilds(binaries, root, log);
    Path data = root.resolve(OwnerProcess.current().tag() + "-" + SEQUENCE.incrementAndGet());
    return EmbeddedPostgres.start(EmbeddedPostgresSettings.throwaway(binaries, data).withDatabase(database)
        .withPort(port), log);
  }

  /**
   * Writes the server's password to a file readable by its owner only, in the server's data directory, so that it
   * goes when the server stops: the integration tests read it there, and the password stays out of Maven's
   * properties, which {@code mvn -X} and a test report's system properties would show.
   */
  public static Path writePasswordFile(EmbeddedPostgres server) {
    Path file = server.dataDirectory().resolve(PASSWORD_FILE);
    try {
      WriteOnceFile.readOrCreate(file, server::password);
    } catch (IOException e) {
      throw new EmbeddedPostgresException("Could not write the password file " + file + " of the PostgreSQL server"
          + " started for this build: " + e + ".", e);
    }
    return file;
  }

  private static void cleanUpAfterKilledBuilds(PostgresBinaries binaries, Path root, EventLog log) {
    for (Map.Entry<OwnerProcess, List<Path>> owned : byOwner(root).entrySet()) {
      OwnerProcess owner = owned.getKey();
      Optional<OwnerLock.Release> dead;
      try {
        dead = OwnerLock.ifDead(root, owner);
      } catch (IOException e) {
        log.debug("Could not check whether the build " + owner.pid() + " still runs (" + e + "); leaving its files");
        continue;
      }
      if (dead.isEmpty()) {
        continue;
      }
      try (OwnerLock.Release release = dead.get()) {
        for (Path dir : owned.getValue()) {
          removeServer(binaries, dir, owner, log);
        }
      } catch (IOException e) {
        log.debug("Could not delete the lock file of the killed build " + owner.pid() + ": " + e);
      }
    }
  }

  /** The directories of each owner, and the lock files of owners that have none left. */
  private static Map<OwnerProcess, List<Path>> byOwner(Path root) {
    Map<OwnerProcess, List<Path>> byOwner = new LinkedHashMap<>();
    for (Path entry : children(root)) {
      if (Files.isDirectory(entry)) {
        // <owner tag>-<n>, or .<owner tag>-<n>.staging-... while its cluster was being copied
        String name = entry.getFileName().toString().replaceFirst("^\\.", "");
        OwnerProcess.fromSuffix(name, "").ifPresent(o -> byOwner.computeIfAbsent(o, k -> new ArrayList<>()).add(entry));
      } else if (OwnerLock.isLockFile(entry)) {
        OwnerLock.ownerOf(entry).ifPresent(o -> byOwner.computeIfAbsent(o, k -> new ArrayList<>()));
      }
    }
    return byOwner;
  }

  private static void removeServer(PostgresBinaries binaries, Path dir, OwnerProcess owner, EventLog log) {
    Optional<PostmasterPid> running = PostmasterPid.running(dir);
    if (running.isPresent()) {
      log.warn("Stopping the PostgreSQL server (pid " + running.get().pid() + ") of a build that was killed (pid "
          + owner.pid() + "), in " + dir);
      Path bin = binaries.binDirectory(log);
      Launcher launcher = Launcher.choose(PrivilegeMode.AUTO, PostgresBinaries.executable(bin, "postgres"), log);
      new PgCtl(bin, launcher, dir, log).stop();
    }
    try {
      FileTrees.deleteRecursively(dir);
    } catch (IOException e) {
      log.warn("Could not delete " + dir + ", left by a build that was killed: " + e + ". Delete it (mvn clean).");
    }
  }

  private static List<Path> children(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(root)) {
      return entries.toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
