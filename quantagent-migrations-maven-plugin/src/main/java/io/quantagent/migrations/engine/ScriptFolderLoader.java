package io.quantagent.migrations.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.ibatis.migration.Change;
import org.apache.ibatis.migration.MigrationLoader;
import org.apache.ibatis.migration.MigrationReader;

/**
 * Reads MyBatis migration scripts from one folder: a directory, or a folder of a class path (jars and
 * directories alike), which MyBatis Migrations itself cannot. Each script is read once, and cut once by MyBatis'
 * {@code MigrationReader} into the change and its {@code @UNDO} part: a run asks for a section several times (plan,
 * checks, MyBatis' own walk), which at 10,000 scripts cost more CPU than sending them.
 */
public final class ScriptFolderLoader implements MigrationLoader {
  private static final int CHUNK = 2048;
  private final TreeMap<String, ScriptLocation> scripts;
  private final List<String> problems;
  private final Map<String, ScriptFileName> names = new ConcurrentHashMap<>();
  private final Map<String, String> texts = new ConcurrentHashMap<>();
  private final Map<String, String> changes = new ConcurrentHashMap<>();
  private final Map<String, String> undos = new ConcurrentHashMap<>();
  private volatile Map<BigDecimal, String> filenamesById;
  private volatile List<MigrationInfo> validScripts;

  ScriptFolderLoader(TreeMap<String, ScriptLocation> scripts, List<String> problems) {
    this.scripts = scripts;
    this.problems = List.copyOf(problems);
  }

