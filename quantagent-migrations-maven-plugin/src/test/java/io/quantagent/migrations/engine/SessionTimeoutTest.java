package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionTimeoutTest {
  @Test
  void theRunsOffKeepsTheServersOwn() {
    SessionTimeout timeout = SessionTimeout.of(Optional.empty(), Duration.ZERO);
    assertEquals("SET LOCAL statement_timeout TO DEFAULT", timeout.setLocal("statement_timeout"));
    assertEquals("reset statement_timeout", timeout.set("statement_timeout"));
  }

  @Test
  void theRunsLimitIsSetWhereTheScriptHasNone() {
    SessionTimeout timeout = SessionTimeout.of(Optional.empty(), Duration.ofSeconds(2));
    assertEquals("SET LOCAL lock_timeout = 2000", timeout.setLocal("lock_timeout"));
    assertEquals("set lock_timeout = 2000", timeout.set("lock_timeout"));
  }

  @Test
  void aScriptsOwnLimitWins() {
    assertEquals("SET LOCAL lock_timeout = 30000",
        SessionTimeout.of(Optional.of(Duration.ofSeconds(30)), Duration.ofSeconds(2)).setLocal("lock_timeout"));
  }

  @Test
  void aScriptsOffSetsNoLimitAtAllInsteadOfTheServersOwn() {
    SessionTimeout timeout = SessionTimeout.of(Optional.of(Duration.ZERO), Duration.ofSeconds(2));
    assertEquals("SET LOCAL lock_timeout = 0", timeout.setLocal("lock_timeout"));
    assertEquals("set lock_timeout = 0", timeout.set("lock_timeout"));
  }
}
