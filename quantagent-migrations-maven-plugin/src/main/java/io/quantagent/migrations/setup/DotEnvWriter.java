package io.quantagent.migrations.setup;

import io.quantagent.migrations.db.DotEnvLines;
import io.quantagent.migrations.db.DotEnvLines.Line;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sets one {@code KEY=value} line of a {@code .env} file: the line that sets the key is replaced where it stands, or
 * the line is appended; every other line stays as it was, byte for byte, with its own line ending (a comment saved
 * as Windows-1252 included). Lines end where {@link DotEnvLines} ends them, so the numbers the reader gives are the
 * writer's. The file holds a password, so it is written readable by its owner only where the file system has POSIX
 * permissions, and replaced whole, never left half written.
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
    Pattern setsKey = Pattern.compile("\\s*(?:export\\s+)?" + Pattern.quote(key) + "\\s*=.*", Pattern.DOTALL);
    try {
      // The reader's lines, numbered as it numbers unreadableLines; each other line is written back as its own bytes.
      List<Line> lines = new ArrayList<>(Files.exists(file) ? DotEnvLines.split(Files.readAllBytes(file))
          : List.of(Line.of("", "")));
      lines.set(0, withoutByteOrderMark(lines.get(0)));
      String newline = lines.stream().map(Line::ending).filter(e -> !e.isEmpty()).findFirst().orElse("\n");
      boolean replaced = false;
      for (int i = 0; i < lines.size(); i++) {
        Line line = lines.get(i);
        if (setsKey.matcher(line.text()).matches() || unreadableLines.contains(i + 1)) {
          lines.set(i, replaced ? null : Line.of(key + "=" + value, line.ending().isEmpty() ? newline : line.ending()));
          replaced = true;
        }
      }
      lines.removeIf(l -> l == null); // a later line for the same key would win over ours
      if (!replaced) {
        Line last = lines.remove(lines.size() - 1);
        if (last.bytes().length > 0) {
          lines.add(new Line(last.bytes(), newline));
        }
        lines.add(Line.of(key + "=" + value, newline));
      }
      // Owner-only from its creation, before it holds the password; the move replaces the old file and its mode.
      Path directory = file.toAbsolutePath().getParent();
      Path draft = POSIX ? Files.createTempFile(directory, ".env", ".tmp", PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString(OWNER_ONLY))) : Files.createTempFile(directory, ".env", ".tmp");
      try {
        Files.write(draft, DotEnvLines.join(lines));
        move(draft, file);
      } finally {
        Files.deleteIfExists(draft);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage() + ". Check that the directory is"
          + " writable; nothing was saved.", e);
    }
  }

  /** Notepad's byte-order mark, which some tools read as part of the first name. */
  private static Line withoutByteOrderMark(Line first) {
    byte[] bytes = first.bytes();
    return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF
        ? new Line(Arrays.copyOfRange(bytes, 3, bytes.length), first.ending()) : first;
  }

  private static void move(Path draft, Path file) throws IOException {
    try {
      Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
