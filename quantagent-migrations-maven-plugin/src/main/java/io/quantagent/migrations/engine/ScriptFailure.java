package io.quantagent.migrations.engine;

import java.sql.SQLException;
import org.apache.ibatis.migration.MigrationException;

/** Turns what MyBatis throws when a script fails into a message naming the script, the statement and the fix. */
final class ScriptFailure {
  private ScriptFailure() {}

  static RuntimeException explain(MigrationException e, RunRecorder recorder, String location, String goal) {
    SQLException sql = find(e, SQLException.class);
    if (sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
      return new IllegalStateException("Lost the database connection during " + goal + ": " + sql.getMessage(), e);
    }
    StringBuilder message = new StringBuilder();
    message.append(recorder.failed().map(m -> "Migration " + m).orElse("The " + goal)).append(" failed");
    recorder.failedFile().ifPresent(file -> message.append(" in ").append(file));
    StatementFailedException statement = find(e, StatementFailedException.class);
    if (statement != null) {
      message.append(", ").append(statement.getMessage());
    } else {
      message.append(":\n  ").append(sql != null ? sql.getMessage() : rootMessage(e));
    }
    message.append("\n  It was rolled back: nothing of it is applied and it has no changelog row.");
    int done = recorder.runs().size();
    if (done > 0) {
      MigrationInfo last = recorder.runs().get(done - 1).migration();
      message.append(" The ").append(done).append(done == 1 ? " migration" : " migrations")
          .append(" before it in this run stay applied; the database is at ").append(last).append('.');
    }
    message.append("\n  Fix the script (").append(location).append(") and run ").append(goal).append(" again.");
    return new ScriptFailedException(message.toString(), e);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
