package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantagent.migrations.engine.ServerTimeouts.CancelWording;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What the advice asks of the server: its timeouts at most once, and its words for a cancel (a round trip of their own)
 * only when the cancel came in another language than English. The reading itself is {@link ServerTimeoutsTest}'s.
 */
class TimeLimitAdviceTest {
  private final List<CancelWording> asked = new ArrayList<>();
  private final TimeLimitAdvice advice = new TimeLimitAdvice(RunnerSettings.defaults(), LockLimit.NONE, wording -> {
    asked.add(wording);
    return Optional.empty();
  });

  @Test
  void aStatementTimeoutInEnglishReadsTheTimeoutsWithoutTheCancelWording() {
    advice.cancelled(cancelled("canceling statement due to statement timeout"), "upgrade");
    assertEquals(List.of(CancelWording.NOT_ASKED), asked);
  }

  @Test
  void aCancelInEnglishReadsNothing() {
    advice.cancelled(cancelled("canceling statement due to user request"), "upgrade");
    assertEquals(List.of(), asked);
  }

  @Test
  void aCancelInAnotherLanguageAsksForTheCancelWordingOnce() {
    advice.cancelled(cancelled("storniere Anfrage wegen Zeitüberschreitung der Anfrage"), "upgrade");
    assertEquals(List.of(CancelWording.ASKED), asked);
  }

  @Test
  void aTransactionTimeoutReadsTheTimeoutsWithoutTheCancelWording() {
    advice.transactionTimedOut("upgrade");
    assertEquals(List.of(CancelWording.NOT_ASKED), asked);
  }

  /** A migration without lines of its own whose only statement the server cancelled, saying {@code message}. */
  private static StepFailedException cancelled(String message) {
    PlannedMigration migration = new PlannedMigration(new MigrationInfo(BigDecimal.valueOf(2), "slow"), "002_slow.sql",
        false, ScriptDirectives.of(DirectiveComments.of("")), List.of(new SqlStatement(1, 2, "select pg_sleep(60)")));
    PSQLException server = new PSQLException(new ServerErrorMessage("SERROR\0C" + TimeLimitAdvice.CANCELLED + "\0M"
        + message + "\0"));
    return new StepFailedException(migration, TransactionBatch.Part.STATEMENT,
        Optional.of(migration.statements().get(0)), server, 1, Optional.empty(), -1, Optional.empty());
  }
}
