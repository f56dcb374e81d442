package io.quantagent.migrations.engine;

import io.quantagent.migrations.db.SqlIdentifier;
import java.util.List;
import java.util.Locale;

/**
 * What a waiting statement waited for, as the run's monitor saw it: the lock it asked for and the sessions
 * holding it up.
 */
record LockWait(String mode, String object, List<Blocker> blockers) {
  private static final String TRANSACTION = "a transaction";

  /**
   * A session a waiting statement waits for, from {@code pg_blocking_pids}.
   *
   * @param role its login role; null for a background process (autovacuum)
   * @param hiddenFrom the run's role when pg_stat_activity hides this session's state, times and query from it (a
   *     session of another role, to a role that is neither a superuser nor in pg_read_all_stats); null when shown
   */
  record Blocker(int pid, String application, String role, String state, long seconds, String query,
      String heldModes, String hiddenFrom) {
    String describe() {
      StringBuilder text = new StringBuilder("backend ").append(pid).append(" (");
      if (application != null && !application.isBlank()) {
        text.append("application '").append(application).append("', ");
      }
      if (hiddenFrom != null) {
        // PostgreSQL shows "<insufficient privilege>" for its query and nothing for its state and times.
        text.append(role == null ? "a background process" : "role " + role);
        if (heldModes != null && !heldModes.isBlank()) {
          text.append(", holding ").append(heldModes);
        }
        return text.append("; its state and query are hidden from the role ").append(hiddenFrom).append(": ")
            .append(SqlIdentifier.grantToSeeOtherSessions(hiddenFrom)).append(" shows them)").toString();
      }
      text.append(state == null ? "state unknown" : state).append(" for ").append(seconds).append(" s");
      if (heldModes != null && !heldModes.isBlank()) {
        text.append(", holding ").append(heldModes);
      }
      String first = firstLine(query);
      if (!first.isEmpty()) {
        text.append(", ").append("active".equals(state) ? "running" : "last ran").append(": ").append(first);
      }
      return text.append(')').toString();
    }
  }

  /** "AccessExclusiveLock on orders, held by backend 4242 (...)", or "the end of the transaction of backend ...". */
  String describe() {
    boolean transaction = object.equals(TRANSACTION);
    StringBuilder text = new StringBuilder(transaction ? "the end of " + (blockers.isEmpty() ? "another transaction"
        : "the transaction of ") : (mode == null ? "a lock" : mode) + " on " + object);
    if (blockers.isEmpty()) {
      return text.append(transaction ? "" : " (its holder had already gone when looked at)").toString();
    }
    text.append(transaction ? "" : ", held by ");
    for (int i = 0; i < blockers.size(); i++) {
      text.append(i == 0 ? "" : " and ").append(blockers.get(i).describe());
    }
    return text.toString();
  }

  /** The blocker to name in advice: the first one. */
  Blocker first() {
    return blockers.get(0);
  }

  private static String firstLine(String query) {
    if (query == null) {
      return "";
    }
    for (String line : query.split("\n")) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("--")) {
        return trimmed.length() > 100 ? trimmed.substring(0, 97) + "..." : trimmed;
      }
    }
    return "";
  }

  static String objectName(String locktype, String relation) {
    if (relation != null) {
      return relation;
    }
    return switch (locktype == null ? "" : locktype.toLowerCase(Locale.ROOT)) {
      case "virtualxid", "transactionid" -> TRANSACTION;
      case "advisory" -> "an advisory lock";
      default -> locktype == null ? "an object" : "a " + locktype + " lock";
    };
  }
}
