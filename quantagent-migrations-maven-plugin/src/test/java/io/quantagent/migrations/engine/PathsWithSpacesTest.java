package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windows users' home directories often hold a space ({@code C:\Users\John Doe\.m2\...}), and so do macOS folders:
 * scripts are found and read from such directories, and from jars and class path folders below them, whose URLs
 * carry the space as {@code %20}.
 */
class PathsWithSpacesTest {
  private static final String SCRIPT = "20250101000001_create_orders.sql";
  private static final String TEXT = "-- // create orders\nCREATE TABLE orders (id int);\n\n-- //@UNDO\nDROP TABLE orders;\n";

  @TempDir Path temp;

  @Test
  void aScriptsDirectoryWithSpacesInItsPath() throws Exception {
    Path scripts = Files.createDirectories(temp.resolve("John Doe").resolve("my project").resolve("migrations"));
    Files.writeString(scripts.resolve(SCRIPT), TEXT);
    ScriptFolderLoader loader = ScriptFolderLoader.directory(scripts);
    assertEquals(List.of(SCRIPT), loader.filenames());
    assertEquals(TEXT, loader.text(SCRIPT));
  }

  @Test
  void aClassPathFolderWithSpacesInItsPath() throws Exception {
    Path root = Files.createDirectories(temp.resolve("John Doe").resolve("classes"));
    Path folder = Files.createDirectories(root.resolve("quantagent").resolve("migrations"));
    Files.writeString(folder.resolve(SCRIPT), TEXT);
    assertReadable(root.toUri().toURL());
  }

  @Test
  void aJarWithSpacesInItsPath() throws Exception {
    Path jar = Files.createDirectories(temp.resolve("John Doe").resolve(".m2 repo")).resolve("schema 1.0.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("quantagent/migrations/"));
      out.putNextEntry(new JarEntry("quantagent/migrations/" + SCRIPT));
      out.write(TEXT.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    assertReadable(jar.toUri().toURL());
  }

  private static void assertReadable(URL classPathEntry) throws Exception {
    assertTrue(classPathEntry.toString().contains("John%20Doe"), classPathEntry.toString());
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classPathEntry}, null)) {
      ScriptFolderLoader scripts = ScriptFolderLoader.classpath(loader, "quantagent/migrations");
      assertEquals(List.of(SCRIPT), scripts.filenames());
      assertEquals(TEXT, scripts.text(SCRIPT));
    }
  }
}
