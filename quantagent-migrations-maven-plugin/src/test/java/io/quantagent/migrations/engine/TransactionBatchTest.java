package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which part of a migration's batch failed, from pgjdbc's "Batch entry N" (its update counts say nothing then); the
 * resets of the session settings a script changed belong to its changelog row.
 */
class TransactionBatchTest {
  private static final List<SqlStatement> STATEMENTS = List.of(new SqlStatement(1, 2, "create table a (id int)"),
      new SqlStatement(2, 4, "insert into missing values (1)"));
  private static final TransactionBatch BATCH = new TransactionBatch(new PlannedMigration(
      new MigrationInfo(java.math.BigDecimal.ONE, "x"), "1_x.sql", false,
      ScriptDirectives.of(DirectiveComments.of("")), STATEMENTS),
      List.of("SET LOCAL lock_timeout = 2000", "SET LOCAL synchronous_commit = off"), List.of("RESET search_path"),
      Optional.of("INSERT INTO changelog ..."), true);

  private static TransactionBatch.Position at(String message) {
    return BATCH.failedAt(new BatchUpdateException(message, "42P01", 0, new int[0], null));
  }

  @Test
  void theEntryIndexNamesTheStatementTheChangelogRowOrTheCommit() {
    assertEquals(new TransactionBatch.Position(TransactionBatch.Part.SETTING, Optional.empty()),
        at("Batch entry 1 SET LOCAL synchronous_commit = off was aborted: ERROR: ..."));
    assertEquals(new TransactionBatch.Position(TransactionBatch.Part.STATEMENT, Optional.of(STATEMENTS.get(1))),
        at("Batch entry 3 insert into missing values (1) was aborted: ERROR: relation \"missing\" does not exist"));
    assertEquals(TransactionBatch.Part.CHANGELOG, at("Batch entry 4 RESET search_path was aborted").part());
    assertEquals(TransactionBatch.Part.CHANGELOG, at("Batch entry 5 INSERT INTO changelog ... was aborted").part());
    assertEquals(TransactionBatch.Part.COMMIT, at("Batch entry 6 COMMIT was aborted: ERROR: insert or update").part());
  }

  /** The check after a script that may set the client encoding has its own place, before the resets. */
  @Test
  void theClientEncodingGuardComesRightAfterTheStatements() {
    List<SqlStatement> statements = List.of(new SqlStatement(1, 2, "create table notes (body text)"),
        new SqlStatement(2, 3, "select set_config('client_encoding', 'LATIN1', false) from (values (1)) v"));
    TransactionBatch batch = new TransactionBatch(new PlannedMigration(new MigrationInfo(java.math.BigDecimal.ONE, "x"),
        "1_x.sql", false, ScriptDirectives.of(DirectiveComments.of("")), statements),
        List.of("SET LOCAL synchronous_commit = off"), List.of("RESET ALL"), Optional.of("INSERT INTO changelog ..."),
        true);
    assertEquals(List.of("SET LOCAL synchronous_commit = off", statements.get(0).sql(), statements.get(1).sql(),
        ClientEncodingGuard.SQL, "RESET ALL", "INSERT INTO changelog ...", "COMMIT"), batch.sql());
    assertEquals(TransactionBatch.Part.STATEMENT, batch.at(2).part());
    assertEquals(new TransactionBatch.Position(TransactionBatch.Part.ENCODING_GUARD, Optional.empty()), batch.at(3));
    assertEquals(TransactionBatch.Part.CHANGELOG, batch.at(4).part());
    assertEquals(TransactionBatch.Part.CHANGELOG, batch.at(5).part());
    assertEquals(TransactionBatch.Part.COMMIT, batch.at(6).part());
  }

  @Test
  void aTranslatedMessageStillGivesTheIndexAndAnythingElseIsUnknown() {
    assertEquals(Optional.of(STATEMENTS.get(0)), at("批次处理 2 <unknown> 被中止，呼叫 getNextException 以取得原因。").statement());
    assertEquals(TransactionBatch.Part.UNKNOWN, BATCH.failedAt(new SQLException("I/O error", "08006")).part());
    assertEquals(TransactionBatch.Part.UNKNOWN, at("Batch entry 9 nothing there").part());
  }
}