  public static ScriptFolderLoader directory(Path directory) {
    TreeMap<String, ScriptLocation> found = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    if (Files.isDirectory(directory)) {
      try {
        for (Path file : filesIn(directory, problems)) {
          String name = file.getFileName().toString();
          if (ScriptFileName.isScript(name)) {
            found.put(name, new ScriptLocation.File(file));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + directory + ": " + e.getMessage(), e);
      }
    }
    return new ScriptFolderLoader(found, problems);
  }

  public static ScriptFolderLoader classpath(ClassLoader classLoader, String folder) {
    String prefix = folder.endsWith("/") ? folder : folder + "/";
    TreeMap<String, ScriptLocation> found = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    try {
      Enumeration<URL> roots = classLoader.getResources(prefix);
      while (roots.hasMoreElements()) {
        for (String name : list(roots.nextElement(), prefix, problems)) {
          if (ScriptFileName.isScript(name)) {
            found.putIfAbsent(name, new ScriptLocation.Resource(classLoader.getResource(prefix + name)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list classpath:" + prefix + ": " + e.getMessage(), e);
    }
    return new ScriptFolderLoader(found, problems);
  }

  /**
   * What is wrong with the folder beyond any one script: {@code .sql} files in a folder inside it
   * ({@link NestedScripts}), scripts of two folders that disagree ({@link ScriptUnion}). The validator reports these.
   */
  List<String> problems() {
    return problems;
  }

  /** Where a script was found, for a union of folders. */
  ScriptLocation location(String filename) {
    return scripts.get(filename);
  }

  /** Where a script was found: its URL, for messages. */
  URL url(String filename) {
    return scripts.get(filename).url();
  }

  /** Script file names, sorted. */
  public List<String> filenames() {
    return new ArrayList<>(scripts.keySet());
  }

  /**
   * The file name of the script with this id, found in an index built once (a run asks once per migration);
   * names that are not {@code <id>_<description>.sql} are left out (the validator reports them).
   */
  public Optional<String> filename(BigDecimal id) {
    Map<BigDecimal, String> index = filenamesById;
    if (index == null) {
      Map<BigDecimal, String> byId = new HashMap<>();
      for (String filename : scripts.keySet()) {
        id(filename).ifPresent(scriptId -> byId.putIfAbsent(scriptId, filename));
      }
      filenamesById = index = byId;
    }
    return Optional.ofNullable(index.get(id.stripTrailingZeros()));
  }

  /**
   * The id and description in a script's file name, parsed once however often the validator, the id index and
   * MyBatis' walk ask.
   *
   * @throws InvalidScriptException when the name is not {@code <id>_<description>.sql}
   */
  ScriptFileName name(String filename) {
    return names.computeIfAbsent(filename, ScriptFileName::parse);
  }

  /** The id in a script's file name, as ids compare ({@code 1.0} is {@code 1}); empty when it is not a script name. */
  Optional<BigDecimal> id(String filename) {
    try {
      return Optional.of(name(filename).id().stripTrailingZeros());
    } catch (InvalidScriptException notAScriptName) {
      return Optional.empty(); // the validator reports it
    }
  }

  /**
   * The scripts as {@code validation} accepted them, validated once however often a goal asks (before it opens the
   * database, then in each operation). A refusal is not kept: it is thrown again.
   */
  List<MigrationInfo> validScripts(Supplier<List<MigrationInfo>> validation) {
    List<MigrationInfo> valid = validScripts;
    if (valid == null) {
      validScripts = valid = List.copyOf(validation.get());
    }
    return valid;
  }

  /**
   * The whole text of a script, as written (without a byte order mark).
   *
   * @throws InvalidScriptException when the file is not UTF-8 text
   */
  public String text(String filename) {
    return texts.computeIfAbsent(filename, this::read);
  }

  @Override
  public List<Change> getMigrations() {
    List<Change> changes = new ArrayList<>();
    for (String filename : scripts.keySet()) {
      Change change = name(filename).toChange();
      change.setFilename(filename); // as written: 001_x.sql stays 001_x.sql
      changes.add(change);
    }
    return new IndexedChanges(changes);
  }

  /** The change ({@code undo} false) or its reversal, as MyBatis' {@code MigrationReader} cuts them from the script. */
  public String section(String filename, boolean undo) {
    return (undo ? undos : changes).computeIfAbsent(filename, name -> cut(name, undo));
  }

  @Override
  public Reader getScriptReader(Change change, boolean undo) {
    return new StringReader(section(change.getFilename(), undo));
  }

  @Override
  public Reader getBootstrapReader() {
    return null;
  }

  @Override
  public Reader getOnAbortReader() {
    return null;
  }

  private String cut(String filename, boolean undo) {
    byte[] bytes = text(filename).getBytes(StandardCharsets.UTF_8);
    try (Reader reader = new MigrationReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8.name(), undo,
        new Properties())) {
      // Not Reader.transferTo: its 16 KB buffer per call was half the time of cutting 10,000 scripts' 20,000 sections.
      StringBuilder section = new StringBuilder(bytes.length);
      char[] chunk = new char[Math.min(bytes.length + 1, CHUNK)];
      for (int read = reader.read(chunk); read >= 0; read = reader.read(chunk)) {
        section.append(chunk, 0, read);
      }
      return section.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + filename + ": " + e.getMessage(), e);
    }
  }

  private String read(String filename) {
    ScriptLocation location = scripts.get(filename);
    if (location == null) {
      throw new IllegalArgumentException("No script named " + filename);
    }
    try {
      return ScriptText.decode(location.read(), filename);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + location.url() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The regular files directly in a folder (a scripts directory, or a class path folder on disk); a folder inside it
   * with {@code .sql} files adds to problems ({@link NestedScripts}), in name order.
   */
  private static List<Path> filesIn(Path folder, List<String> problems) throws IOException {
    List<Path> files = new ArrayList<>();
    List<String> nested = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        if (Files.isRegularFile(entry)) {
          files.add(entry);
        } else if (Files.isDirectory(entry)) {
          NestedScripts.below(entry, folder.toString()).ifPresent(nested::add);
        }
      }
    }
    nested.sort(null); // the directory's order is the file system's
    problems.addAll(nested);
    return files;
  }

  /** The files of one class path root's folder; a folder inside it with {@code .sql} files adds to problems. */
  private static List<String> list(URL root, String prefix, List<String> problems) throws IOException {
    List<String> names = new ArrayList<>();
    if ("file".equals(root.getProtocol())) {
      try {
        filesIn(Path.of(root.toURI()), problems).forEach(file -> names.add(file.getFileName().toString()));
      } catch (URISyntaxException e) {
        throw new IOException("Not a file URL: " + root, e);
      }
      return names;
    }
    URLConnection connection = root.openConnection();
    if (connection instanceof JarURLConnection jarConnection) {
      jarConnection.setUseCaches(false);
      TreeMap<String, List<String>> nested = new TreeMap<>();
      try (JarFile jar = jarConnection.getJarFile()) {
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
          String entry = entries.nextElement().getName();
          if (!entry.startsWith(prefix) || entry.length() == prefix.length()) {
            continue;
          }
          int slash = entry.indexOf('/', prefix.length());
          if (slash < 0) {
            names.add(entry.substring(prefix.length()));
          } else if (ScriptFileName.isSqlFile(entry)) {
            nested.computeIfAbsent(entry.substring(0, slash + 1), folder -> new ArrayList<>())
                .add(entry.substring(slash + 1));
          }
        }
      }
      String jar = ScriptUnion.origin(root);
      nested.forEach((folder, files) -> NestedScripts.problem(folder + " in " + jar, files.stream().sorted().toList(),
          prefix).ifPresent(problems::add));
    }
    return names;
  }
}
