package io.quantagent.migrations.engine;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.ibatis.migration.ConnectionProvider;

/**
 * The one connection a run uses. It rests in auto-commit, so no transaction is ever open while the run waits
 * (for the run lock, or between migrations); work that needs one says so with {@link #begin}. MyBatis'
 * operations get it in a form whose {@code commit}, {@code rollback} and {@code close} do nothing and whose
 * script and changelog statements are not sent but handed to a {@link Collector}, which sends each migration
 * as one batch.
 */
final class MigrationConnection implements AutoCloseable {
  /** Receives what MyBatis would have executed for the migration that is running. */
  interface Collector {
    void section(String script);

    void changelogInsert(BigDecimal id, String appliedAt, String description);

    void changelogDelete(BigDecimal id);
  }

  private final Connection real;
  private final String changelogTable;
  private final int backendPid;
  private final boolean readOnly;
  private final boolean inRecovery;
  private final boolean checksClient;
  private final Connection shielded;
  private Collector collector;

  private static final int CLIENT_CHECK_MS = 1000;
  private static final List<String> RESETS_AND_CLIENT_CHECK = Stream.concat(SessionSettings.RESET.stream(),
      Stream.of("SET client_connection_check_interval = " + CLIENT_CHECK_MS)).toList();

  MigrationConnection(Connection real, String changelogTable) throws SQLException {
    this.real = real;
    this.changelogTable = changelogTable;
    real.setAutoCommit(true);
    this.checksClient = real.getMetaData().getDatabaseMajorVersion() >= 14;
    try (Statement statement = real.createStatement(); ResultSet rs = statement.executeQuery(openingQuery())) {
      rs.next();
      this.backendPid = rs.getInt(1);
      this.readOnly = rs.getBoolean(2);
      this.inRecovery = rs.getBoolean(3);
    }
    this.shielded = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new Shield());
  }

  /**
   * The query that opens the session, in one round trip: the server's process id for it (a pooler's own connection id
   * may differ), and whether it can write. On PostgreSQL 14+ the server then also notices within a second that a
   * killed client is gone, even during a long statement, and rolls back and drops the run lock at once instead of when
   * the statement ends.
   */
  private String openingQuery() {
    return "select pg_backend_pid(), current_setting('transaction_read_only') = 'on', pg_is_in_recovery()"
        + (checksClient ? ", set_config('client_connection_check_interval', '" + CLIENT_CHECK_MS + "', false)" : "");
  }

  /**
   * What ends a script's own session settings after its last statement ({@link SessionSettings}). A script's
   * {@code RESET ALL} also takes back the session's client check, so the check is set again with them.
   */
  List<String> resetsAfterScript() {
    return checksClient ? RESETS_AND_CLIENT_CHECK : SessionSettings.RESET;
  }

  Connection connection() {
    return real;
  }

  int backendPid() {
    return backendPid;
  }

  /** Whether a transaction of this session starts read-only: on a standby, or with default_transaction_read_only. */
  boolean readOnly() {
    return readOnly;
  }

  /** Whether the server is a standby (in recovery), where nothing can be written. */
  boolean inRecovery() {
    return inRecovery;
  }

  String changelogTable() {
    return changelogTable;
  }

  ConnectionProvider provider() {
    return () -> shielded;
  }

  void collectInto(Collector collector) {
    this.collector = collector;
  }

  /** Starts a transaction: the next statement sent opens it (pgjdbc sends BEGIN with it, in the same round trip). */
  void begin() throws SQLException {
    real.setAutoCommit(false);
  }

  /** Commits what {@link #begin} started and returns to auto-commit; nothing is sent when the batch committed. */
  void commit() throws SQLException {
    if (!real.getAutoCommit()) {
      real.commit();
      real.setAutoCommit(true);
    }
  }

  void rollback() throws SQLException {
    if (!real.getAutoCommit()) {
      real.rollback();
      real.setAutoCommit(true);
    }
  }

  /** Rolls back whatever is open; on a connection that is gone, there is nothing left to roll back. */
  void rollbackQuietly() {
    try {
      rollback();
    } catch (SQLException ignored) {
      // The connection is gone, and with it the transaction.
    }
  }

  @Override
  public void close() throws SQLException {
    rollbackQuietly();
    real.close();
  }

  private Collector collector() {
    if (collector == null) {
      throw new IllegalStateException("MyBatis ran a script outside of a migration run");
    }
    return collector;
  }

  private final class Shield implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "createStatement":
          if (method.getParameterCount() == 0) {
            return CollectingStatement.wrap(real.createStatement(), collector());
          }
          break;
        case "prepareStatement":
          if (args.length == 1) {
            Optional<?> capture = ChangelogCapture.forSql((String) args[0], changelogTable, collector());
            if (capture.isPresent()) {
              return capture.get();
            }
          }
          break;
        case "commit", "rollback", "close":
          if (method.getParameterCount() == 0) {
            return null;
          }
          break;
        case "setAutoCommit":
          return null;
        case "getAutoCommit":
          return false;
        default:
          break;
      }
      try {
        return method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
