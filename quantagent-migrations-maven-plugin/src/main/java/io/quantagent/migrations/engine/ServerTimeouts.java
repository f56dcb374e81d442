package io.quantagent.migrations.engine;

import io.quantagent.migrations.db.ConnectionFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The statement and transaction timeouts a new session of the run's role and database starts with, and who set them;
 * and, when asked, how the server words a cancelled statement in that session's language. Read only when one of them
 * has ended a migration, on a connection of its own, since the migration's may be gone (transaction_timeout ends the
 * session): pg_settings builds every setting's row, about 2 ms a query, which a run that fails no statement should not
 * pay.
 *
 * @param userCancel the server's message for a statement another session cancelled (pg_cancel_backend), empty when
 *     it was not asked for or could not be had. A statement_timeout and a cancel share SQLSTATE 57014 and differ only
 *     in the message, which lc_messages translates (initdb takes it from the machine's locale), so the server is asked
 *     for its own words
 */
record ServerTimeouts(ServerSetting statement, ServerSetting transaction, Optional<String> userCancel) {
  /**
   * Whether {@link #read} also asks the server for its words for a cancel: a round trip of its own, which only a
   * cancel reported in another language than English needs.
   */
  enum CancelWording { ASKED, NOT_ASKED }

  /** Reads them for the advice, which asks at most once and says whether it needs the cancel wording. */
  @FunctionalInterface
  interface Reader {
    Optional<ServerTimeouts> read(CancelWording cancelWording);
  }

  private static final String QUERY = "select current_setting('statement_timeout'), (select source from pg_settings"
      + " where name = 'statement_timeout'), current_setting('transaction_timeout', true), (select source from"
      + " pg_settings where name = 'transaction_timeout'), session_user, current_database()";
  /** A backend may cancel its own statement, and the cancel ends the statement that sent it. */
  private static final String CANCEL_ITSELF = "select pg_cancel_backend(pg_backend_pid())";

  /** Empty when they cannot be read: the server is gone, or no longer lets the run in. */
  static Optional<ServerTimeouts> read(ConnectionFactory connections, CancelWording cancelWording) {
    try (Connection connection = connections.open(); Statement statement = connection.createStatement()) {
      ServerSetting statementTimeout;
      ServerSetting transactionTimeout;
      try (ResultSet rs = statement.executeQuery(QUERY)) {
        rs.next();
        String role = rs.getString(5);
        String database = rs.getString(6);
        statementTimeout = new ServerSetting("statement_timeout", rs.getString(1), rs.getString(2), role, database);
        transactionTimeout = new ServerSetting("transaction_timeout", rs.getString(3), rs.getString(4), role,
            database);
      }
      return Optional.of(new ServerTimeouts(statementTimeout, transactionTimeout,
          cancelWording == CancelWording.ASKED ? userCancel(statement) : Optional.empty()));
    } catch (SQLException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> userCancel(Statement statement) {
    try {
      statement.execute(CANCEL_ITSELF);
      return Optional.empty(); // the cancel came after the statement's end, and the server ignores it there
    } catch (SQLException e) {
      return TimeLimitAdvice.CANCELLED.equals(e.getSQLState()) ? DriverCause.serverMessage(e) : Optional.empty();
    }
  }
}
