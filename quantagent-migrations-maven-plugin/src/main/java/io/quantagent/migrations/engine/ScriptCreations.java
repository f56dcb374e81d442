package io.quantagent.migrations.engine;

import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Whether the migrations create an object of a given name themselves, read loosely as text: a false match only keeps
 * a refusal that would have come anyway, or leaves a schema for the migrations to make.
 */
public final class ScriptCreations {
  private static final String SCHEMA = "schema\\s+(?:if\\s+not\\s+exists\\s+)?";
  private static final String TABLE = "(?:(?:global\\s+|local\\s+)?temp(?:orary)?\\s+|unlogged\\s+)?table\\s+"
      + "(?:if\\s+not\\s+exists\\s+)?(?:(?:\"[^\"]+\"|[\\w$]+)\\s*\\.\\s*)?";

  private ScriptCreations() {}

  /**
   * Whether a script creates this schema (a baseline made with pg_dump writes {@code CREATE SCHEMA} for each one it
   * dumps): a scratch database must then not have it before they run.
   */
  public static Predicate<String> schemas(ScriptSource scripts) {
    return schema -> creates(scripts, scripts.loader().filenames().stream(), SCHEMA, schema);
  }

  /**
   * Whether a migration creates this table: what tells a restored database, beside its empty changelog, from one whose
   * migrations were all undone (an application's own tables stay). See {@link ForeignSchemaGuard}.
   */
  static Predicate<String> tables(ScriptSource scripts) {
    return table -> creates(scripts, scripts.scripts().stream().map(scripts::filename), TABLE, table);
  }

  /**
   * Whether a migration after the first creates this table: the same, beside a changelog without a {@link
   * ChangelogMark}, where a first run that failed in a no-transaction first migration left that migration's tables.
   */
  static Predicate<String> tablesAfterTheFirst(ScriptSource scripts) {
    return table -> creates(scripts, scripts.scripts().stream().skip(1).map(scripts::filename), TABLE, table);
  }

  /** Whether one of {@code files} holds {@code CREATE <kind><name>}, the name quoted as stored or unquoted. */
  private static boolean creates(ScriptSource scripts, Stream<String> files, String kind, String name) {
    Pattern creates = Pattern.compile("(?i)\\bcreate\\s+" + kind + "(?:\"" + Pattern.quote(name.replace("\"", "\"\""))
        + "\"|" + Pattern.quote(name) + "(?![\\w$]))");
    return files.anyMatch(file -> creates.matcher(scripts.loader().text(file)).find());
  }
}
