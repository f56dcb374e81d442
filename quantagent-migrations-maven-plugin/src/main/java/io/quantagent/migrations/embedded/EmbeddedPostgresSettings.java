package io.quantagent.migrations.embedded;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * What {@link EmbeddedPostgres#start} needs. Start from {@link #throwaway} or {@link #persistent} and adjust with the
 * {@code with*} methods.
 *
 * @param binaries where initdb, pg_ctl and postgres come from
 * @param dataDirectory the cluster's directory; initdb runs when it has no {@code PG_VERSION}
 * @param port the TCP port on 127.0.0.1; 0 picks a free one at each start
 * @param persistent false: the data directory is deleted on close, and the server trades durability for speed
 * @param user the superuser, created by initdb
 * @param password the superuser's password (scram-sha-256)
 * @param database created when missing
 * @param privilegeMode how to launch the binaries; {@link PrivilegeMode#AUTO} except in tests
 */
public record EmbeddedPostgresSettings(PostgresBinaries binaries, Path dataDirectory, int port, boolean persistent,
    String user, String password, String database, PrivilegeMode privilegeMode) {

  public EmbeddedPostgresSettings {
    Objects.requireNonNull(binaries, "binaries");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(privilegeMode, "privilegeMode");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535, not " + port);
    }
    requireName(user, "user");
    requireName(database, "database");
    if (password == null || password.isEmpty() || password.contains("\n")) {
      throw new IllegalArgumentException("password must be one non-empty line");
    }
  }

  /** A server for one run: any free port, a random password, deleted on close. */
  public static EmbeddedPostgresSettings throwaway(PostgresBinaries binaries, Path dataDirectory) {
    return new EmbeddedPostgresSettings(binaries, dataDirectory, 0, false, "postgres", randomPassword(), "postgres",
        PrivilegeMode.AUTO);
  }

  /** A server whose data is kept between runs; the password must stay the same from run to run. */
  public static EmbeddedPostgresSettings persistent(PostgresBinaries binaries, Path dataDirectory, String user,
      String password, String database) {
    return new EmbeddedPostgresSettings(binaries, dataDirectory, 0, true, user, password, database,
        PrivilegeMode.AUTO);
  }

  public EmbeddedPostgresSettings withPort(int port) {
    return new EmbeddedPostgresSettings(binaries, dataDirectory, port, persistent, user, password, database,
        privilegeMode);
  }

  public EmbeddedPostgresSettings withDatabase(String database) {
    return new EmbeddedPostgresSettings(binaries, dataDirectory, port, persistent, user, password, database,
        privilegeMode);
  }

  public EmbeddedPostgresSettings withPassword(String password) {
    return new EmbeddedPostgresSettings(binaries, dataDirectory, port, persistent, user, password, database,
        privilegeMode);
  }

  public EmbeddedPostgresSettings withPrivilegeMode(PrivilegeMode privilegeMode) {
    return new EmbeddedPostgresSettings(binaries, dataDirectory, port, persistent, user, password, database,
        privilegeMode);
  }

  /** 24 random bytes, URL-safe: no quoting trouble in a pwfile or a JDBC property. */
  public static String randomPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Never shows the password: settings end up in logs and exception messages. */
  @Override
  public String toString() {
    return "EmbeddedPostgresSettings[binaries=" + binaries + ", dataDirectory=" + dataDirectory + ", port=" + port
        + ", persistent=" + persistent + ", user=" + user + ", password=****, database=" + database
        + ", privilegeMode=" + privilegeMode + "]";
  }

  /** Letters, digits and _, not starting with a digit, at most 63: a name that needs no quoting anywhere. */
  public static boolean isPlainIdentifier(String value) {
    return value != null && value.matches("[A-Za-z_][A-Za-z0-9_]{0,62}");
  }

  private static void requireName(String value, String what) {
    if (!isPlainIdentifier(value)) {
      throw new IllegalArgumentException(what + " must be a plain PostgreSQL identifier (letters, digits, _), not "
          + value);
    }
  }
}
