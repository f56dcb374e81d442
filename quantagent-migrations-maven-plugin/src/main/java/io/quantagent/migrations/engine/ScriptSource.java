package io.quantagent.migrations.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The migration scripts a run uses and, for the log, where they come from. */
public record ScriptSource(ScriptFolderLoader loader, String location) {

  public static final String CLASSPATH_FOLDER = "quantagent/migrations/";

  public static ScriptSource directory(Path directory) {
    return new ScriptSource(ScriptFolderLoader.directory(directory), "directory " + directory);
  }

  public static ScriptSource classpath(ClassLoader classLoader) {
    ScriptFolderLoader loader = ScriptFolderLoader.classpath(classLoader, CLASSPATH_FOLDER);
    List<String> origins = loader.filenames().stream().map(name -> ScriptUnion.origin(loader.url(name)))
        .distinct().sorted().toList();
    return new ScriptSource(loader, "classpath:" + CLASSPATH_FOLDER
        + (origins.isEmpty() ? "" : " (" + String.join(", ", origins) + ")"));
  }

  /**
   * The scripts directory (so a script just written by {@code create} runs at once) and the class path of the
   * plugin's dependencies (e.g. the schema jar), together when both have scripts; see {@link ScriptUnion}.
   */
  public static ScriptSource choose(Path directory, ClassLoader classLoader) {
    boolean hasDirectory = directory != null && Files.isDirectory(directory);
    ScriptSource classpath = classpath(classLoader);
    List<String> jarScripts = classpath.loader().filenames();
    if (hasDirectory && jarScripts.isEmpty()) {
      return directory(directory);
    }
    if (hasDirectory) {
      String directoryName = "directory " + directory;
      return new ScriptSource(ScriptUnion.of(ScriptFolderLoader.directory(directory), directoryName, classpath.loader()),
          directoryName + " and " + classpath.location());
    }
    if (jarScripts.isEmpty()) {
      throw new InvalidScriptException("No migration scripts: the scripts directory " + directory + " does not exist,"
          + " and the plugin's dependencies have no " + CLASSPATH_FOLDER + " folder. Set <scriptsDirectory> (or"
          + " -Dquantagent.scriptsDirectory) to the folder with your scripts, or add the schema jar"
          + " (io.quantagent:quantagent-schema) to the plugin's <dependencies>.");
    }
    return classpath;
  }

  /**
   * Checks that every script can be used, as the first operation on them would: for a goal to fail before it opens
   * a database (or starts the embedded one) when it would fail anyway. The scripts are read and checked once.
   *
   * @throws InvalidScriptException naming every problem
   */
  public void validate() {
    scripts();
  }

  /** All scripts, sorted by id, after checking that every one of them can be used. */
  List<MigrationInfo> scripts() {
    return loader.validScripts(() -> new ScriptValidator(this).validScripts());
  }

  String checksum(MigrationInfo migration) {
    return ScriptChecksum.of(loader.text(filename(migration)));
  }

  /** The change ({@code undo} false) or its reversal, as MyBatis reads them from the script. */
  String section(MigrationInfo migration, boolean undo) {
    return loader.section(filename(migration), undo);
  }

  String filename(MigrationInfo migration) {
    return loader.filename(migration.id())
        .orElseThrow(() -> new IllegalArgumentException("No script for " + migration));
  }
}
