package io.quantagent.migrations.setup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sets one {@code KEY=value} line of a {@code .env} file: the line that sets the key is replaced where it stands, or
 * the line is appended; every other line stays as it was. The file holds a password, so it is written readable by
 * its owner only where the file system has POSIX permissions, and replaced whole, never left half written.
 */
final class DotEnvWriter {
  private static final String OWNER_ONLY = "rw-------";
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private DotEnvWriter() {}

  static void set(Path file, String key, String value) {
    set(file, key, value, Set.of());
  }

  /**
   * @param unreadableLines the numbers of lines meant to set {@code key} that cannot be read (a missing '=', an
   *     invisible character in the name): replaced as well, since the key's line would otherwise still be unreadable
   */
  static void set(Path file, String key, String value, Set<Integer> unreadableLines) {
    Pattern setsKey = Pattern.compile("\\s*(?:export\\s+)?" + Pattern.quote(key) + "\\s*=.*");
    try {
      List<String> lines = Files.exists(file) ? new ArrayList<>(readLines(file)) : new ArrayList<>();
      String line = key + "=" + value;
      boolean replaced = false;
      for (int i = 0; i < lines.size(); i++) {
        if (setsKey.matcher(lines.get(i)).matches() || unreadableLines.contains(i + 1)) {
          lines.set(i, replaced ? null : line);
          replaced = true;
        }
      }
      lines.removeIf(l -> l == null); // a later line for the same key would win over ours
      if (!replaced) {
        lines.add(line);
      }
      // Owner-only from its creation, before it holds the password; the move replaces the old file and its mode.
      Path directory = file.toAbsolutePath().getParent();
      Path draft = POSIX ? Files.createTempFile(directory, ".env", ".tmp", PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString(OWNER_ONLY))) : Files.createTempFile(directory, ".env", ".tmp");
      try {
        Files.writeString(draft, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        move(draft, file);
      } finally {
        Files.deleteIfExists(draft);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage() + ". Check that the directory is"
          + " writable; nothing was saved.", e);
    }
  }

  private static List<String> readLines(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", ""); // Notepad's BOM
    return text.isEmpty() ? List.of() : List.of(text.replaceFirst("\n$", "").split("\r?\n", -1));
  }

  private static void move(Path draft, Path file) throws IOException {
    try {
      Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
