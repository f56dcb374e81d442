package io.quantagent.migrations.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * What to do about a statement PostgreSQL cancelled (SQLSTATE 57014): which limit cancelled it, the script's line, the
 * run's {@code -Dquantagent.statementTimeout} or the server's own for the session, and how to raise it; or that
 * another session cancelled it. A user whose role has a statement_timeout never set one of ours, and should not be
 * told to raise it.
 */
final class CancelledStatement {
  static final String SQLSTATE = "57014";
  private static final String EXAMPLE = "'-- quantagent:statement-timeout 30min'";

  private final RunnerSettings settings;
  private final ServerStatementTimeout server;

  CancelledStatement(RunnerSettings settings, ServerStatementTimeout server) {
    this.settings = settings;
    this.server = server;
  }

  String advice(StepFailedException step, String goal) {
    String file = step.migration().file();
    String again = "then run the same mvn quantagent:" + goal + " command again.";
    String serverMessage = String.valueOf(DriverCause.innermost(step.sqlCause()).getMessage());
    if (serverMessage.contains("due to user request")) {
      return "Another session cancelled it (pg_cancel_backend): no timeout did. Find out who and why, " + again;
    }
    Optional<Duration> script = step.migration().directives().statementTimeout();
    if (script.isPresent() && !script.get().isZero()) {
      return "It ran longer than the " + DurationSetting.show(script.get()) + " its line '-- quantagent:"
          + "statement-timeout' in " + file + " allows: raise that limit (off for none), " + again;
    }
    if (script.isEmpty() && !settings.statementTimeout().isZero()) {
      return "It ran longer than -Dquantagent.statementTimeout (" + DurationSetting.show(settings.statementTimeout())
          + ") allows any statement of the run: raise it, or give this script its own limit with a line " + EXAMPLE
          + " in " + file + ", " + again;
    }
    if (script.isEmpty() && server.limits()) {
      return "It ran longer than the statement_timeout the server gives this session: " + server.describe() + "."
          + " The run keeps it while -Dquantagent.statementTimeout is off. A limit of the run's replaces it for the"
          + " migrations: -Dquantagent.statementTimeout=30min, or a line " + EXAMPLE + " in " + file + " (off there"
          + " for none at all); " + again;
    }
    return "Neither the run nor the server set a statement_timeout for it, so a SET statement_timeout in " + file
        + " itself did: raise or remove it, " + again;
  }
}
