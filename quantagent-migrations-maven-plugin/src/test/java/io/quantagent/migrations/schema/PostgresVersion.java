package io.quantagent.migrations.schema;

import io.quantagent.migrations.embedded.PostgresBinaries;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

/** The servers the schema tests run on: the zonky PostgreSQL 17 the plugin embeds, and the system's 15 if installed. */
enum PostgresVersion {
  POSTGRES_17,
  POSTGRES_15;

  SchemaTestServer start() {
    return SchemaTestServer.start(this == POSTGRES_17
        ? SchemaTestServer.zonky()
        : PostgresBinaries.installed(SchemaTestServer.SYSTEM_POSTGRES_15));
  }

  boolean available() {
    return this == POSTGRES_17 || Files.isExecutable(SchemaTestServer.SYSTEM_POSTGRES_15.resolve("postgres"));
  }

  /** For {@code @MethodSource}: the versions this machine can run. */
  static List<PostgresVersion> installed() {
    return Arrays.stream(values()).filter(PostgresVersion::available).toList();
  }
}
