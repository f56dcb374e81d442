package io.quantagent.migrations.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a new, empty migration script. Its id is the UTC time, {@code yyyyMMddHHmmss}; when that id is
 * taken, or an existing script has a later one, the next free second after the newest is used, so two
 * scripts made in one second still sort in the order they were made.
 */
public final class ScriptCreator {
  static final DateTimeFormatter ID_FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private final Path directory;
  private final Clock clock;
  private final List<String> otherScripts;

  public ScriptCreator(Path directory, Clock clock) {
    this(directory, clock, List.of());
  }

  private ScriptCreator(Path directory, Clock clock, List<String> otherScripts) {
    this.directory = directory;
    this.clock = clock;
    this.otherScripts = otherScripts;
  }

  /** A creator whose ids also come after these scripts' (the class path's, read together with the directory). */
  public ScriptCreator after(List<String> filenames) {
    return new ScriptCreator(directory, clock, List.copyOf(filenames));
  }

  public Path create(String description) {
    return create(description, template(description == null ? "" : description.strip()));
  }

  /** A new script with this text (which starts with its own {@code -- //} header). */
  public Path create(String description, String text) {
    String slug = Slug.of(description);
    try {
      Files.createDirectories(directory);
      for (int attempt = 0; ; attempt++) {
        Path script = directory.resolve(new ScriptFileName(nextId(), slug).filename());
        try {
          Files.writeString(script, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
          return script;
        } catch (FileAlreadyExistsException raced) {
          if (attempt > 100) {
            throw raced;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write a new script into " + directory + ": " + e.getMessage(), e);
    }
  }

  BigDecimal nextId() throws IOException {
    BigDecimal now = new BigDecimal(LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).format(ID_FORMAT));
    BigDecimal newest = newestId();
    return newest != null && newest.compareTo(now) >= 0 ? nextSecond(newest) : now;
  }

  private BigDecimal newestId() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return Stream.concat(files.map(p -> p.getFileName().toString()), otherScripts.stream())
          .filter(ScriptFileName::isScript)
          .map(name -> name.replaceFirst("_.*", ""))
          .filter(id -> id.matches("[0-9]+"))
          .map(BigDecimal::new)
          .max(BigDecimal::compareTo)
          .orElse(null);
    }
  }

  /** One second after an id, as a timestamp when it is one (so 20250101235959 becomes 20250102000000). */
  private static BigDecimal nextSecond(BigDecimal id) {
    String text = id.toPlainString();
    try {
      LocalDateTime time = LocalDateTime.parse(text, ID_FORMAT);
      return new BigDecimal(time.plusSeconds(1).format(ID_FORMAT));
    } catch (RuntimeException notATimestamp) {
      return id.add(BigDecimal.ONE);
    }
  }

  /** The template's placeholder lines: a script that still holds one is unfinished (see UnfinishedScripts). */
  static final String CHANGE_PLACEHOLDER = "-- TODO the change: SQL statements separated by ';' (a ';' in quotes, in a"
      + " $$ body or in a comment ends none).";
  static final String UNDO_PLACEHOLDER = "-- TODO what exactly reverses the change; downgrade runs it. If nothing"
      + " can, write -- quantagent:no-undo here instead.";

  private static String template(String description) {
    return "-- // " + description + "\n"
        + CHANGE_PLACEHOLDER + "\n"
        + "-- mvn quantagent:lint shows what it would lock or rewrite on a busy table, before it runs.\n"
        + "\n"
        + "\n"
        + "-- //@UNDO\n"
        + UNDO_PLACEHOLDER + "\n"
        + "\n";
  }
}
