package io.quantagent.migrations.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code .sql} files in a folder inside a scripts folder. MyBatis Migrations reads one folder, not the folders in
 * it (Flyway reads them all): a migration filed under {@code scripts/2026/} would never run while every run reported
 * nothing pending, so the validator names each such folder and nothing runs.
 */
final class NestedScripts {
  private static final int NAMED = 3;

  private NestedScripts() {}

  /** For a folder inside a scripts directory (a hidden one, such as an editor's, is not looked into). */
  static Optional<String> below(Path folder, String scriptsFolder) throws IOException {
    if (folder.getFileName().toString().startsWith(".")) {
      return Optional.empty();
    }
    try (Stream<Path> tree = Files.walk(folder)) {
      List<String> files = tree.filter(path -> ScriptFileName.isSqlFile(path.getFileName().toString()))
          .filter(Files::isRegularFile).map(path -> folder.relativize(path).toString()).sorted().toList();
      return problem(folder.toString(), files, scriptsFolder);
    }
  }

  /**
   * @param folder what the message calls the folder inside, e.g. its path, or its path in a jar and the jar
   * @param files the {@code .sql} files in it, by their paths inside it
   */
  static Optional<String> problem(String folder, List<String> files, String scriptsFolder) {
    if (files.isEmpty()) {
      return Optional.empty();
    }
    String named = String.join(", ", files.subList(0, Math.min(NAMED, files.size())))
        + (files.size() > NAMED ? ", ..." : "");
    return Optional.of(folder + " holds " + files.size() + (files.size() == 1 ? " .sql file" : " .sql files") + " ("
        + named + "), and no script in a folder inside " + scriptsFolder + " is read: migrations live directly in it"
        + " (MyBatis Migrations reads one folder). Move " + (files.size() == 1 ? "it" : "them") + " up into "
        + scriptsFolder + " if " + (files.size() == 1 ? "it is a migration" : "they are migrations")
        + ", or out of it if not.");
  }
}
