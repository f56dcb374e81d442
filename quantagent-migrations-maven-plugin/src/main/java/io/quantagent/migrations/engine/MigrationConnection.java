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
import java.time.Duration;
import java.util.ArrayList;
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
  private final String durableCommit;
  private final LockLimit loginLockTimeout;
  private final List<String> resetsAfterScript;
  private final Connection shielded;
  private Collector collector;

  private static final int CLIENT_CHECK_MS = 1000;

  MigrationConnection(Connection real, String changelogTable) throws SQLException {
    this.real = real;
    this.changelogTable = changelogTable;
    real.setAutoCommit(true);
    boolean modern = real.getMetaData().getDatabaseMajorVersion() >= 14;
    Opening opening;
    try {
      opening = Opening.run(real, modern, modern);
    } catch (SQLException e) {
      if (!modern || !refusesClientCheck(e)) {
        throw e;
      }
      opening = Opening.run(real, true, false);
    }
    this.backendPid = opening.backendPid();
    this.readOnly = opening.readOnly();
    this.inRecovery = opening.inRecovery();
    this.durableCommit = opening.durableCommit();
    this.loginLockTimeout = opening.lockTimeout();
    this.resetsAfterScript = Stream.concat(SessionSettings.RESET.stream(), opening.sessionSettings().stream())
        .toList();
    this.shielded = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new Shield());
  }

  /**
   * What the query that opens the session found, and the settings it made for the run, as SETs to make them again.
   */
  private record Opening(int backendPid, boolean readOnly, boolean inRecovery, String durableCommit,
      LockLimit lockTimeout, List<String> sessionSettings) {

    /**
     * The opening query, in one round trip: the server's process id for the session (a pooler's own connection id
     * may differ), whether it can write, and the run's own session settings: the {@link ConfiguredTimeZone}, and
     * server-side TCP keepalives, which let the server notice a client machine that vanished (no FIN ever comes) in
     * about two minutes, not the two hours of the kernel's default, and drop the run lock with the session. On
     * PostgreSQL 14+ the server also notices within a second that a killed client is gone, even during a long
     * statement ({@code clientCheck}), and does not end the session for idling while a goal builds its scratch schema
     * between statements. And the lock_timeout the session has from its login, which the run's default guard must
     * not loosen ({@link LockLimit}); who set it only where there is one, since pg_settings costs about 2 ms a query.
     */
    static Opening run(Connection connection, boolean modern, boolean clientCheck) throws SQLException {
      StringBuilder query = new StringBuilder("select pg_backend_pid(),"
          + " current_setting('transaction_read_only') = 'on', pg_is_in_recovery(),"
          + " (select set_config('TimeZone', z, false) from (" + ConfiguredTimeZone.QUERY + ") q(z)),"
          + " set_config('tcp_keepalives_idle', '30', false), set_config('tcp_keepalives_interval', '10', false),"
          + " current_setting('synchronous_commit') = 'remote_apply', current_setting('lock_timeout'),"
          + " (extract(epoch from current_setting('lock_timeout')::interval) * 1000)::bigint,"
          + " (select source from pg_settings where name = 'lock_timeout' and current_setting('lock_timeout') <> '0'),"
          + " session_user, current_database()");
      List<String> settings =
          new ArrayList<>(List.of("SET tcp_keepalives_idle = 30", "SET tcp_keepalives_interval = 10"));
      if (modern) {
        query.append(", set_config('idle_session_timeout', '0', false)");
        settings.add("SET idle_session_timeout = 0");
      }
      if (clientCheck) {
        query.append(", set_config('client_connection_check_interval', '" + CLIENT_CHECK_MS + "', false)");
        settings.add("SET client_connection_check_interval = " + CLIENT_CHECK_MS);
      }
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(query.toString())) {
        rs.next();
        String zone = rs.getString(4);
        if (zone != null) {
          settings.add("SET TimeZone = '" + zone.replace("'", "''") + "'");
        }
        return new Opening(rs.getInt(1), rs.getBoolean(2), rs.getBoolean(3),
            rs.getBoolean(7) ? "remote_apply" : "on",
            new LockLimit(Duration.ofMillis(rs.getLong(9)), Optional.of(new ServerSetting("lock_timeout",
                rs.getString(8), rs.getString(10), rs.getString(11), rs.getString(12)))),
            List.copyOf(settings));
      }
    }
  }

  /**
   * PostgreSQL refuses the client check where it cannot see a closed socket: on Windows, and on macOS before
   * PostgreSQL 15. The run goes on without it there.
   */
  private static boolean refusesClientCheck(SQLException e) {
    return "22023".equals(e.getSQLState())
        && String.valueOf(e.getMessage()).contains("client_connection_check_interval");
  }

  /**
   * What ends a script's own session settings after its last statement ({@link SessionSettings}). The resets take
   * back the run's own session settings too, so they are made again with them.
   */
  List<String> resetsAfterScript() {
    return resetsAfterScript;
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

  /**
   * The synchronous_commit of the commit that makes the run durable: {@code on}, which waits for the disk (and for
   * synchronous standbys to write theirs), or the session's own {@code remote_apply}, which a DBA sets so that what
   * commits is visible on the standbys when the commit returns, and which {@code on} would weaken.
   */
  String durableCommit() {
    return durableCommit;
  }

  /** The lock_timeout the session has from its login: the server's, database's and role's settings, the URL's. */
  LockLimit loginLockTimeout() {
    return loginLockTimeout;
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
