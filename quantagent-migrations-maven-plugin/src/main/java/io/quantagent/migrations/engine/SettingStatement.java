package io.quantagent.migrations.engine;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement that is nothing but a change of one session setting, after any comments: {@code SET [SESSION | LOCAL]
 * <setting> {= | TO} <value>} (or another SET form of it), or a whole {@code SELECT set_config('<setting>', <value>,
 * ...)}. What the run plan refuses of pgjdbc's settings ({@link ClientEncoding}, {@link DateStyle}) is read this way.
 */
final class SettingStatement {
  private static final String VALUE = "('(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|[^\\s;'\"]+)";

  private final Pattern pattern;

  /**
   * @param setting its name, lower case, as set_config takes it
   * @param setForms what may follow {@code SET [SESSION | LOCAL]} before the value, as a pattern
   */
  SettingStatement(String setting, String setForms) {
    pattern = Pattern.compile("(?is)(?:\\s++|--[^\\n]*+|/\\*.*?\\*/)*+(?:set\\s+(?:(?:session|local)\\s+)?(?:"
        + setForms + ")([^;]+?)|select\\s+(?:pg_catalog\\s*\\.\\s*)?set_config\\s*\\(\\s*'" + setting + "'\\s*,\\s*"
        + VALUE + "\\s*,[^)]*\\))\\s*;?\\s*");
  }

  /** The value {@code statement} sets, as written (quotes and all), when it is such a statement. */
  Optional<String> value(SqlStatement statement) {
    Matcher matcher = pattern.matcher(statement.sql());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of((matcher.group(1) != null ? matcher.group(1) : matcher.group(2)).strip());
  }
}
