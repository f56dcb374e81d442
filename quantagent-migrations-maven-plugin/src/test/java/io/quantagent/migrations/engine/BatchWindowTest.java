package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several migrations in one round trip, on a real server: each keeps its own transaction and its own settings, a
 * failure leaves exactly the migrations before it, and the failure is placed in the right migration and part.
 */
@ExtendWith(PostgresFixture.class)
class BatchWindowTest {
  private TestDatabase db;

  @BeforeEach
  void changelog(TestDatabase db) throws SQLException {
    this.db = db;
    db.execute("create table log (id int primary key, lock_timeout text, synchronous_commit text)");
  }

  /** A migration's batch as the runner builds it: its settings, its statements, its changelog row, its commit. */
  private static TransactionBatch migration(int id, boolean commits, String lockTimeout, String... statements) {
    List<SqlStatement> parsed = IntStream.range(0, statements.length)
        .mapToObj(i -> new SqlStatement(i + 1, i + 1, statements[i])).toList();
    String file = id + "_m" + id + ".sql";
    return new TransactionBatch(new PlannedMigration(new MigrationInfo(BigDecimal.valueOf(id), "m" + id), file, false,
        ScriptDirectives.of(DirectiveComments.of("")), parsed),
        List.of("SET LOCAL lock_timeout = '" + lockTimeout + "'",
            "SET LOCAL synchronous_commit = " + (id == 3 ? "on" : "off")), List.of(),
        Optional.of("INSERT INTO log VALUES (" + id + ", current_setting('lock_timeout'),"
            + " current_setting('synchronous_commit'))"),
        commits);
  }

  private SQLException failing(BatchWindow window) throws SQLException {
    try (Connection connection = db.connect()) {
      connection.setAutoCommit(false);
      SQLException failure = assertThrows(SQLException.class, () -> window.execute(connection, EventLog.silent()));
      connection.rollback();
      return failure;
    }
  }

  @Test
  void eachMigrationCommitsOnItsOwnWithItsOwnSettingsInATransactionBlock() throws SQLException {
    List<String> notices = new ArrayList<>();
    EventLog debugLines = new EventLog() {
      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {}

      @Override
      public void debug(String message) {
        if (message.startsWith("PostgreSQL: ")) {
          notices.add(message);
        }
      }
    };
    try (Connection connection = db.connect()) {
      connection.setAutoCommit(false);
      new BatchWindow(List.of(migration(1, true, "1s", "create table t1 (id int)"),
          migration(2, true, "2s", "create table t2 (id int)"),
          migration(3, true, "3s", "create table t3 (id int)"))).execute(connection, debugLines);
      connection.commit();
    }
    assertEquals(List.of("1 1s off", "2 2s off", "3 3s on"),
        db.column("select concat_ws(' ', id, lock_timeout, synchronous_commit) from log order by id"));
    assertEquals(List.of("log", "t1", "t2", "t3"), db.tables());
    // Outside a transaction block the server would still apply SET LOCAL, with a warning, and let through commands
    // that refuse to run in one: every migration gets its own BEGIN.
    assertEquals(List.of(), notices);
  }

  @Test
  void aFailureLeavesTheMigrationsBeforeItCommittedAndNothingAfterIt() throws SQLException {
    BatchWindow window = new BatchWindow(List.of(migration(1, true, "1s", "create table t1 (id int)"),
        migration(2, true, "1s", "create table t2 (id int)"),
        migration(3, true, "1s", "create table t3 (id int)", "insert into missing values (1)"),
        migration(4, true, "1s", "create table t4 (id int)")));
    SQLException failure = failing(window);
    assertEquals(new BatchWindow.Failure(2, new TransactionBatch.Position(TransactionBatch.Part.STATEMENT,
        Optional.of(new SqlStatement(2, 2, "insert into missing values (1)")))), window.failedAt(failure));
    assertEquals(List.of("1", "2"), db.column("select id::text from log order by id"));
    assertEquals(List.of("log", "t1", "t2"), db.tables());
  }

  @Test
  void aDeferredConstraintFailsTheCommitOfItsOwnMigrationOnly() throws SQLException {
    db.execute("create table parent (id int primary key)",
        "create table child (parent int references parent deferrable initially deferred)");
    BatchWindow window = new BatchWindow(List.of(migration(1, true, "1s", "insert into parent values (1)"),
        migration(2, true, "1s", "insert into child values (1)", "insert into child values (99)"),
        migration(4, true, "1s", "insert into parent values (4)")));
    SQLException failure = failing(window);
    assertEquals(new BatchWindow.Failure(1, new TransactionBatch.Position(TransactionBatch.Part.COMMIT,
        Optional.empty())), window.failedAt(failure));
    assertEquals(List.of("1"), db.column("select id::text from log order by id"));
    assertEquals(List.of("1"), db.column("select id::text from parent order by id"));
  }

  @Test
  void migrationsOfOneTransactionAreRolledBackTogether() throws SQLException {
    BatchWindow window = new BatchWindow(List.of(migration(1, false, "1s", "create table t1 (id int)"),
        migration(2, false, "1s", "create table t2 (id int)", "insert into missing values (1)")));
    assertEquals(1, window.failedAt(failing(window)).member());
    assertEquals(List.of(), db.column("select id::text from log"));
    assertEquals(List.of("log"), db.tables());
  }
}
