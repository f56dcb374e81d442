package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a no-transaction script's lost changelog step may have left: a row written on upgrade, deleted on downgrade. */
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
}
