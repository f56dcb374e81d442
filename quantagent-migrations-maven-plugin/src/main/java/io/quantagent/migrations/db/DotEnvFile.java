package io.quantagent.migrations.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A {@code .env} file, read as python-dotenv (and, for these forms, docker compose) reads it: {@code KEY=value} lines,
 * optionally with {@code export}, spaces around {@code =}, blank lines and {@code #} comments (after an unquoted value,
 * only after a space); single- or double-quoted values, which may span lines and be followed by a comment, with
 * python-dotenv's backslash escapes; {@code ${NAME}} and {@code ${NAME:-default}} in unquoted and double-quoted values,
 * from the environment first, then from the lines above.
 *
 * <p>A line that cannot be read matters only when its key is asked for ({@link #get} then fails, naming the line); any
 * other is skipped, as python-dotenv skips it, so that a line for another tool never stops a goal (unlike
 * python-dotenv, a stray quote does not take the lines below it along). Lines are named by number and described by
 * structure, never quoted: a line that does not parse may be a bare secret.
 */
public final class DotEnvFile {
  private static final Pattern NAME = Pattern.compile("(?:export[ \\t]+)?([A-Za-z_][A-Za-z0-9_.-]*)");
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}:]*)(?::-([^}]*))?}");
  private static final Pattern DOUBLE_QUOTED_ESCAPE = Pattern.compile("\\\\([\\\\'\"abfnrtv])");
  private static final Pattern SINGLE_QUOTED_ESCAPE = Pattern.compile("\\\\([\\\\'])");
  private static final String NOT_UTF8 = "\uFFFD";

  private final Path path;
  private final Map<String, String> entries;
  private final List<Problem> problems;

  /**
   * A line that cannot be used, and the key it was meant to set when that much can be read.
   *
   * @param skipped true: the line was dropped, as python-dotenv drops it; false: it was read, but its value cannot be
   *     trusted (it names a variable that nothing sets, which python-dotenv would read as empty)
   */
  private record Problem(int line, Optional<String> key, String what, String fix, boolean skipped) {
    String message(Path path) {
      return path + " line " + line + " " + what + ". " + fix;
    }
  }

  private DotEnvFile(Path path, Map<String, String> entries, List<Problem> problems) {
    this.path = path;
    this.entries = entries;
    this.problems = problems;
  }

  /** The file at {@code path}, or empty when there is none; {@code ${NAME}} is looked up in this process's environment. */
  public static Optional<DotEnvFile> readIfPresent(Path path) {
    return readIfPresent(path, System.getenv());
  }

  public static Optional<DotEnvFile> readIfPresent(Path path, Map<String, String> environment) {
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    try {
      // Bytes that are not UTF-8 become U+FFFD, so that only their lines are refused, not the whole file.
      List<String> lines = DotEnvLines.texts(DotEnvLines.split(Files.readAllBytes(path)));
      return Optional.of(parse(path, lines, environment));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path + ": " + reason(e), e);
    }
  }

  /**
   * As {@link #readIfPresent(Path)}, but a file that cannot be read (a root-owned {@code rw-------} file, an I/O
   * error) counts as absent, said through {@code warn} with its path and the reason: for a goal that reads
   * {@code .env} only to warn about what it sets.
   */
  public static Optional<DotEnvFile> readIfReadable(Path path, Consumer<String> warn) {
    try {
      return readIfPresent(path);
    } catch (UncheckedIOException e) {
      warn.accept(e.getMessage() + ". Going on without it; the goals that connect read it and fail until it can be"
          + " read (check its owner and permissions).");
      return Optional.empty();
    }
  }

  private static String reason(IOException e) {
    return e instanceof AccessDeniedException ? "permission denied"
        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  static DotEnvFile parse(Path path, List<String> lines) {
    return parse(path, lines, Map.of());
  }

  static DotEnvFile parse(Path path, List<String> lines, Map<String, String> environment) {
    Map<String, String> entries = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    int next = 0;
    while (next < lines.size()) {
      int number = next + 1;
      // Windows editors start a UTF-8 file with a byte-order mark; it is no part of the first name.
      String physical = next == 0 ? stripByteOrderMark(lines.get(0)) : lines.get(next);
      String line = physical.stripLeading();
      next++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher name = NAME.matcher(line);
      boolean named = name.lookingAt();
      Optional<String> key = named ? Optional.of(name.group(1)) : intendedName(line);
      if (line.contains(NOT_UTF8)) {
        problems.add(new Problem(number, key, "is not UTF-8 text", "Save the file as UTF-8.", true));
        continue;
      }
      String rest = named ? line.substring(name.end()).stripLeading() : "";
      if (!rest.startsWith("=")) {
        if (named && (rest.isBlank() || rest.startsWith("#"))) {
          continue; // a name alone: python-dotenv sets nothing for it
        }
        problems.add(new Problem(number, key, "is not NAME=value: " + whatIsWrong(line),
            "Fix or remove that line (comments start with #).", true));
        continue;
      }
      String afterEquals = rest.substring(1);
      String value = afterEquals.stripLeading();
      if (value.startsWith("\"") || value.startsWith("'")) {
        char quote = value.charAt(0);
        StringBuilder quoted = new StringBuilder();
        String current = value.substring(1);
        int currentNumber = number;
        int closing = closingQuote(current, quote);
        while (closing < 0 && next < lines.size()) {
          quoted.append(current).append('\n');
          current = lines.get(next++);
          currentNumber++;
          closing = closingQuote(current, quote);
        }
        if (closing < 0) {
          problems.add(new Problem(number, key, "opens a " + quote + " quote that no later line closes",
              "Close the quote, or remove it.", true));
          next = number; // the lines below are read on their own
          continue;
        }
        String after = current.substring(closing + 1).strip();
        if (!after.isEmpty() && !after.startsWith("#")) {
          // current is the end of its physical line, so the text after the quote is too
          String closingLine = currentNumber == number ? physical : current;
          int column = closingLine.length() - current.substring(closing + 1).stripLeading().length() + 1;
          problems.add(new Problem(number, key, "has text after the closing quote of its value, at column " + column
              + (currentNumber == number ? "" : " of line " + currentNumber),
              "Put a # before a comment, or quote the whole value.", true));
          // A stray quote must not hide the lines below it (python-dotenv would lose them up to the bad text).
          next = number;
          continue;
        }
        quoted.append(current, 0, closing);
        String text = quoted.toString();
        entries.put(key.get(), quote == '\''
            ? unescape(SINGLE_QUOTED_ESCAPE, text)
            : expand(unescape(DOUBLE_QUOTED_ESCAPE, text), number, key.get(), environment, entries, problems));
        continue;
      }
      // An unquoted value ends at a # after a space; right after '=' (KEY= # note) the value is empty.
      String unquoted = afterEquals.length() > value.length() && value.startsWith("#") ? ""
          : value.replaceFirst("\\s+#.*", "").strip();
      entries.put(key.get(), expand(unquoted, number, key.get(), environment, entries, problems));
    }
    return new DotEnvFile(path, entries, problems);
  }

  /** Where the quote that closes a value opened by {@code quote} is, or -1; a backslash escapes the next character. */
  private static int closingQuote(String text, char quote) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    return -1;
  }

  private static String unescape(Pattern escape, String text) {
    return escape.matcher(text).replaceAll(m -> Matcher.quoteReplacement(switch (m.group(1).charAt(0)) {
      case 'a' -> "\u0007";
      case 'b' -> "\b";
      case 'f' -> "\f";
      case 'n' -> "\n";
      case 'r' -> "\r";
      case 't' -> "\t";
      case 'v' -> "\u000B";
      default -> m.group(1);
    }));
  }

  /**
   * {@code ${NAME}} and {@code ${NAME:-default}}: the environment's value, else the file's so far, else the default.
   * python-dotenv reads a name that nothing sets as empty; such a value is kept, but refused when its key is asked for.
   */
  private static String expand(String value, int line, String key, Map<String, String> environment,
      Map<String, String> earlier, List<Problem> problems) {
    Matcher reference = REFERENCE.matcher(value);
    StringBuilder expanded = new StringBuilder();
    while (reference.find()) {
      String name = reference.group(1);
      String replacement = environment.containsKey(name) ? environment.get(name) : earlier.get(name);
      if (replacement == null) {
        replacement = reference.group(2);
      }
      if (replacement == null) {
        replacement = "";
        problems.add(new Problem(line, Optional.of(key), "uses ${" + name + "}, which neither the environment nor a"
            + " line above sets", "Set " + name + ", or give a default: ${" + name + ":-value}.", false));
      }
      reference.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
    }
    return reference.appendTail(expanded).toString();
  }

  /** The name a line that does not parse was probably meant to set: its letters up to '=', invisible ones left out. */
  private static Optional<String> intendedName(String line) {
    StringBuilder visible = new StringBuilder();
    line.codePoints().filter(c -> !isInvisible(c)).forEach(visible::appendCodePoint);
    Matcher name = NAME.matcher(visible);
    return name.lookingAt() ? Optional.of(name.group(1)) : Optional.empty();
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

  /**
   * The value the file gives {@code key}, or empty when it gives none.
   *
   * @throws InvalidDatabaseUrlException when a line that sets (or was meant to set) {@code key} cannot be read
   */
  public Optional<String> get(String key) {
    for (Problem problem : problems) {
      if (problem.key().filter(key::equals).isPresent()) {
        throw new InvalidDatabaseUrlException(problem.message(path));
      }
    }
    return Optional.ofNullable(entries.get(key));
  }

  /**
   * The numbers of the lines that set, or were meant to set, {@code key} and cannot be read: a line that replaces the
   * value must replace these too, or they would still fail every goal.
   */
  public Set<Integer> unreadableLines(String key) {
    return problems.stream().filter(p -> p.key().filter(key::equals).isPresent()).map(Problem::line)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The lines skipped for not being readable, each said with what to do, except those meant to set {@code key}. */
  public List<String> skippedLines(String key) {
    return problems.stream().filter(p -> p.skipped() && p.key().filter(key::equals).isEmpty())
        .map(p -> p.message(path) + " Skipped: only " + key + " is read from this file.").toList();
  }

  public Path path() {
    return path;
  }
}
