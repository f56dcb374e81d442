package io.quantagent.migrations.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import io.quantagent.migrations.testing.ThreadPerTask;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
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

  /**
   * A server that refuses the login with an error that has no SQLSTATE, as only something other than PostgreSQL
   * sends: the advice says what to check, not "SQLSTATE null".
   */
  @Test
  void aRefusalWithoutSqlStateSaysWhatToCheck() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // Ends with the server socket, at the latest, when the test does.
      CompletableFuture.runAsync(() -> refuseOneLogin(server), ThreadPerTask.EXECUTOR);
      DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + "/db");
      DatabaseConnectionException e = assertThrows(DatabaseConnectionException.class,
          () -> new PostgresConnector(url).connect());
      assertEquals("Cannot connect to jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + "/db: FATAL: no backend"
          + " available. What answered sent no SQLSTATE, which PostgreSQL sends with every error: check that the host"
          + " and port in the URL are those of PostgreSQL or of its pooler (connection properties {ApplicationName="
          + "quantagent-migrations, assumeMinServerVersion=9.4, connectTimeout=10}).", e.getMessage());
    }
  }

  /** Declines SSL, reads the startup message, and answers it with an ErrorResponse of severity and message only. */
  private static void refuseOneLogin(ServerSocket server) {
    try (Socket client = server.accept()) {
      DataInputStream in = new DataInputStream(client.getInputStream());
      DataOutputStream out = new DataOutputStream(client.getOutputStream());
      in.readFully(new byte[in.readInt() - 4]); // SSLRequest
      out.writeByte('N');
      out.flush();
      in.readFully(new byte[in.readInt() - 4]); // StartupMessage
      byte[] fields = "SFATAL\0Mno backend available\0\0".getBytes(StandardCharsets.US_ASCII);
      out.writeByte('E');
      out.writeInt(4 + fields.length);
      out.write(fields);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
