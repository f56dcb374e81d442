package io.quantagent.migrations.embedded;

import io.quantagent.migrations.events.EventLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The database the plugin uses when no URL is configured: a persistent embedded PostgreSQL with its data in
 * {@code <baseDir>/.quantagent/pgdata} and the database {@code quantagent_dev}, on a port kept for the project. Its
 * superuser password is generated at the first start and kept beside the data, readable by the owner only, so that
 * the next build can connect. Every goal and process using it shares one server, which stops when the last ends.
 * Only the start that makes the cluster connects to it; after that, the first connection of whoever uses the server
 * mends a database dropped by hand ({@link EmbeddedPostgres#createDatabaseIfMissing}).
 */
public final class DevelopmentDatabase {
  public static final String DATABASE = "quantagent_dev";
  public static final String USER = "quantagent";
  static final String DIRECTORY = ".quantagent";

  private DevelopmentDatabase() {}

  /** Starts the development database of the project in {@code baseDir} on its kept port, or joins it. */
  public static EmbeddedPostgres start(Path baseDir, PostgresBinaries binaries, EventLog log) {
    return start(baseDir, binaries, 0, PrivilegeMode.AUTO, log);
  }

  /**
   * Starts the development database, or joins it when it runs.
   *
   * @param port 0: the port kept in {@code .quantagent/port} (chosen at the first start); else this one, kept from
   *     the start that launches the server on it (a server that already runs keeps its port, with a warning)
   */
  public static EmbeddedPostgres start(Path baseDir, PostgresBinaries binaries, int port, EventLog log) {
    return start(baseDir, binaries, port, PrivilegeMode.AUTO, log);
  }

  static EmbeddedPostgres start(Path baseDir, PostgresBinaries binaries, int port, PrivilegeMode mode,
      EventLog log) {
    Path project = baseDir.toAbsolutePath().normalize();
    Path home = project.resolve(DIRECTORY);
    Path data = dataDirectory(baseDir);
    String password;
    int kept;
    try {
      createHome(home);
      password = password(home, data, passwordFile(baseDir));
      kept = StablePort.resolve(home.resolve("port"), port, project);
    } catch (IOException e) {
      throw new EmbeddedPostgresException("Could not prepare the development database's directory " + home + ": "
          + e + ". Check that it is writable.", e);
    }
    EmbeddedPostgres server = EmbeddedPostgres.start(EmbeddedPostgresSettings.persistent(binaries, data, USER,
        password, DATABASE).withPort(kept).withPrivilegeMode(mode), EmbeddedPostgres.DatabaseCheck.NEW_CLUSTER_ONLY,
        log);
    if (port != 0) {
      keepRequestedPort(home.resolve("port"), port, server, log);
    }
    log.info("Development database: " + server.jdbcUrl() + " (user " + USER + ", password in "
        + passwordFile(baseDir) + ")");
    return server;
  }

  /**
   * A running server keeps its port, so a port asked for while the project's server runs on another one waits for a
   * start after it stops. Until a server listens on it, {@code .quantagent/port} keeps naming the port in use, which
   * is what a database tool or a person reading it needs.
   */
  private static void keepRequestedPort(Path file, int requested, EmbeddedPostgres server, EventLog log) {
    if (server.port() != requested) {
      log.warn("The development database of this project already runs on port " + server.port() + " (pid "
          + server.pid() + "), so this build uses it there, not on the port " + requested + " that"
          + " -Dquantagent.port (or <port>) asks for: a running server keeps its port. To move it, stop it (end"
          + " quantagent:dev and the other builds that use it, or kill " + server.pid() + "), then run again with"
          + " -Dquantagent.port=" + requested + ".");
      return;
    }
    try {
      StablePort.keep(file, requested);
    } catch (IOException e) {
      server.close();
      throw new EmbeddedPostgresException("Could not keep the development database's port " + requested + " in "
          + file + ": " + e + ". Check that " + file.getParent() + " is writable.", e);
    }
  }

  /**
   * What to do when the server on a development database's data directory refuses the password file's password, or
   * empty for another data directory. The cluster keeps the password it was created with, restart or not, and only
   * the file holds it in plain text: so the file must get it back, or the cluster must go.
   */
  static Optional<String> wrongPasswordAdvice(Path data) {
    Path home = data.getParent();
    if (home == null || !data.endsWith("pgdata") || !home.endsWith(DIRECTORY)) {
      return Optional.empty();
    }
    return Optional.of("The server running on " + data + " expects another password than " + passwordFile(
        home.getParent()) + " holds: the file no longer holds the password the database was created with, which the"
        + " server keeps, restart or not. Put the file's earlier content back (from a backup, or by"
        + " undoing the edit). Or start afresh: end quantagent:dev and any other build still using the database"
        + " (Ctrl-C; the server stops with its last user), then delete " + home + ". That drops the development"
        + " database and all its data; the next goal creates an empty one with a new password.");
  }

  public static Path dataDirectory(Path baseDir) {
    return baseDir.toAbsolutePath().normalize().resolve(DIRECTORY).resolve("pgdata");
  }

  public static Path passwordFile(Path baseDir) {
    return baseDir.toAbsolutePath().normalize().resolve(DIRECTORY).resolve("pgdata.password");
  }

  /**
   * How a person reaches the running development database from outside the build: the JDBC URL, a {@code psql}
   * command line, and a {@code DATABASE_URL} line for the shell. None of them shows the password: psql reads it from
   * a password file written beside the data now, the shell from the password file.
   */
  public static List<String> howToConnect(EmbeddedPostgres server, Path baseDir) {
    Path home = baseDir.toAbsolutePath().normalize().resolve(DIRECTORY);
    Path passfile = home.resolve("pgpass");
    try {
      Path draft = Files.createTempFile(home, ".pgpass", ".draft");
      FileTrees.setMode(draft, 0600);
      Files.writeString(draft, "127.0.0.1:" + server.port() + ":*:" + server.user() + ":"
          + server.password().replace("\\", "\\\\").replace(":", "\\:") + "\n", StandardCharsets.UTF_8);
      Files.move(draft, passfile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new EmbeddedPostgresException("Could not write the password file for psql " + passfile + ": " + e
          + ". Check that " + home + " is writable.", e);
    }
    String address = "127.0.0.1:" + server.port() + "/" + server.database();
    return List.of(
        "JDBC URL:     " + server.jdbcUrl() + " (user " + server.user() + ", password in " + passwordFile(baseDir)
            + ")",
        "psql:         psql \"postgresql://" + server.user() + "@" + address + "?passfile=" + uriPath(passfile) + "\"",
        "DATABASE_URL: export DATABASE_URL=\"postgresql://" + server.user() + ":$(cat '" + passwordFile(baseDir)
            + "')@" + address + "\"");
  }

  /** A path as a URI query value: unreserved characters and slashes as they are, the rest percent-encoded. */
  private static String uriPath(Path path) {
    StringBuilder out = new StringBuilder();
    for (byte b : path.toString().getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "/-._~".indexOf(c) >= 0)) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static void createHome(Path home) throws IOException {
    Files.createDirectories(home);
    Path ignore = home.resolve(".gitignore");
    if (!Files.exists(ignore)) {
      Files.writeString(ignore, "# The embedded development database: local data, not for version control.\n*\n",
          StandardCharsets.UTF_8);
    }
  }

  private static String password(Path home, Path data, Path file) throws IOException {
    if (!Files.exists(file) && ClusterInitializer.holdsCluster(data)) {
      throw new EmbeddedPostgresException("The development database in " + data + " exists but its password file "
          + file + " is gone, so nothing can log in. Delete " + home + " to start over with an empty database"
          + " (its data is lost), or restore the file.");
    }
    return WriteOnceFile.readOrCreate(file, EmbeddedPostgresSettings::randomPassword);
  }
}
