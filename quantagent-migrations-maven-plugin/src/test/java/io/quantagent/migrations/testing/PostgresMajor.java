package io.quantagent.migrations.testing;

import io.quantagent.migrations.embedded.PostgresBinaries;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PostgreSQL versions the tests run on: 17 from zonky's binaries (what the plugin embeds) and the machine's own
 * 15, a second server version that a user's live database may have.
 */
public enum PostgresMajor {
  V17(17),
  V15(15);

  private static final Path SYSTEM_15 = Path.of("/usr/lib/postgresql/15/bin");

  private final int number;

  PostgresMajor(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }

  public boolean installed() {
    return this == V17 || Files.isExecutable(SYSTEM_15.resolve("postgres"));
  }

  /** Fails under CI=true, skips elsewhere, when this version is not on the machine. */
  public void requireInstalled() {
    Prerequisite.require(installed(), "the system PostgreSQL 15 in " + SYSTEM_15
        + " (apt-get install postgresql-15)");
  }

  PostgresBinaries binaries() {
    return this == V17
        ? PostgresBinaries.fromClasspath(PostgresMajor.class.getClassLoader())
        : PostgresBinaries.installed(SYSTEM_15);
  }

  @Override
  public String toString() {
    return "PostgreSQL " + number;
  }
}
