package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a lost connection may have left: a no-transaction script's row written on upgrade, deleted on downgrade; and the
 * migrations sent after the failed one in its round trip, which may have committed as well.
 */
class UnknownCommitTest {
  private static StepFailedException lostAtTheChangelogRow(boolean undo) {
    PlannedMigration migration = new PlannedMigration(new MigrationInfo(BigDecimal.ONE, "index a"), "1_index_a.sql",
        undo, ScriptDirectives.of(DirectiveComments.of("-- quantagent:no-transaction")),
        List.of(new SqlStatement(1, 2, "create index concurrently a_id on a (id)")));
    return new StepFailedException(migration, TransactionBatch.Part.CHANGELOG, Optional.empty(),
        new SQLException("An I/O error occurred while sending to the backend.", "08006"), 1, Optional.empty(), 1,
        Optional.empty());
  }

  @Test
  void anUpgradesRowMayHaveBeenWrittenAndWithoutItTheScriptRunsAgain() {
    String why = " (a server that waits for a synchronous standby has committed on its own disk before it waits, and a"
        + " commit can finish just as the connection drops).";
    assertEquals("1_index_a.sql runs without a transaction (-- quantagent:no-transaction): all 1 of its statements are"
        + " applied, and the connection was lost while its changelog row was written: PostgreSQL may have committed"
        + " the row or not" + why + " Without it, the next upgrade runs the whole script again.",
        UnknownCommit.explain(lostAtTheChangelogRow(false), 0, false));
    assertEquals("1_index_a.sql runs without a transaction (-- quantagent:no-transaction): all 1 of its statements are"
        + " applied, and the connection was lost while its changelog row was deleted: PostgreSQL may have committed"
        + " the deletion or not" + why + " With the row still there, the next downgrade runs the whole undo again.",
        UnknownCommit.explain(lostAtTheChangelogRow(true), 0, true));
  }

  private static PlannedMigration migration(int id) {
    return new PlannedMigration(new MigrationInfo(BigDecimal.valueOf(id), "create t" + id), id + "_create_t" + id
        + ".sql", false, ScriptDirectives.of(DirectiveComments.of("")), List.of(new SqlStatement(1, 2, "select 1")));
  }

  private static StepFailedException lostAt(TransactionBatch.Part part, int... unanswered) {
    return new StepFailedException(migration(unanswered[0]), part, Optional.empty(),
        new SQLException("An I/O error occurred while sending to the backend.", "08006"), 1, Optional.empty(), -1,
        Optional.empty(), Arrays.stream(unanswered).mapToObj(UnknownCommitTest::migration).toList());
  }

  /** Those sent after it may not have begun, so "rolled back" would be true of none of them. */
  @Test
  void theMigrationsSentAfterItInItsRoundTripAreNamedAndNotSaidToBeRolledBack() {
    assertEquals("The connection was lost at its commit: PostgreSQL may have committed it, with its changelog row, and"
        + " 3 (create t3), sent after it in the same round trip, or not (a server that waits for a synchronous standby"
        + " has committed on its own disk before it waits, and a commit can finish just as the connection drops).",
        UnknownCommit.explain(lostAt(TransactionBatch.Part.COMMIT, 2, 3), 0, false));
    assertEquals("The server's answers stopped there and the connection was lost without a word from it, while the"
        + " rest of the round trip that carried the migration, its commit included, was on its way: PostgreSQL may"
        + " have run it all and committed it, with its changelog row, and the 3 migrations 3 (create t3) to 5 (create"
        + " t5), sent after it in the same round trip, or not.",
        UnknownCommit.explain(lostAt(TransactionBatch.Part.STATEMENT, 2, 3, 4, 5), 0, false));
  }
}
