package io.quantagent.migrations.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * What a script's own comment lines ask of the runner, for both its change and its {@code @UNDO} part:
 * {@code -- quantagent:no-transaction}, {@code -- quantagent:lock-timeout 30s} (or {@code off}) and
 * {@code -- quantagent:statement-timeout 10min} (or {@code off}); see {@link DirectiveComments} for which lines count.
 */
record ScriptDirectives(boolean noTransaction, Optional<Duration> lockTimeout, Optional<Duration> statementTimeout) {

  static ScriptDirectives of(String filename, String text) {
    DirectiveComments comments = DirectiveComments.of(text);
    return new ScriptDirectives(comments.noTransaction(),
        duration(comments, DirectiveComments.LOCK_TIMEOUT, filename),
        duration(comments, DirectiveComments.STATEMENT_TIMEOUT, filename));
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

  private static Optional<Duration> duration(DirectiveComments comments, String name, String filename) {
    return comments.value(name).map(value -> DurationSetting.parse(value, filename + ": -- " + name));
  }
}
