package io.quantagent.migrations.engine;

import io.quantagent.migrations.engine.ServerTimeouts.CancelWording;
import java.time.Duration;
import java.util.Optional;

/**
 * What to do when a time limit ended a migration: which limit it was, the script's line, the run's setting or the
 * server's own for the session (a role's or database's {@code ALTER ... SET}, postgresql.conf, the URL), and how to
 * raise it; or that another session cancelled the statement. A user whose role has a statement_timeout never set one
 * of ours, and should not be told to raise it.
 */
final class TimeLimitAdvice {
  /** A statement cancelled: by statement_timeout, or by pg_cancel_backend. */
  static final String CANCELLED = "57014";
  /** The session ended by transaction_timeout (PostgreSQL 17). */
  static final String TRANSACTION_TIMEOUT = "25P04";
  private static final String EXAMPLE = "'-- quantagent:statement-timeout 30min'";

  private final RunnerSettings settings;
  private final LockLimit lockLimit;
  private final ServerTimeouts.Reader server;

  /**
   * @param lockLimit the lock_timeout of the run's migrations that have no line of their own
   * @param server read only when the server's own limit may be the one that ended the migration, or its words for a
   *     cancel are needed
   */
  TimeLimitAdvice(RunnerSettings settings, LockLimit lockLimit, ServerTimeouts.Reader server) {
    this.settings = settings;
    this.lockLimit = lockLimit;
    this.server = server;
  }

  /** For SQLSTATE 55P03: how long each attempt waited, and who set that limit when it is the session's own. */
  Optional<String> lockTimedOut(StepFailedException step) {
    LockLimit limit = lockLimit.forStatement(step.migration(), step.statement());
    if (limit.value().isZero()) {
      return Optional.empty(); // the server's own ended the wait: the run set none
    }
    return Optional.of((step.attempts() == 1 ? "It waited " : "Each attempt waited ")
        + DurationSetting.show(limit.value()) + limit.origin().map(origin -> ", " + origin).orElse("") + ".");
  }

  /** Whether the session's own lock_timeout, stricter than the run's default, was the limit {@code step} met. */
  boolean sessionsOwnLockTimeout(StepFailedException step) {
    return lockLimit.forStatement(step.migration(), step.statement()).session().isPresent();
  }

  /** For SQLSTATE 57014. */
  String cancelled(StepFailedException step, String goal) {
    String file = step.migration().file();
    String again = "then run the same mvn quantagent:" + goal + " command again.";
    String said = DriverCause.serverMessage(step.sqlCause()).orElse("");
    // In English the message says which; translated (lc_messages), only the server's own words for a cancel can tell.
    boolean english = said.startsWith("canceling statement due to ");
    Optional<ServerTimeouts> asked = english ? Optional.empty() : server.read(CancelWording.ASKED);
    if (asked.flatMap(ServerTimeouts::userCancel).map(said::equals).orElse(said.contains("due to user request"))) {
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
    String replace = " The run keeps it while -Dquantagent.statementTimeout is off. A limit of the run's replaces it"
        + " for the migrations: -Dquantagent.statementTimeout=30min, or a line " + EXAMPLE + " in " + file + " (off"
        + " there for none at all); " + again;
    if (script.isPresent()) {
      return "Its line '-- quantagent:statement-timeout off' lifted every limit, so a SET statement_timeout in " + file
          + " itself cancelled it: raise or remove that, " + again;
    }
    Optional<ServerSetting> serverTimeout = (english ? server.read(CancelWording.NOT_ASKED) : asked)
        .map(ServerTimeouts::statement);
    if (serverTimeout.isEmpty()) {
      return "It ran longer than a statement_timeout of the server's for the session (ALTER ROLE or ALTER DATABASE"
          + " ... SET, postgresql.conf, the URL's options), or one a SET in " + file + " made." + replace;
    }
    if (serverTimeout.get().limits()) {
      return "It ran longer than the statement_timeout the server gives this session: "
          + serverTimeout.get().describe() + "." + replace;
    }
    return "Neither the run nor the server set a statement_timeout for it, so a SET statement_timeout in " + file
        + " itself did: raise or remove it, " + again;
  }

  /** For SQLSTATE 25P04: the server ended the session, and the run with it. */
  String transactionTimedOut(String goal) {
    Optional<ServerSetting> serverTimeout = server.read(CancelWording.NOT_ASKED).map(ServerTimeouts::transaction);
    String limit = serverTimeout.filter(ServerSetting::limits)
        .map(t -> "The server ends every transaction longer than its transaction_timeout: " + t.describe() + ". This"
            + " one ran longer.")
        .orElse("The server ended the transaction: it ran longer than transaction_timeout.");
    String each = settings.transaction() == TransactionMode.ALL
        ? " With -Dquantagent.transaction=all the migrations of the run share one transaction;"
            + " -Dquantagent.transaction=each gives each its own, which may fit."
        : "";
    return limit + each + " Raise or lift the limit for the role that migrates (ALTER ROLE "
        + serverTimeout.map(ServerSetting::role).orElse("...") + " SET transaction_timeout = 0), or run as a role"
        + " without one; then run the same mvn quantagent:" + goal + " command again.";
  }
}
