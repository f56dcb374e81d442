package io.quantagent.migrations.engine;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * A run that pgjdbc stopped by closing the connection itself, because a statement set the client encoding to another
 * than UTF8 ({@link ClientEncoding}) in a form neither the run plan nor the {@link ClientEncodingGuard} can see, or in
 * a script without a transaction, which the check does not follow: the script is the cause, not the database or
 * the network, and the message says so. Where the driver could not tell the statement (one batch, or several sent in
 * one round trip), the server had run the whole round trip, its commits included, before it reported the setting
 * (PostgreSQL 14 and later report it when the round trip ends): what it carried may be applied, and the message does
 * not say that it was rolled back.
 */
final class ClientEncodingChanged {
  private ClientEncodingChanged() {}

  /** @param failure what failed, where, and what PostgreSQL said */
  static ScriptFailedException explain(StepFailedException step, RunRecorder recorder, boolean durable, String failure,
      String goal) {
    SQLException cause = DriverCause.innermost(step.sqlCause());
    String file = step.migration().file();
    String why = "a statement set the client encoding to another than UTF8, and the PostgreSQL JDBC driver, which works"
        + " in UTF8 only, closed the connection: nothing is wrong with the database or the network.";
    String fix = ", or make it set 'UTF8'. It is written in a form the check before the run cannot see (an EXECUTE in"
        + " a DO block, set_config in a function or in a larger query), so look for it there. Check where the database"
        + " is with mvn quantagent:current, then run the same mvn quantagent:" + goal + " command again.";
    if (step.part() != TransactionBatch.Part.UNKNOWN) {
      String message = failure + "\n  In " + file + ", " + why + " " + ScriptFailure.consequence(step, recorder) + " "
          + ScriptFailure.applied(recorder, durable, true) + "\n  Delete the statement that sets client_encoding from "
          + file + fix;
      return new ScriptFailedException(message, failure, cause);
    }
    List<PlannedMigration> sent = step.unansweredCommits();
    String where = "The " + goal + " stopped at the end of the round trip that sent " + carried(step) + ", " + why
        + "\n  " + DriverCause.of(cause);
    // Only a round trip that carries no commit is left with nothing unanswered: all mode's open transaction.
    String left = sent.isEmpty()
        ? "The run's transaction (-Dquantagent.transaction=all) was still open: PostgreSQL rolled it back, with every"
            + " migration in it. " + ScriptFailure.applied(recorder, durable, true)
        : "PostgreSQL runs a whole round trip, its commits too, before it reports the setting: "
            + (sent.size() == 1 ? "it" : "each") + " may be " + (recorder.undo() ? "undone, with its changelog row"
            + " deleted. " : "applied, with its changelog row. ") + ScriptFailure.applied(recorder, durable, false);
    String suspects = mentioning(recorder.planned(), step.migration());
    String message = where + "\n  " + left + "\n  Delete the statement that sets client_encoding"
        + (suspects.isEmpty() ? "" : " (client_encoding appears in " + suspects + ")") + fix;
    return new ScriptFailedException(message, where, cause);
  }

  /** The migrations of the round trip that failed, as the message names them. */
  private static String carried(StepFailedException step) {
    List<PlannedMigration> sent = step.unansweredCommits();
    if (sent.isEmpty()) {
      return step.migration().label() + " and any migrations after it: in one of them";
    }
    return sent.size() == 1 ? sent.get(0).label() + ": in it" : "the " + sent.size() + " migrations "
        + sent.get(0).label() + " to " + sent.get(sent.size() - 1).label() + ": in one of them";
  }

  /** The files, from {@code first} on in the run, whose statements name client_encoding, as a list for a message. */
  private static String mentioning(List<PlannedMigration> planned, PlannedMigration first) {
    return String.join(", ", planned.stream().dropWhile(m -> !m.equals(first))
        .filter(m -> m.statements().stream().anyMatch(s -> s.sql().toLowerCase(Locale.ROOT).contains("client_encoding")))
        .map(PlannedMigration::file).toList());
  }
}
