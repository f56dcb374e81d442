package io.quantagent.migrations.engine;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ibatis.migration.MigrationException;

/** Turns what MyBatis throws when a script fails into a message that names the script and statement. */
final class ScriptFailure {
  // MyBatis' ScriptRunner wraps failures as "Error executing: <statement>.  Cause: <driver exception>".
  private static final Pattern EXECUTING = Pattern.compile("Error executing: (.*?)\\.  Cause: ", Pattern.DOTALL);

  private ScriptFailure() {}

  static RuntimeException explain(MigrationException e, RunRecorder recorder, String location, String goal) {
    SQLException sql = findSqlException(e);
    if (sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
      return new IllegalStateException("Lost the database connection during " + goal + ": " + sql.getMessage(), e);
    }
    String what = recorder.failed().map(m -> "Migration " + m).orElse("The " + goal);
    StringBuilder message = new StringBuilder(what).append(" failed");
    Matcher statement = EXECUTING.matcher(String.valueOf(e.getCause() == null ? e.getMessage() : deepest(e)));
    if (statement.find()) {
      message.append(" at statement: ").append(firstLine(statement.group(1)));
    }
    message.append("\n  ").append(sql != null ? sql.getMessage() : rootMessage(e));
    message.append("\n  It was rolled back: nothing of it is applied. ");
    int done = recorder.runs().size();
    if (done > 0) {
      message.append(done).append(" migration").append(done == 1 ? "" : "s")
          .append(" before it in this run stay applied. ");
    }
    message.append("Fix the script (in ").append(location).append(") and run ").append(goal).append(" again.");
    return new ScriptFailedException(message.toString(), e);
  }

  private static String firstLine(String statement) {
    String trimmed = statement.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline).strip() + " ...";
  }

  private static String deepest(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  private static SQLException findSqlException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }
}
