package io.quantagent.migrations.engine;

import java.text.Normalizer;
import java.util.Locale;

/** Turns a description into the part of a script's file name after the id: safe on every file system. */
public final class Slug {
  static final int MAX_LENGTH = 80;

  private Slug() {}

  public static String of(String description) {
    if (description == null || description.isBlank()) {
      throw new InvalidScriptException("The description is empty. Say what the migration does, e.g."
          + " mvn quantagent:create -Ddesc=\"add risk level to trades\".");
    }
    if (description.length() > 500) {
      throw new InvalidScriptException("The description is " + description.length() + " characters long;"
          + " keep it to 500 at most (the file name uses the first " + MAX_LENGTH + ").");
    }
    if (description.chars().anyMatch(c -> c == '\n' || c == '\r')) {
      throw new InvalidScriptException("The description spans several lines; give it on one line.");
    }
    String trimmed = description.strip();
    if (trimmed.contains("..") || trimmed.startsWith("/") || trimmed.startsWith("\\") || trimmed.startsWith("~")
        || trimmed.matches("[A-Za-z]:[\\\\/].*")) {
      throw new InvalidScriptException("The description '" + description + "' looks like a path. It only names the"
          + " migration; the script is always written into scriptsDirectory. Describe the change in words, e.g."
          + " -Ddesc=\"add risk level to trades\".");
    }
    // Accents are dropped rather than the letters: "Añadir índice" becomes "anadir_indice".
    String ascii = Normalizer.normalize(description, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    if (slug.length() > MAX_LENGTH) {
      slug = slug.substring(0, MAX_LENGTH).replaceAll("_+$", "");
    }
    if (slug.isEmpty()) {
      throw new InvalidScriptException("The description '" + description + "' has no letters or digits that can"
          + " go in a file name (a-z, 0-9, accented Latin letters). Add a few words in Latin letters.");
    }
    return slug;
  }
}
