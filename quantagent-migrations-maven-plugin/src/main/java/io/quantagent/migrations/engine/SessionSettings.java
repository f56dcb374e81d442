package io.quantagent.migrations.engine;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A migration's session settings end with it. pg_dump writes {@code SET lock_timeout = 0},
 * {@code check_function_bodies = false}, {@code row_security = off} and {@code set_config('search_path', '', false)}
 * at the top of every dump, so a baseline made with it has them; left in place, they would govern every later
 * migration of the same run (a function body no longer checked in CI, where the baseline shares the run, but checked
 * in production, where it ran long ago) and the runner's own changelog row, guard and timeouts. So after the last
 * statement of a script that may have changed any, the runner sends {@code RESET ALL} and {@code RESET ROLE}
 * (which {@code RESET ALL} leaves), before its changelog row: the session is back to what its login gave it, and
 * the run makes its own settings again. DateStyle too, set in a DO block to read dates day-first (the run plan refuses
 * a plain SET of it, {@link DateStyle}): pgjdbc needs its output ISO and closes the connection when the server
 * reports another, which PostgreSQL 14 and later do at the end of the round trip, after the reset. Read loosely, as
 * text: a false alarm costs a few statements in the migration's own round trip.
 */
final class SessionSettings {
  /** Sent after the statements of a migration that may have changed them. */
  static final List<String> RESET = List.of("RESET ALL", "RESET ROLE");

  /** A SET or RESET anywhere (in a DO block's EXECUTE too) of what the runner relies on; any set_config. */
  private static final Pattern CHANGE = Pattern.compile("(?i)\\bset_config\\s*\\(|\\b(?:set|reset)\\s+(?:session\\s+|"
      + "local\\s+)?(?:search_path|schema|role|lock_timeout|statement_timeout|datestyle|all)\\b|\\bdiscard\\s+all\\b");
  /**
   * A statement that is itself a SET or RESET of any setting: the word opens it, after any comments (an
   * {@code UPDATE}'s SET is not one). {@code SET TRANSACTION} and {@code SET CONSTRAINTS} end with the transaction.
   */
  private static final Pattern SET_STATEMENT = Pattern.compile("(?is)(?:\\s++|--[^\\n]*+|/\\*.*?\\*/)*+(?:re)?set\\b"
      + "(?!\\s+(?:transaction|constraints)\\b)");

  private SessionSettings() {}

  static boolean mayChange(List<SqlStatement> statements) {
    return statements.stream().anyMatch(SessionSettings::mayChange);
  }

  private static boolean mayChange(SqlStatement statement) {
    String sql = statement.sql();
    return holdsSetOrDiscard(sql) && (SET_STATEMENT.matcher(sql).lookingAt() || CHANGE.matcher(sql).find());
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
