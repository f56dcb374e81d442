package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which statements of a script end or start its transaction; a savepoint's do not. */
class TransactionControlTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "COMMIT;|true",
      "commit work|true",
      "commit and chain;|true",
      "COMMIT PREPARED 'tx1';|true",
      "END;|true",
      "end transaction;|true",
      "ROLLBACK;|true",
      "rollback and no chain;|true",
      "ROLLBACK PREPARED 'tx1';|true",
      "abort;|true",
      "BEGIN;|true",
      "begin isolation level serializable;|true",
      "START TRANSACTION READ WRITE;|true",
      "PREPARE TRANSACTION 'tx1';|true",
      "ROLLBACK TO SAVEPOINT before_backfill;|false",
      "rollback to before_backfill;|false",
      "rollback work to savepoint before_backfill;|false",
      "SAVEPOINT before_backfill;|false",
      "RELEASE SAVEPOINT before_backfill;|false",
      "COMMENT ON TABLE orders IS 'commit';|false",
      "DO $$ BEGIN PERFORM 1; END $$;|false",
      "CREATE PROCEDURE p() LANGUAGE plpgsql AS $$ BEGIN COMMIT; END $$;|false",
      "UPDATE endpoints SET begin_at = now();|false",
      "PREPARE by_symbol AS SELECT * FROM orders WHERE symbol = $1;|false"})
  void endsOrStartsATransaction(String sql, boolean transactionControl) {
    assertEquals(transactionControl, TransactionControl.is(new SqlStatement(1, 1, sql)));
  }
}
