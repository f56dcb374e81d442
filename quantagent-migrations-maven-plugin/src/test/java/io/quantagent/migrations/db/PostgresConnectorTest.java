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

  /** A login whose role may have no more connections (CONNECTION LIMIT, or the server's max_connections). */
  @Test
  void aLoginWithoutAFreeConnectionSaysWhichLimitsToLookAt(TestDatabase db) throws Exception {
    String role = "qa_limited_" + Long.toHexString(System.nanoTime());
    db.execute("create role " + role + " login password 'limited-pw' connection limit 0");
    DatabaseUrl url = DatabaseUrl.parse(db.jdbcUrl()).withCredentials(role, "limited-pw");
    DatabaseConnectionException e = assertThrows(DatabaseConnectionException.class,
        () -> new PostgresConnector(url).connect());
    assertTrue(e.getMessage().contains("FATAL: too many connections for role \"" + role + "\""), e.getMessage());
    assertTrue(e.getMessage().endsWith(" Every connection this login may have is taken: the server's max_connections,"
        + " or a CONNECTION LIMIT of the role or the database (pg_stat_activity shows who holds them). Wait for"
        + " sessions to end, end idle ones, or raise the limit, then try again."), e.getMessage());
  }

  /** A server still starting up, as PostgreSQL answers then: SQLSTATE 57P03. */
  @Test
  void aServerThatDoesNotAcceptConnectionsYetSaysToWaitForIt() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture.runAsync(() -> refuseOneLogin(server, "SFATAL\0C57P03\0Mthe database system is starting"
          + " up\0\0"), ThreadPerTask.EXECUTOR);
      DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + "/db");
      DatabaseConnectionException e = assertThrows(DatabaseConnectionException.class,
          () -> new PostgresConnector(url).connect());
      assertTrue(e.getMessage().endsWith("FATAL: the database system is starting up. The server does not accept"
          + " connections now: it is starting up, shutting down, or a standby that has not reached a consistent state"
          + " yet. Wait until it does (pg_isready tells), then try again."), e.getMessage());
    }
  }

  /**
   * A server that refuses the login with an error that has no SQLSTATE, as only something other than PostgreSQL
   * sends: the advice says what to check, not "SQLSTATE null".
   */
  @Test
  void aRefusalWithoutSqlStateSaysWhatToCheck() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // Ends with the server socket, at the latest, when the test does.
      CompletableFuture.runAsync(() -> refuseOneLogin(server, "SFATAL\0Mno backend available\0\0"),
          ThreadPerTask.EXECUTOR);
      DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + "/db");
      DatabaseConnectionException e = assertThrows(DatabaseConnectionException.class,
          () -> new PostgresConnector(url).connect());
      assertEquals("Cannot connect to jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + "/db: FATAL: no backend"
          + " available. What answered sent no SQLSTATE, which PostgreSQL sends with every error: check that the host"
          + " and port in the URL are those of PostgreSQL or of its pooler (connection properties {ApplicationName="
          + "quantagent-migrations, assumeMinServerVersion=9.4, connectTimeout=10}).", e.getMessage());
    }
  }

  /** Declines SSL, reads the startup message, and answers it with an ErrorResponse of {@code errorFields}. */
  private static void refuseOneLogin(ServerSocket server, String errorFields) {
    try (Socket client = server.accept()) {
      DataInputStream in = new DataInputStream(client.getInputStream());
      DataOutputStream out = new DataOutputStream(client.getOutputStream());
      in.readFully(new byte[in.readInt() - 4]); // SSLRequest
      out.writeByte('N');
      out.flush();
      in.readFully(new byte[in.readInt() - 4]); // StartupMessage
      byte[] fields = errorFields.getBytes(StandardCharsets.US_ASCII);
      out.writeByte('E');
      out.writeInt(4 + fields.length);
      out.write(fields);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
