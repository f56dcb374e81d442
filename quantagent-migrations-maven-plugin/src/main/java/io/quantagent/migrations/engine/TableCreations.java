package io.quantagent.migrations.engine;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Whether the migrations create a table of this name themselves, read loosely as text (a false match only keeps a
 * refusal that would have come anyway): what tells a restored database from one whose migrations were all undone.
 */
final class TableCreations {
  private TableCreations() {}

  static Predicate<String> in(ScriptSource scripts) {
    return table -> {
      Pattern creates = Pattern.compile("(?i)\\bcreate\\s+(?:(?:global\\s+|local\\s+)?temp(?:orary)?\\s+|unlogged\\s+)?"
          + "table\\s+(?:if\\s+not\\s+exists\\s+)?(?:(?:\"[^\"]+\"|[\\w$]+)\\s*\\.\\s*)?(?:\""
          + Pattern.quote(table.replace("\"", "\"\"")) + "\"|" + Pattern.quote(table) + "(?![\\w$]))");
      return scripts.loader().filenames().stream().anyMatch(file -> creates.matcher(scripts.loader().text(file)).find());
    };
  }
}
