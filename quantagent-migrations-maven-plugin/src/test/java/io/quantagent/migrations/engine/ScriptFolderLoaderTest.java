package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What listing a scripts directory finds, now that it keeps each script's path and makes no URL for it. */
class ScriptFolderLoaderTest {
  private static final String SCRIPT = "20250101000001_create_orders.sql";

  @TempDir Path scripts;

  @Test
  void onlyRegularFilesNamedLikeScriptsAreScripts() throws Exception {
    Files.writeString(scripts.resolve(SCRIPT), "-- // create orders\n");
    Files.createDirectory(scripts.resolve("20250101000002_a_folder.sql"));
    Files.writeString(scripts.resolve("bootstrap.sql"), "-- MyBatis' bootstrap, not a migration\n");
    Files.writeString(scripts.resolve("README.md"), "notes\n");
    assertEquals(List.of(SCRIPT), ScriptFolderLoader.directory(scripts).filenames());
  }

  @Test
  void aScriptsUrlForMessagesIsItsFilesUrl() throws Exception {
    Files.writeString(scripts.resolve(SCRIPT), "-- // create orders\n");
    assertEquals(scripts.resolve(SCRIPT).toUri().toURL(), ScriptFolderLoader.directory(scripts).url(SCRIPT));
  }
}
