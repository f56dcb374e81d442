package io.quantagent.migrations.testing;

import java.time.Duration;
import java.time.Instant;

/** Waits for a state of the database; a deadline only turns a hang into a failure. */
public final class Await {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private Await() {}

  /** Polls until the query's first value is true or a non-zero number. */
  public static void until(TestDatabase db, String query) throws Exception {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (true) {
      String value = db.value(query);
      if (value != null && !value.equals("0") && !value.equals("f") && !value.equals("false")) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("never true within " + DEADLINE.toSeconds() + " s: " + query);
      }
      Thread.onSpinWait();
    }
  }
}
