package io.quantagent.migrations.db;

import java.util.regex.Pattern;

/**
 * A name from the catalog (a role, a schema, a database) as SQL that a message tells the user to run must spell it:
 * as it is where PostgreSQL would read it back unchanged, else in double quotes. {@code GRANT ... TO AppUser} would
 * name the role appuser, and {@code TO app-user} is no SQL at all.
 */
public final class SqlIdentifier {
  private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

  private SqlIdentifier() {}

  public static String of(String name) {
    return PLAIN.matcher(name).matches() ? name : "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /**
   * What lets {@code role} see other roles' sessions in pg_stat_activity (their state, times, query, address), which
   * PostgreSQL hides from a role that is neither a superuser nor in pg_read_all_stats.
   */
  public static String grantToSeeOtherSessions(String role) {
    return "GRANT pg_read_all_stats TO " + of(role);
  }
}
