package io.quantagent.migrations.engine;

import java.math.BigDecimal;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scripts of a directory and of the class path read as one: a consumer that takes QuantAgent's scripts from
 * the schema jar and writes its own with {@code create} runs both. Where both have a script of one id, the two
 * must be the same script (by checksum); every place they differ is a conflict the validator reports, so a
 * directory never silently hides a jar's script.
 */
final class ScriptUnion {
  private ScriptUnion() {}

  static ScriptFolderLoader of(ScriptFolderLoader directory, String directoryName, ScriptFolderLoader classpath) {
    TreeMap<String, ScriptLocation> scripts = new TreeMap<>();
    Map<BigDecimal, String> directoryIds = new HashMap<>();
    for (String name : directory.filenames()) {
      scripts.put(name, directory.location(name));
      directory.id(name).ifPresent(id -> directoryIds.put(id, name));
    }
    List<String> conflicts = new ArrayList<>(directory.problems());
    conflicts.addAll(classpath.problems());
    for (String name : classpath.filenames()) {
      String jar = origin(classpath.url(name));
      String same = classpath.id(name).map(directoryIds::get).orElse(scripts.containsKey(name) ? name : null);
      if (same == null) {
        scripts.put(name, classpath.location(name));
      } else if (!same.equals(name)) {
        conflicts.add("id " + classpath.id(name).orElseThrow().toPlainString() + " is " + same + " in " + directoryName
            + " but " + name + " in " + jar + ". " + fix(same));
      } else if (!ScriptChecksum.of(directory.text(name)).equals(ScriptChecksum.of(classpath.text(name)))) {
        conflicts.add(name + " in " + directoryName + " differs from the one in " + jar + ". " + fix(name));
      }
    }
    return new ScriptFolderLoader(scripts, conflicts);
  }

  private static String fix(String name) {
    return "Scripts are read from both; keep one " + name + ": delete the directory's copy if the jar's is right,"
        + " or, if the directory holds all your scripts, remove the jar from the plugin's <dependencies>";
  }

  /** The jar (by file name) or directory a class path script came from. */
  static String origin(URL url) {
    String text = url.toString();
    if (text.startsWith("jar:")) {
      String jar = text.substring(4, text.indexOf("!/") < 0 ? text.length() : text.indexOf("!/"));
      return jar.substring(jar.lastIndexOf('/') + 1);
    }
    String path = text.replaceFirst("^file:", "");
    return path.substring(0, Math.max(path.lastIndexOf('/'), 0));
  }
}
