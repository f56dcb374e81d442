package io.quantagent.migrations.engine;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The session settings a migration's script may change that the runner relies on after it: the search_path (its
 * changelog row, and every later migration's unqualified names), the role (the changelog's privileges) and the lock
 * and statement timeouts (the guard). pg_dump writes {@code SET lock_timeout = 0} and
 * {@code set_config('search_path', '', false)} at the top of every dump, so a baseline made with it has them. As in
 * Flyway, they end with the migration: after its last statement the runner resets them, before its changelog row.
 * Read loosely, as text: a false alarm costs a few RESETs.
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
    return holdsSetOrDiscard(sql) && CHANGE.matcher(sql).find();
  }

  /**
   * Whether "set" or "disc" appears in any case: every match of the pattern holds one, few statements do, and one
   * pass over the characters costs a tenth of the pattern's search (measured over 20,000 statements).
   */
  private static boolean holdsSetOrDiscard(String sql) {
    for (int i = 0; i + 3 <= sql.length(); i++) {
      int c = sql.charAt(i) | 0x20; // ASCII letters to lower case; what else it changes cannot match below
      if (c == 's' && (sql.charAt(i + 1) | 0x20) == 'e' && (sql.charAt(i + 2) | 0x20) == 't') {
        return true;
      }
      if (c == 'd' && i + 4 <= sql.length() && (sql.charAt(i + 1) | 0x20) == 'i' && (sql.charAt(i + 2) | 0x20) == 's'
          && (sql.charAt(i + 3) | 0x20) == 'c') {
        return true;
      }
    }
    return false;
  }
}
