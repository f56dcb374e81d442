package io.quantagent.migrations.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresFixture.class)
class PostgresConnectorTest {

  @Test
  void aRefusedPasswordSaysHowToWriteOneInAUrl(TestDatabase db) {
    DatabaseUrl url = DatabaseUrl.parse(db.jdbcUrl()).withCredentials(db.server().user(), "Wr0ng@pass");
    DatabaseConnectionException e = assertThrows(DatabaseConnectionException.class,
        () -> new PostgresConnector(url).connect());
    assertTrue(e.getMessage().contains("as " + db.server().user() + " (password ****): FATAL: password authentication"
        + " failed"), e.getMessage());
    assertTrue(e.getMessage().endsWith("the user:password part of the URL, where a password's @ : / ? # % must be"
        + " percent-encoded: @ is %40, % is %25)."), e.getMessage());
    assertFalse(e.getMessage().contains("Wr0ng"), e.getMessage());
  }
}
