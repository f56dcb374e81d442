package io.quantagent.migrations.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * What a script's own comment lines ask of the runner, for both its change and its {@code @UNDO} part:
 * {@code -- quantagent:no-transaction}, {@code -- quantagent:lock-timeout 30s} (or {@code off}) and
 * {@code -- quantagent:statement-timeout 10min} (or {@code off}); see {@link DirectiveComments} for which lines count.
 */
record ScriptDirectives(boolean noTransaction, Optional<Duration> lockTimeout, Optional<Duration> statementTimeout) {

  /** What the runner takes from {@code comments}, which have no {@link DirectiveComments#problems()}. */
  static ScriptDirectives of(DirectiveComments comments) {
    return new ScriptDirectives(comments.noTransaction(), comments.lockTimeout(), comments.statementTimeout());
  }

  /** The lock timeout a statement of this script runs with. */
  Duration lockTimeout(RunnerSettings settings) {
    return lockTimeout.orElse(settings.statementLockTimeout());
  }

  Duration statementTimeout(RunnerSettings settings) {
    return statementTimeout.orElse(settings.statementTimeout());
  }

  /** What the session sets lock_timeout to for this script. */
  SessionTimeout sessionLockTimeout(RunnerSettings settings) {
    return SessionTimeout.of(lockTimeout, settings.statementLockTimeout());
  }

  /** What the session sets statement_timeout to for this script. */
  SessionTimeout sessionStatementTimeout(RunnerSettings settings) {
    return SessionTimeout.of(statementTimeout, settings.statementTimeout());
  }
}
