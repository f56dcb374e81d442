package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The waits between attempts the README promises: about 1, 2, 4 and 8 s by default, jittered by a quarter. */
class LockRetryTest {
  private static final double LOWEST = 0;
  private static final double MIDDLE = 0.5;
  private static final double HIGHEST = Math.nextDown(1.0);

  @Test
  void theDefaultsAreATwoSecondGuardAndFiveAttemptsWithAOneSecondFirstWaitAndProgressEveryTenSeconds() {
    RunnerSettings mojoDefaults = RunnerSettings.parse(null, Integer.parseInt(RunnerSettings.DEFAULT_LOCK_ATTEMPTS),
        RunnerSettings.DEFAULT_STATEMENT_TIMEOUT, RunnerSettings.DEFAULT_TRANSACTION);
    for (RunnerSettings settings : List.of(mojoDefaults, RunnerSettings.defaults())) {
      assertEquals(Duration.ofSeconds(2), settings.statementLockTimeout());
      assertFalse(settings.statementLockTimeoutGiven(), "a stricter lock_timeout of the session's own wins");
      assertEquals(5, settings.lockAttempts());
      assertEquals(Duration.ofSeconds(1), settings.retryWait());
      assertEquals(Duration.ofSeconds(10), settings.progressEvery(), "README: long statements say every 10 s");
    }
  }

  @Test
  void theDefaultWaitsBetweenFiveAttemptsAreAbout1And2And4And8Seconds() {
    Duration firstWait = RunnerSettings.defaults().retryWait();
    assertEquals(List.of(1000L, 2000L, 4000L, 8000L), waits(firstWait, 4, MIDDLE));
  }

  @Test
  void eachWaitIsJitteredByAtMostAQuarterEitherWay() {
    Duration firstWait = Duration.ofSeconds(1);
    assertEquals(List.of(750L, 1500L, 3000L, 6000L), waits(firstWait, 4, LOWEST));
    assertEquals(List.of(1250L, 2500L, 5000L, 10000L), waits(firstWait, 4, HIGHEST));
  }

  @Test
  void theWaitStopsDoublingBeforeItOverflows() {
    Duration firstWait = Duration.ofSeconds(1);
    assertEquals(LockRetry.pause(firstWait, 21, MIDDLE), LockRetry.pause(firstWait, 1_000, MIDDLE));
    assertEquals(Duration.ofMillis(1000L << 20), LockRetry.pause(firstWait, 1_000, MIDDLE));
  }

  private static List<Long> waits(Duration firstWait, int failedAttempts, double random) {
    return IntStream.rangeClosed(1, failedAttempts)
        .mapToObj(attempt -> LockRetry.pause(firstWait, attempt, random).toMillis()).toList();
  }
}
