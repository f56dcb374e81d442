package io.quantagent.migrations.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.ibatis.migration.FileMigrationLoader;
import org.apache.ibatis.migration.MigrationLoader;

/** The migration scripts a run uses and, for the log, where they come from. */
public record ScriptSource(MigrationLoader loader, String location) {

  public static final String CLASSPATH_FOLDER = "quantagent/migrations/";

  public static ScriptSource directory(Path directory) {
    return new ScriptSource(new FileMigrationLoader(directory.toFile(), StandardCharsets.UTF_8.name(), new Properties()),
        "directory " + directory);
  }

  public static ScriptSource classpath(ClassLoader classLoader) {
    return new ScriptSource(new ClasspathMigrationLoader(classLoader, CLASSPATH_FOLDER),
        "classpath:" + CLASSPATH_FOLDER);
  }

  /**
   * The scripts directory when it exists (so a script just written by {@code create} runs at once),
   * otherwise the class path of the plugin's dependencies (e.g. the schema jar).
   */
  public static ScriptSource choose(Path directory, ClassLoader classLoader) {
    if (directory != null && Files.isDirectory(directory)) {
      return directory(directory);
    }
    return classpath(classLoader);
  }

  /** All scripts, sorted by id, with their names checked. */
  List<MigrationInfo> scripts() {
    return loader.getMigrations().stream()
        .peek(change -> ScriptFileName.parse(change.getFilename()))
        .map(MigrationInfo::of)
        .sorted()
        .toList();
  }
}
