package io.quantagent.migrations.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
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
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.ibatis.migration.Change;
import org.apache.ibatis.migration.MigrationLoader;
import org.apache.ibatis.migration.MigrationReader;

/**
 * Reads MyBatis migration scripts from one folder of a class path (jars and directories alike), which
 * MyBatis Migrations itself cannot: it only knows directories ({@code FileMigrationLoader}) and Java classes.
 */
public final class ClasspathMigrationLoader implements MigrationLoader {
  private final ClassLoader classLoader;
  private final String folder;
  private final TreeMap<String, URL> scripts;

  public ClasspathMigrationLoader(ClassLoader classLoader, String folder) {
    this.classLoader = classLoader;
    this.folder = folder.endsWith("/") ? folder : folder + "/";
    this.scripts = findScripts();
  }

  /** True when at least one script is there. */
  public boolean hasScripts() {
    return !scripts.isEmpty();
  }

  @Override
  public List<Change> getMigrations() {
    List<Change> changes = new ArrayList<>();
    for (String filename : scripts.keySet()) {
      changes.add(ScriptFileName.parse(filename).toChange());
    }
    return changes;
  }

  @Override
  public Reader getScriptReader(Change change, boolean undo) {
    URL url = scripts.get(change.getFilename());
    if (url == null) {
      throw new IllegalArgumentException("No script " + change.getFilename() + " under classpath:" + folder);
    }
    try (InputStream in = open(url)) {
      return new MigrationReader(new ByteArrayInputStream(in.readAllBytes()),
          StandardCharsets.UTF_8.name(), undo, new Properties());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + url + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Reader getBootstrapReader() {
    return null;
  }

  @Override
  public Reader getOnAbortReader() {
    return null;
  }

  private TreeMap<String, URL> findScripts() {
    TreeMap<String, URL> found = new TreeMap<>();
    try {
      Enumeration<URL> roots = classLoader.getResources(folder);
      while (roots.hasMoreElements()) {
        URL root = roots.nextElement();
        for (String name : list(root)) {
          if (ScriptFileName.isScript(name)) {
            URL previous = found.putIfAbsent(name, classLoader.getResource(folder + name));
            if (previous != null && !previous.equals(found.get(name))) {
              throw new IllegalStateException("Two scripts named " + name + " on the class path: " + previous);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list classpath:" + folder + ": " + e.getMessage(), e);
    }
    return found;
  }

  private List<String> list(URL root) throws IOException {
    List<String> names = new ArrayList<>();
    if ("file".equals(root.getProtocol())) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of(root.toURI()))) {
        for (Path entry : entries) {
          if (Files.isRegularFile(entry)) {
            names.add(entry.getFileName().toString());
          }
        }
      } catch (URISyntaxException e) {
        throw new IOException("Not a file URL: " + root, e);
      }
      return names;
    }
    URLConnection connection = root.openConnection();
    if (connection instanceof JarURLConnection jarConnection) {
      jarConnection.setUseCaches(false);
      try (JarFile jar = jarConnection.getJarFile()) {
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
          String entry = entries.nextElement().getName();
          if (entry.startsWith(folder) && entry.indexOf('/', folder.length()) < 0 && entry.length() > folder.length()) {
            names.add(entry.substring(folder.length()));
          }
        }
      }
    }
    return names;
  }

  private static InputStream open(URL url) throws IOException {
    URLConnection connection = url.openConnection();
    // Maven's class realms keep jars open; cached JarFiles would be shared and closed under us.
    connection.setUseCaches(false);
    return connection.getInputStream();
  }

  @Override
  public String toString() {
    return "classpath:" + folder;
  }
}
