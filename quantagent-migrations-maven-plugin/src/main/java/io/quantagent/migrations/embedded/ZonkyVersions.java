package io.quantagent.migrations.embedded;

import java.util.Map;

/**
 * The newest zonky binaries release of each PostgreSQL major it publishes, for building an expected
 * schema on a server of the same major as a live one (deparsed definitions differ between majors).
 */
public final class ZonkyVersions {
  private static final Map<Integer, String> NEWEST = Map.of(
      12, "12.22.0", 13, "13.23.0", 14, "14.24.0", 15, "15.19.0", 16, "16.15.0", 17, "17.11.0", 18, "18.6.0");

  private ZonkyVersions() {}

  public static String forMajor(int major) {
    String version = NEWEST.get(major);
    if (version == null) {
      throw new EmbeddedPostgresException("No embedded PostgreSQL " + major + " is published (zonky publishes 12 to"
          + " 18). Give a scratch database of that version with -Dquantagent.scratchUrl instead.");
    }
    return version;
  }
}
