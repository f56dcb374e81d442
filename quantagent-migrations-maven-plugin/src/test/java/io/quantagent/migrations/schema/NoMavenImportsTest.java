package io.quantagent.migrations.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The schema package is plain engine code: only the maven package may import Maven. */
class NoMavenImportsTest {
  @Test
  void schemaPackageImportsNoMaven() throws IOException {
    Path sources = Path.of("src", "main", "java", "io", "quantagent", "migrations", "schema");
    try (Stream<Path> files = Files.list(sources)) {
      List<String> offenders = files.filter(f -> read(f).contains("import org.apache.maven"))
          .map(f -> f.getFileName().toString()).toList();
      assertEquals(List.of(), offenders);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
