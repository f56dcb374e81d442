package io.quantagent.migrations.engine;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Whether a migration after the first creates a table of this name, read loosely as text (a false match only keeps a
 * refusal): what tells a restored database, beside its empty changelog, from one whose migrations were all undone
 * (an application's own tables stay) or whose first run failed in a no-transaction first migration (the runner
 * committed the changelog before it, and the script its first tables). A restore of a database with one migration
 * applied is not told apart; its upgrade then fails on a table that exists, as before this check.
 */
final class TableCreations {
  private TableCreations() {}

  static Predicate<String> afterTheFirst(ScriptSource scripts) {
    return table -> {
      Pattern creates = Pattern.compile("(?i)\\bcreate\\s+(?:(?:global\\s+|local\\s+)?temp(?:orary)?\\s+|unlogged\\s+)?"
          + "table\\s+(?:if\\s+not\\s+exists\\s+)?(?:(?:\"[^\"]+\"|[\\w$]+)\\s*\\.\\s*)?(?:\""
          + Pattern.quote(table.replace("\"", "\"\"")) + "\"|" + Pattern.quote(table) + "(?![\\w$]))");
      return scripts.scripts().stream().skip(1).map(scripts::filename)
          .anyMatch(file -> creates.matcher(scripts.loader().text(file)).find());
    };
  }
}
