package io.quantagent.migrations.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * What a migration's session sets one of its timeouts to ({@code lock_timeout}, {@code statement_timeout}). A script's
 * own line wins, and its {@code off} means no limit at all, the server's or a role's included: its author asked that
 * for that script. Otherwise the run's setting, where off leaves the server's own (postgresql.conf, or an
 * {@code ALTER ROLE} or {@code ALTER DATABASE ... SET}) in force, as the DBA set it.
 *
 * @param value what the session sets; empty: the server's own
 */
record SessionTimeout(Optional<Duration> value) {
  static final SessionTimeout SERVER_DEFAULT = new SessionTimeout(Optional.empty());

  static SessionTimeout of(Optional<Duration> script, Duration run) {
    return new SessionTimeout(script.isPresent() ? script : Optional.of(run).filter(d -> !d.isZero()));
  }

  /** For a transaction: {@code SET LOCAL}, or back to the server's own. */
  String setLocal(String name) {
    return value.map(d -> "SET LOCAL " + name + " = " + DurationSetting.forPostgres(d))
        .orElse("SET LOCAL " + name + " TO DEFAULT");
  }

  /** For a session in auto-commit: {@code SET}, or {@code RESET} to the server's own. */
  String set(String name) {
    return value.map(d -> "set " + name + " = " + DurationSetting.forPostgres(d)).orElse("reset " + name);
  }
}
