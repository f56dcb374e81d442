package io.quantagent.migrations.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code .env} file as QuantAgent's Alembic setup wrote it: {@code KEY=value} lines, optionally with
 * {@code export}, quotes, blank lines and {@code #} comments.
 */
public final class DotEnvFile {
  private static final Pattern ENTRY =
      Pattern.compile("(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*)");
  private static final Pattern NAME = Pattern.compile("(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)");

  private final Path path;
  private final Map<String, String> entries;

  private DotEnvFile(Path path, Map<String, String> entries) {
    this.path = path;
    this.entries = entries;
  }

  /** The file at {@code path}, or empty when there is none. */
  public static Optional<DotEnvFile> readIfPresent(Path path) {
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(path, Files.readAllLines(path, StandardCharsets.UTF_8)));
    } catch (CharacterCodingException e) {
      throw new InvalidDatabaseUrlException("Cannot read " + path + ": it is not UTF-8 text. Save it as UTF-8.");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  static DotEnvFile parse(Path path, List<String> lines) {
    Map<String, String> entries = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      // Windows editors start a UTF-8 file with a byte-order mark; it is no part of the first name.
      String line = (i == 0 ? stripByteOrderMark(lines.get(i)) : lines.get(i)).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = ENTRY.matcher(line);
      if (!m.matches()) {
        throw new InvalidDatabaseUrlException(path + " line " + (i + 1) + " is not NAME=value: " + whatIsWrong(line)
            + ". Fix or remove that line (comments start with #).");
      }
      entries.put(m.group(1), unquote(path, i + 1, m.group(2).strip()));
    }
    return new DotEnvFile(path, entries);
  }

  /** What is wrong with a line, said without any of its text: a line that does not parse may be a bare secret. */
  private static String whatIsWrong(String line) {
    int invisible = line.codePoints().filter(DotEnvFile::isInvisible).findFirst().orElse(-1);
    if (invisible >= 0) {
      return String.format("it holds the invisible character U+%04X at column %d (delete and retype that part)",
          invisible, line.indexOf(Character.toString(invisible)) + 1);
    }
    Matcher name = NAME.matcher(line);
    if (name.lookingAt()) {
      return "there is no '=' right after the name in columns " + (name.start(1) + 1) + " to " + name.end(1);
    }
    return "it does not start with a name (letters, digits and _, not starting with a digit)";
  }

  private static boolean isInvisible(int codePoint) {
    int type = Character.getType(codePoint);
    return codePoint != '\t' && (type == Character.FORMAT || type == Character.CONTROL
        || type == Character.SPACE_SEPARATOR && codePoint != ' ');
  }

  private static String stripByteOrderMark(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  public Path path() {
    return path;
  }

  private static String unquote(Path path, int lineNumber, String value) {
    if (value.startsWith("\"") || value.startsWith("'")) {
      char quote = value.charAt(0);
      if (value.length() < 2 || value.charAt(value.length() - 1) != quote) {
        throw new InvalidDatabaseUrlException(path + " line " + lineNumber + " opens a " + quote
            + " quote that it does not close. Close the quote or remove it.");
      }
      return value.substring(1, value.length() - 1);
    }
    int comment = value.indexOf(" #");
    return comment < 0 ? value : value.substring(0, comment).strip();
  }
}
