package io.quantagent.migrations.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a script's own comment lines ask of the runner, for both its change and its {@code @UNDO} part:
 * {@code -- quantagent:no-transaction}, {@code -- quantagent:lock-timeout 30s} (or {@code off}) and
 * {@code -- quantagent:statement-timeout 10min} (or {@code off}).
 */
record ScriptDirectives(boolean noTransaction, Optional<Duration> lockTimeout, Optional<Duration> statementTimeout) {
  static final Pattern NO_TRANSACTION = Pattern.compile("(?mi)^\\s*--\\s*quantagent:no-transaction\\s*$");
  private static final Pattern LOCK_TIMEOUT = Pattern.compile("(?mi)^\\s*--\\s*quantagent:lock-timeout\\b(.*)$");
  private static final Pattern STATEMENT_TIMEOUT =
      Pattern.compile("(?mi)^\\s*--\\s*quantagent:statement-timeout\\b(.*)$");

  static ScriptDirectives of(String filename, String text) {
    return new ScriptDirectives(NO_TRANSACTION.matcher(text).find(),
        duration(LOCK_TIMEOUT, "lock-timeout", filename, text),
        duration(STATEMENT_TIMEOUT, "statement-timeout", filename, text));
  }

  /** The lock timeout a statement of this script runs with. */
  Duration lockTimeout(RunnerSettings settings) {
    return lockTimeout.orElse(settings.statementLockTimeout());
  }

  Duration statementTimeout(RunnerSettings settings) {
    return statementTimeout.orElse(settings.statementTimeout());
  }

  private static Optional<Duration> duration(Pattern pattern, String name, String filename, String text) {
    Matcher matcher = pattern.matcher(text);
    if (!matcher.find()) {
      return Optional.empty();
    }
    return Optional.of(DurationSetting.parse(matcher.group(1).strip(),
        filename + ": -- quantagent:" + name));
  }
}
