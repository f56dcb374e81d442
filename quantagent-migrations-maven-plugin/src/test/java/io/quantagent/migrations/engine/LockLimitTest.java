package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which lock_timeout the run's migrations without a line of their own wait under: the run's, or the session's own. */
class LockLimitTest {
  private static final RunnerSettings UNSET = RunnerSettings.parse(null, 5, "off", "each");

  private static LockLimit login(String shown, Duration value) {
    return new LockLimit(value, Optional.of(new ServerSetting("lock_timeout", shown, "user", "migrator", "trading")));
  }

  @Test
  void aStricterLoginLimitWinsOverTheDefault() {
    LockLimit login = login("500ms", Duration.ofMillis(500));
    assertEquals(login, LockLimit.forRun(UNSET, login));
    assertEquals(Optional.of("the session's own lock_timeout, stricter than the run's default 2 s: 500ms, set for the"
        + " role migrator (ALTER ROLE migrator SET lock_timeout)"), LockLimit.forRun(UNSET, login).origin());
  }

  @Test
  void aLoginLimitAsLongAsTheDefaultLongerOrNoneLeavesTheDefault() {
    for (LockLimit login : List.of(login("2s", Duration.ofSeconds(2)), login("10s", Duration.ofSeconds(10)),
        login("0", Duration.ZERO))) {
      assertEquals(LockLimit.of(Duration.ofSeconds(2)), LockLimit.forRun(UNSET, login), login.toString());
    }
  }

  @Test
  void aGivenStatementLockTimeoutWinsEvenWhenItIsTheDefaultsTwoSecondsOrOff() {
    LockLimit login = login("500ms", Duration.ofMillis(500));
    assertEquals(LockLimit.of(Duration.ofSeconds(2)),
        LockLimit.forRun(RunnerSettings.parse("2s", 5, "off", "each"), login));
    assertEquals(LockLimit.NONE, LockLimit.forRun(RunnerSettings.parse("off", 5, "off", "each"), login));
  }

  @Test
  void theRunsSettingsTakeTheSessionsLimitOnlyWhenItWon() {
    LockLimit login = login("500ms", Duration.ofMillis(500));
    assertEquals(Duration.ofMillis(500), LockLimit.forRun(UNSET, login).appliedTo(UNSET).statementLockTimeout());
    assertEquals(UNSET, LockLimit.of(Duration.ofSeconds(2)).appliedTo(UNSET));
  }
}
