package io.quantagent.migrations.engine;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The session settings a migration's script may change that the runner relies on after it: the search_path (its
 * changelog row, and every later migration's unqualified names), the role (the changelog's privileges) and the lock
 * and statement timeouts (the guard). pg_dump writes {@code SET lock_timeout = 0} and
 * {@code set_config('search_path', '', false)} at the top of every dump, so a baseline made with it has them. As in
 * Flyway, they end with the migration: after its last statement the runner resets them, before its changelog row.
 * Read loosely, as text: a false alarm costs four RESETs.
 */
final class SessionSettings {
  /** Sent after the statements of a migration that may have changed them. */
  static final List<String> RESET = List.of("RESET search_path", "RESET ROLE", "RESET lock_timeout",
      "RESET statement_timeout");

  private static final Pattern CHANGE = Pattern.compile("(?i)\\bset_config\\s*\\(|\\b(?:set|reset)\\s+(?:session\\s+|"
      + "local\\s+)?(?:search_path|schema|role|lock_timeout|statement_timeout|all)\\b|\\bdiscard\\s+all\\b");

  private SessionSettings() {}

  static boolean mayChange(List<SqlStatement> statements) {
    return statements.stream().anyMatch(SessionSettings::mayChange);
  }

  private static boolean mayChange(SqlStatement statement) {
    String sql = statement.sql();
    // Most statements hold neither word, and looking for them is cheaper than the pattern's search.
    return (containsIgnoringCase(sql, "set") || containsIgnoringCase(sql, "discard")) && CHANGE.matcher(sql).find();
  }

  private static boolean containsIgnoringCase(String text, String word) {
    for (int i = 0; i + word.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }
}
