package io.quantagent.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one-way direction of the plugin's code, made mechanical: only {@code maven} may know Maven, the connection
 * layer {@code db} knows nothing of the engine above it, and {@code lint} (on top of engine and schema) is known by
 * nothing but {@code maven}.
 */
class LayeringTest {
  private static final Path SOURCES = Path.of("src", "main", "java", "io", "quantagent", "migrations");
  private static final String MAVEN = "org.apache.maven|org.eclipse.aether|org.codehaus.plexus";
  private static final String LINT = "io.quantagent.migrations.lint";

  @ParameterizedTest(name = "{0} imports none of {1}")
  @CsvSource(delimiter = ';', value = {
      "db; " + MAVEN + "|io.quantagent.migrations.engine|io.quantagent.migrations.schema|" + LINT,
      "embedded; " + MAVEN + "|io.quantagent.migrations.engine|io.quantagent.migrations.schema|" + LINT,
      "engine; " + MAVEN + "|io.quantagent.migrations.schema|" + LINT,
      "events; " + MAVEN + "|" + LINT,
      "schema; " + MAVEN + "|" + LINT,
      "setup; " + MAVEN + "|io.quantagent.migrations.engine|io.quantagent.migrations.schema|" + LINT,
      "lint; " + MAVEN})
  void packageImportsNothingAboveIt(String packageName, String forbidden) {
    assertEquals(List.of(), importsOf(SOURCES.resolve(packageName), forbidden));
  }

  @ParameterizedTest(name = "every package but maven is listed")
  @CsvSource("db|embedded|engine|events|schema|lint|setup|maven")
  void everyPackageIsCovered(String known) throws IOException {
    try (Stream<Path> packages = Files.list(SOURCES)) {
      assertEquals(List.of(), packages.map(p -> p.getFileName().toString()).filter(p -> !p.matches(known)).toList(),
          "a new package needs its row in packageImportsNothingAboveIt");
    }
  }

  private static List<String> importsOf(Path directory, String forbidden) {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(f -> f.toString().endsWith(".java"))
          .flatMap(f -> lines(f).stream().filter(l -> l.matches("import (static )?(" + forbidden.replace(".", "\\.")
              + ")\\..*")).map(l -> directory.relativize(f) + ": " + l))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
