package io.quantagent.migrations.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

  @Test
  void aClosedPortIsOneSentenceOfTheDriversThenOurAdvice() throws Exception {
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:" + closed + "/db");
    DatabaseConnectionException e = assertThrows(DatabaseConnectionException.class,
        () -> new PostgresConnector(url).connect());
    assertEquals("Cannot connect to jdbc:postgresql://127.0.0.1:" + closed + "/db: Connection to 127.0.0.1:" + closed
        + " refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP"
        + " connections.", e.problem());
    assertEquals(e.problem() + " Check that PostgreSQL is running and that the host and port in the URL are right;"
        + " with no URL configured at all, the embedded development database is used.", e.getMessage());
  }
}
