package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.db.DatabaseConnectionException;
import io.quantagent.migrations.db.DatabaseUrl;
import io.quantagent.migrations.db.PostgresConnector;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.SwallowingRelay;
import io.quantagent.migrations.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A migration's statements, changelog row and commit go to the server in one round trip, and with them any that were
 * queued behind it. When the connection is lost without a word from the server (a network, a proxy, a killed server:
 * no FATAL, only the end of the stream), the answers the client got say only where the server had got to at the
 * latest: it may have run the rest of the round trip, commits included. The error must not say that the migration was
 * rolled back, and must name the ones sent with it.
 */
@ExtendWith(PostgresFixture.class)
class UnansweredCommitTest {
  private static final String MARKER = "connection-cut-here";
  private static final String CUT = "do $$ begin raise notice '" + MARKER + "'; end $$;\n";

  @TempDir
  Path dir;

  /**
   * The run's sender is held at its first migration until the third is queued, so that migration 1 goes alone and
   * migrations 2 and 3 go together, in one round trip. Behind PgBouncer the end comes with the proxy's own FATAL,
   * which says no more of what the server did than silence.
   */
  @ParameterizedTest(name = "{0}, connection lost in migration {1}, PgBouncer's last word: {2}")
  @CsvSource({"EACH, 1, false", "EACH, 2, false", "EACH, 3, false", "ALL, 1, false", "ALL, 2, false",
      "EACH, 2, true", "ALL, 2, true"})
  void aConnectionLostWithoutAWordIsNotSaidToHaveRolledBackWhatMayHaveCommitted(TransactionMode mode, int cutIn,
      boolean likePgBouncer, TestDatabase db) throws Exception {
    Scripts scripts = new Scripts(dir);
    for (int id = 1; id <= 3; id++) {
      scripts.add("00" + id + "_create_t" + id + ".sql", "create table t" + id + " (id int);\n" + (id == cutIn ? CUT
          : "") + "insert into t" + id + " values (" + id + ");", "drop table t" + id + ";");
    }
    try (SwallowingRelay relay = new SwallowingRelay(db.server(), MARKER, likePgBouncer)) {
      PostgresConnector viaRelay = new PostgresConnector(DatabaseUrl.parse(relay.jdbcUrl(db.name()))
          .withCredentials(db.server().user(), db.server().password()));
      Migrator migrator = new Migrator(viaRelay::connect, scripts.source(), MigratorSettings.defaults()
          .withRunner(RunnerSettings.defaults().withTransaction(mode)), new FirstAloneThenTogether());
      DatabaseConnectionException lost = assertThrows(DatabaseConnectionException.class,
          () -> migrator.upgrade(new Target.Head()));
      assertTrue(relay.awaitDropped(), "the relay never met the marker");
      String message = lost.getMessage();
      List<String> committed = db.changelogIds();
      if (mode == TransactionMode.ALL) {
        assertEquals(List.of(), committed, "what the server did: the open transaction ended with the connection");
        assertTrue(message.contains("\n  It was rolled back: nothing of it is applied and it has no changelog row."),
            message);
        return;
      }
      assertEquals(cutIn == 1 ? List.of("1") : List.of("1", "2", "3"), committed,
          "what the server did: the whole round trip committed");
      assertTrue(message.contains(likePgBouncer ? "PostgreSQL: server conn crashed? [SQLSTATE 08P01]"
          : "PostgreSQL: An I/O error occurred while sending to the backend. [SQLSTATE 08006]"), message);
      assertTrue(message.startsWith("Lost the database connection during upgrade. Migration " + cutIn + " (create t"
          + cutIn + ") failed in 00" + cutIn + "_create_t" + cutIn + ".sql, statement 2 of 3 (line 3): do $$"), message);
      assertTrue(message.contains("\n  The server's answers stopped there and the connection was lost without a word"
          + " from it, while the rest of the round trip that carried the migration, its commit included, was on its way:"
          + " PostgreSQL may have run it all and committed it, with its changelog row, " + (cutIn == 2
          ? "and 3 (create t3), sent after it in the same round trip, " : "") + "or not. "
          + (cutIn == 1 ? "Nothing else was applied." : "The " + (cutIn - 1) + (cutIn == 2 ? " migration" : " migrations")
          + " before it in this run " + (cutIn == 2 ? "stays" : "stay") + " applied.")), message);
      assertFalse(message.contains("rolled back") || message.contains("the database is at"), message);
    }
  }

  /** Holds the sender at "Applying 1" until migration 3 is queued; the caller waits for that line before queueing 2. */
  private static final class FirstAloneThenTogether implements EventLog {
    private final CountDownLatch firstSending = new CountDownLatch(1);
    private final CountDownLatch thirdQueued = new CountDownLatch(1);

    @Override
    public void info(String message) {
      if (message.startsWith("Applying 1 ")) {
        firstSending.countDown();
        await(thirdQueued);
      }
    }

    @Override
    public void warn(String message) {}

    @Override
    public void debug(String message) {
      if (message.startsWith("Queued 1 ")) {
        await(firstSending);
      } else if (message.startsWith("Queued 3 ")) {
        thirdQueued.countDown();
      }
    }

    private static void await(CountDownLatch latch) {
      try {
        if (!latch.await(1, TimeUnit.MINUTES)) {
          throw new AssertionError("the run never got there: did it stop queueing or sending?");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
