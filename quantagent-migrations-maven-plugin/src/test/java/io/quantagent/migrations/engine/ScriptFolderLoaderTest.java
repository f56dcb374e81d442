package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What listing a scripts folder finds: each script's path, without a URL made for it; and the .sql files it would
 * never read, in a folder inside it, in a directory and in a jar alike.
 */
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

  @Test
  void aFolderInsideTheScriptsDirectoryWithSqlFilesInItIsAProblemNamingThem() throws Exception {
    Path year = Files.createDirectories(scripts.resolve("2026/january"));
    for (String name : List.of("20260101000001_a.sql", "20260101000002_b.sql", "20260101000003_c.sql")) {
      Files.writeString(year.resolve(name), "-- // " + name + "\n");
    }
    Files.writeString(scripts.resolve("2026/20260201000001_d.SQL"), "-- // d\n");
    Files.writeString(scripts.resolve("2026/notes.md"), "notes\n");
    Files.createDirectories(scripts.resolve("empty"));
    Files.writeString(Files.createDirectories(scripts.resolve(".idea")).resolve("scratch.sql"), "select 1;\n");

    ScriptFolderLoader loader = ScriptFolderLoader.directory(scripts);
    assertEquals(List.of(), loader.filenames());
    String january = Path.of("january") + java.io.File.separator;
    assertEquals(List.of(scripts.resolve("2026") + " holds 4 .sql files (20260201000001_d.SQL, " + january
        + "20260101000001_a.sql, " + january + "20260101000002_b.sql, ...), and no script in a folder inside "
        + scripts + " is read: migrations live directly in it (MyBatis Migrations reads one folder). Move them up"
        + " into " + scripts + " if they are migrations, or out of it if not."), loader.problems());
  }

  @Test
  void aFolderInsideTheJarsScriptsFolderIsNamedWithTheJar(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("quantagent-schema-1.0.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String entry : List.of("quantagent/", "quantagent/migrations/", "quantagent/migrations/" + SCRIPT,
          "quantagent/migrations/archive/", "quantagent/migrations/archive/1_old.sql",
          "quantagent/migrations/archive/README.md")) {
        out.putNextEntry(new JarEntry(entry));
        if (!entry.endsWith("/")) {
          out.write("-- // x\n".getBytes(StandardCharsets.UTF_8));
        }
        out.closeEntry();
      }
    }
    try (URLClassLoader classLoader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      ScriptFolderLoader loader = ScriptFolderLoader.classpath(classLoader, ScriptSource.CLASSPATH_FOLDER);
      assertEquals(List.of(SCRIPT), loader.filenames());
      assertEquals(List.of("quantagent/migrations/archive/ in quantagent-schema-1.0.jar holds 1 .sql file (1_old.sql),"
          + " and no script in a folder inside quantagent/migrations/ is read: migrations live directly in it (MyBatis"
          + " Migrations reads one folder). Move it up into quantagent/migrations/ if it is a migration, or out of it"
          + " if not."), loader.problems());
    }
  }
}
