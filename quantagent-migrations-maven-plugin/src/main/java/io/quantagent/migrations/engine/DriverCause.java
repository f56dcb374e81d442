package io.quantagent.migrations.engine;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What PostgreSQL (or the driver) said, on one line, for the end of our own messages: the server's message, its
 * detail and hint, and the SQLSTATE; never the statement text, which our message already names.
 */
final class DriverCause {
  private DriverCause() {}

  static String of(SQLException e) {
    SQLException cause = innermost(e);
    ServerErrorMessage server = cause instanceof PSQLException p ? p.getServerErrorMessage() : null;
    StringBuilder line = new StringBuilder("PostgreSQL: ");
    if (server != null && server.getMessage() != null) {
      line.append(server.getMessage());
      if (server.getDetail() != null) {
        line.append(" (").append(firstLine(server.getDetail())).append(')');
      }
      if (server.getHint() != null) {
        line.append(". Hint: ").append(firstLine(server.getHint()));
      }
    } else {
      line.append(firstLine(String.valueOf(cause.getMessage())));
    }
    if (cause.getSQLState() != null) {
      line.append(" [SQLSTATE ").append(cause.getSQLState()).append(']');
    }
    return line.toString();
  }

  /** The server's hint, or "" when it gave none. */
  static String hint(SQLException e) {
    ServerErrorMessage server = innermost(e) instanceof PSQLException p ? p.getServerErrorMessage() : null;
    return server != null && server.getHint() != null ? server.getHint() : "";
  }

  /** The server's own message, in its language, without severity, detail or hint; empty when the driver spoke. */
  static Optional<String> serverMessage(SQLException e) {
    ServerErrorMessage server = innermost(e) instanceof PSQLException p ? p.getServerErrorMessage() : null;
    return Optional.ofNullable(server).map(ServerErrorMessage::getMessage);
  }

  static String sqlState(SQLException e) {
    String state = innermost(e).getSQLState();
    return state != null ? state : e.getSQLState() != null ? e.getSQLState() : "";
  }

  /**
   * A lost connection (08xxx) or a server shutting down (57P01-57P03): nothing the script did, unless pgjdbc closed it
   * over a client encoding the script set, which {@link ClientEncoding#changedBy} tells apart.
   */
  static boolean connectionLost(SQLException e) {
    String state = sqlState(e);
    return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
  }

  /**
   * A connection that ended without the backend's own goodbye: the driver's I/O error, or a proxy's word (PgBouncer's
   * "server conn crashed?", SQLSTATE 08P01). Unlike a backend that ends the session with a FATAL about the statement
   * it ran (57P01 to 57P03), nothing tells how far the server got in what was sent.
   */
  static boolean lostWithoutAWord(SQLException e) {
    return connectionLost(e) && !(serverMessage(e).isPresent() && sqlState(e).startsWith("57P"));
  }

  /**
   * The server's own error behind pgjdbc's batch wrapper, whose message repeats the statement: the cause to hand on
   * when our message already names the statement.
   */
  static SQLException innermost(SQLException e) {
    SQLException current = e;
    while (current instanceof BatchUpdateException) {
      SQLException next = current.getNextException() != null ? current.getNextException()
          : current.getCause() instanceof SQLException c ? c : null;
      if (next == null || next == current) {
        break;
      }
      current = next;
    }
    return current;
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).strip();
  }
}
