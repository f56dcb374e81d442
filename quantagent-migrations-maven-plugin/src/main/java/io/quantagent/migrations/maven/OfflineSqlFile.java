package io.quantagent.migrations.maven;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.maven.plugin.logging.Log;

/** Writes the SQL of {@code -Dquantagent.sql=FILE}. */
final class OfflineSqlFile {
  private OfflineSqlFile() {}

  static void write(File file, String sql, Log log) {
    try {
      File parent = file.getAbsoluteFile().getParentFile();
      if (parent != null) {
        Files.createDirectories(parent.toPath());
      }
      Files.writeString(file.toPath(), sql, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the SQL to " + file + ": " + e.getMessage(), e);
    }
    log.info("Wrote the SQL to " + file + "; the database was not changed. Run it with: psql -v ON_ERROR_STOP=1 -f "
        + file);
  }
}
