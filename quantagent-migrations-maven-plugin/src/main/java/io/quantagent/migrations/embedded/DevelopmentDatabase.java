package io.quantagent.migrations.embedded;

import io.quantagent.migrations.events.EventLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The database the plugin uses when no URL is configured: a persistent embedded PostgreSQL with its data in
 * {@code <baseDir>/.quantagent/pgdata} and the database {@code quantagent_dev}. Its superuser password is generated
 * at the first start and kept beside the data, readable by the owner only, so that the next build can connect.
 */
public final class DevelopmentDatabase {
  public static final String DATABASE = "quantagent_dev";
  public static final String USER = "quantagent";
  static final String DIRECTORY = ".quantagent";

  private DevelopmentDatabase() {}

  /** Starts the development database of the project in {@code baseDir}, or reuses it when it already runs. */
  public static EmbeddedPostgres start(Path baseDir, PostgresBinaries binaries, EventLog log) {
    return start(baseDir, binaries, PrivilegeMode.AUTO, log);
  }

  static EmbeddedPostgres start(Path baseDir, PostgresBinaries binaries, PrivilegeMode mode, EventLog log) {
    Path home = baseDir.toAbsolutePath().normalize().resolve(DIRECTORY);
    Path data = dataDirectory(baseDir);
    log.info("No database URL configured (-Dquantagent.url or DATABASE_URL): using the embedded development"
        + " database in " + data);
    String password = password(home, data, passwordFile(baseDir));
    EmbeddedPostgres server = EmbeddedPostgres.start(
        EmbeddedPostgresSettings.persistent(binaries, data, USER, password, DATABASE).withPrivilegeMode(mode), log);
    log.info("Development database: " + server.jdbcUrl() + " (user " + USER + ", password in "
        + passwordFile(baseDir) + ")");
    return server;
  }

  public static Path dataDirectory(Path baseDir) {
    return baseDir.toAbsolutePath().normalize().resolve(DIRECTORY).resolve("pgdata");
  }

  public static Path passwordFile(Path baseDir) {
    return baseDir.toAbsolutePath().normalize().resolve(DIRECTORY).resolve("pgdata.password");
  }

  private static String password(Path home, Path data, Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      if (Files.exists(data.resolve("PG_VERSION"))) {
        throw new EmbeddedPostgresException("The development database in " + data + " exists but its password file "
            + file + " is gone, so nothing can log in. Delete " + home + " to start over with an empty database"
            + " (its data is lost), or restore the file.");
      }
      Files.createDirectories(home);
      Path ignore = home.resolve(".gitignore");
      if (!Files.exists(ignore)) {
        Files.writeString(ignore, "# The embedded development database: local data, not for version control.\n*\n");
      }
      // Written whole under another name, then moved: a concurrent first start reads a complete file or makes its own.
      Path draft = Files.createTempFile(home, "pgdata.password", ".tmp");
      FileTrees.setMode(draft, 0600);
      Files.writeString(draft, EmbeddedPostgresSettings.randomPassword() + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(draft, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        Files.delete(draft);
      }
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new EmbeddedPostgresException("Could not create the development database's password file " + file + ": "
          + e + ". Check that " + home + " is writable.", e);
    }
  }
}
