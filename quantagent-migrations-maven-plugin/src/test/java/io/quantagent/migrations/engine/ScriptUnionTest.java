package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer takes QuantAgent's scripts from the schema jar and writes its own with create: the directory never
 * hides the jar's scripts, and where the two disagree the run fails naming both.
 */
@ExtendWith(PostgresFixture.class)
class ScriptUnionTest {
  private static final String ORDERS = "-- // create orders\ncreate table orders (id int);\n-- //@UNDO\ndrop table orders;\n";
  private static final String FILLS = "-- // create fills\ncreate table fills (id int);\n-- //@UNDO\ndrop table fills;\n";

  private Path directory;
  private ClassLoader withJar;

  @BeforeEach
  void aSchemaJar(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("quantagent-schema-1.0.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      put(out, "quantagent/migrations/20250101000001_create_orders.sql", ORDERS);
      put(out, "quantagent/migrations/20250101000002_create_fills.sql", FILLS);
    }
    withJar = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
    directory = dir.resolve("src/main/resources/quantagent/migrations");
  }

  @Test
  void aScriptCreatedBesideTheJarRunsWithItsScriptsAndHistoryMissesNone(TestDatabase db) throws Exception {
    migrator(db).upgrade(new Target.Head());
    Path created = new ScriptCreator(directory, Clock.systemUTC())
        .after(ScriptSource.classpath(withJar).loader().filenames()).create("add risk");
    Files.writeString(created, "-- // add risk\ncreate table risk (id int);\n-- //@UNDO\ndrop table risk;\n");
    ScriptSource scripts = ScriptSource.choose(directory, withJar);
    assertEquals("directory " + directory + " and classpath:quantagent/migrations/ (quantagent-schema-1.0.jar)",
        scripts.location());
    List<HistoryEntry> history = migrator(db).history();
    assertEquals(List.of(Integrity.OK, Integrity.OK, Integrity.PENDING),
        history.stream().map(HistoryEntry::integrity).toList());
    assertEquals(1, migrator(db).upgrade(new Target.Head()).runs().size());
    assertEquals(List.of("changelog", "fills", "orders", "risk"), db.tables());
  }

  @Test
  void aCopyOfAJarScriptThatAgreesIsOneScript(TestDatabase db) throws Exception {
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("20250101000001_create_orders.sql"), ORDERS.replace("\n", "\r\n"));
    assertEquals(2, migrator(db).upgrade(new Target.Head()).runs().size());
  }

  @Test
  void aCopyThatDiffersFailsNamingBoth(TestDatabase db) throws Exception {
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("20250101000001_create_orders.sql"), ORDERS.replace("id int", "id bigint"));
    Files.writeString(directory.resolve("20250101000002_add_fills.sql"), FILLS);
    InvalidScriptException e = assertThrows(InvalidScriptException.class, () -> migrator(db).upgrade(new Target.Head()));
    assertEquals("Cannot use the scripts in directory " + directory + " and classpath:quantagent/migrations/"
        + " (quantagent-schema-1.0.jar):\n"
        + "  - 20250101000001_create_orders.sql in directory " + directory + " differs from the one in"
        + " quantagent-schema-1.0.jar. Scripts are read from both; keep one 20250101000001_create_orders.sql: delete"
        + " the directory's copy if the jar's is right, or, if the directory holds all your scripts, remove the jar"
        + " from the plugin's <dependencies>\n"
        + "  - id 20250101000002 is 20250101000002_add_fills.sql in directory " + directory + " but"
        + " 20250101000002_create_fills.sql in quantagent-schema-1.0.jar. Scripts are read from both; keep one"
        + " 20250101000002_add_fills.sql: delete the directory's copy if the jar's is right, or, if the directory"
        + " holds all your scripts, remove the jar from the plugin's <dependencies>", e.getMessage());
    assertEquals(List.of(), db.tables());
  }

  @Test
  void aScriptFiledInAFolderInsideTheDirectoryStopsTheRunBesideTheJar(TestDatabase db) throws Exception {
    Path drafts = Files.createDirectories(directory.resolve("drafts"));
    Files.writeString(drafts.resolve("20250101000003_add_risk.sql"), FILLS.replace("fills", "risk"));
    InvalidScriptException e = assertThrows(InvalidScriptException.class, () -> migrator(db).upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("\n  - " + drafts + " holds 1 .sql file (20250101000003_add_risk.sql), and no"
        + " script in a folder inside " + directory + " is read"), e.getMessage());
    assertEquals(List.of(), db.tables());
  }

  @Test
  void createdIdsComeAfterTheJarsEvenWhenItsAreFromTheFuture(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("later.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      put(out, "quantagent/migrations/20991231235959_later.sql", ORDERS);
    }
    ClassLoader later = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
    Clock now = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);
    Path created = new ScriptCreator(directory, now).after(ScriptSource.classpath(later).loader().filenames())
        .create("next");
    assertEquals("21000101000000_next.sql", created.getFileName().toString());
  }

  @Test
  void aDirectoryAloneOrAJarAloneIsWhatItWas(@TempDir Path dir) throws Exception {
    assertEquals("classpath:quantagent/migrations/ (quantagent-schema-1.0.jar)",
        ScriptSource.choose(directory, withJar).location());
    Files.createDirectories(directory);
    assertTrue(ScriptSource.choose(directory, new URLClassLoader(new URL[0], null)).location()
        .equals("directory " + directory));
  }

  private Migrator migrator(TestDatabase db) {
    return new Migrator(db.connections(), ScriptSource.choose(directory, withJar), "changelog", EventLog.silent());
  }

  /** Writes an entry, after the folder entries a jar built by Maven has (class path listing relies on them). */
  private static void put(JarOutputStream jar, String name, String text) throws Exception {
    for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
      try {
        jar.putNextEntry(new JarEntry(name.substring(0, slash + 1)));
        jar.closeEntry();
      } catch (java.util.zip.ZipException duplicate) {
        // written with an earlier entry
      }
    }
    jar.putNextEntry(new JarEntry(name));
    OutputStream out = jar;
    out.write(text.getBytes(StandardCharsets.UTF_8));
    jar.closeEntry();
  }
}
