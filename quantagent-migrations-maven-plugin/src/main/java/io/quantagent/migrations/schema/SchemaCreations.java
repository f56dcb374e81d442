package io.quantagent.migrations.schema;

import io.quantagent.migrations.engine.ScriptSource;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Whether the migrations create a schema themselves (a baseline made with pg_dump writes {@code CREATE SCHEMA} for
 * each one it dumps), read as text: a scratch database must then not have it before they run.
 */
final class SchemaCreations {
  private SchemaCreations() {}

  static Predicate<String> in(ScriptSource scripts) {
    return schema -> {
      Pattern creates = Pattern.compile("(?i)\\bcreate\\s+schema\\s+(?:if\\s+not\\s+exists\\s+)?(?:\""
          + Pattern.quote(schema.replace("\"", "\"\"")) + "\"|" + Pattern.quote(schema) + "(?![\\w$]))");
      return scripts.loader().filenames().stream().anyMatch(file -> creates.matcher(scripts.loader().text(file)).find());
    };
  }
}
