package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.db.DatabaseUrl;
import io.quantagent.migrations.db.PostgresConnector;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The session a run migrates in: the settings it makes for itself at the start hold for every migration, also after a
 * script's own RESET ALL, and its TimeZone is the database's, not the JVM's.
 */
@ExtendWith(PostgresFixture.class)
class RunSessionTest {
  private static final String SEEN = " as select concat_ws(' / ', current_setting('tcp_keepalives_idle'),"
      + " current_setting('tcp_keepalives_interval'), current_setting('idle_session_timeout'),"
      // read without naming it, which the refusing connection below refuses as a server that lacks the check does
      + " (select setting from pg_settings where name like 'client\\_connection\\_check%'), current_setting('TimeZone'),"
      + " current_setting('check_function_bodies')) as s;";

  private TestDatabase db;
  private Scripts scripts;

  @BeforeEach
  void freshDatabase(TestDatabase db, @TempDir Path dir) throws Exception {
    this.db = db;
    scripts = new Scripts(dir).add("001_seen_first.sql", "create table seen_1" + SEEN, "drop table seen_1;")
        .add("002_like_a_dump.sql", "SET check_function_bodies = false;\nSET TimeZone = 'UTC';\n"
            + "SET idle_session_timeout = '5min';\ncreate table d (id int);", "drop table d;")
        .add("003_seen_after_it.sql", "create table seen_3" + SEEN, "drop table seen_3;")
        .add("004_reset_all_alone.sql", "-- quantagent:no-transaction\nSET TimeZone = 'UTC';\nreset all;", "select 1;")
        .add("005_seen_after_that.sql", "create table seen_5" + SEEN, "drop table seen_5;");
  }

  /**
   * A database on a server the client cannot lose: its machine's disappearance is noticed within minutes (TCP
   * keepalives), a killed client within a second, and the run's session never ends for idling. A pg_dump baseline's
   * SETs end with it (check_function_bodies, which would let later broken function bodies through).
   */
  @ParameterizedTest
  @EnumSource(TransactionMode.class)
  void theRunsOwnSettingsHoldForEveryMigrationAndAScriptsOwnEndWithIt(TransactionMode mode) throws Exception {
    db.execute("alter database " + db.name() + " set idle_session_timeout = '1min'",
        "alter database " + db.name() + " set timezone = 'Pacific/Chatham'");
    migrator(db.connections()).withRunner(RunnerSettings.defaults().withTransaction(mode)).upgrade(new Target.Head());
    String expected = "30 / 10 / 0 / 1000 / Pacific/Chatham / on";
    assertEquals(List.of(expected, expected, expected), seen());
  }

  /**
   * A script that reads dates day-first with a DateStyle of its own, set in a DO block, gets them: the run resets the
   * setting after it, before PostgreSQL would report it and pgjdbc, which needs ISO, close the connection. The next
   * migration, in the same round trip or the next, sees the session's own.
   */
  @Test
  void aScriptsDateStyleSetInADoBlockEndsWithItAndTheRunKeepsItsConnection(@TempDir Path other) throws Exception {
    Scripts dates = datesReadDayFirst(other, "do $$ begin execute 'set datestyle = ''German'''; end $$;");
    new Migrator(db.connections(), dates.source(), "changelog", EventLog.silent()).upgrade(new Target.Head());
    assertEquals(List.of("2024-12-31 German, DMY", "2025-01-02 ISO, MDY"),
        db.column("select d::text || ' ' || style from dates order by d"));
    assertEquals(List.of("1", "2", "3"), db.changelogIds());
  }

  /** A plain SET of it is refused before anything runs, with the DateStyle that reads day-first and keeps ISO. */
  @Test
  void aScriptsSetOfADateStyleOtherThanIsoIsRefusedBeforeAnythingRuns(@TempDir Path other) throws Exception {
    Scripts dates = datesReadDayFirst(other, "SET datestyle = 'German';");
    InvalidScriptException e = assertThrows(InvalidScriptException.class, () -> new Migrator(db.connections(),
        dates.source(), "changelog", EventLog.silent()).upgrade(new Target.Head()));
    assertEquals("Nothing was applied:\n  - 002_day_first.sql line 2: SET datestyle = 'German'; makes PostgreSQL write"
        + " dates as 'German', and the PostgreSQL JDBC driver the runner uses needs them written as ISO: it closes the"
        + " connection when the server reports the change, in the middle of a long script or at its end. Write SET"
        + " datestyle = 'ISO, DMY' (or 'ISO, MDY'): dates are then read in that order just the same.", e.getMessage());
    assertEquals(List.of(), db.tables());
  }

  private static Scripts datesReadDayFirst(Path dir, String setting) {
    return new Scripts(dir).add("001_dates.sql", "create table dates (d date, style text);", "drop table dates;")
        .add("002_day_first.sql", setting + "\ninsert into dates values ('31.12.2024', current_setting('datestyle'));",
            "delete from dates;")
        .add("003_after_it.sql", "insert into dates values ('2025-01-02', current_setting('datestyle'));",
            "delete from dates where d = '2025-01-02';");
  }

  /**
   * A script's SET is followed by RESET ALL, which takes the transaction's SET LOCAL synchronous_commit too: the run
   * makes it again, so the run's last commit still waits for the disk where the database commits asynchronously (and
   * the others still do not wait). A trigger on the changelog sees what the commit after it runs with.
   */
  @ParameterizedTest
  @EnumSource(TransactionMode.class)
  void aScriptsSetDoesNotTakeTheRunsWaitForTheDiskAtItsCommit(TransactionMode mode) throws Exception {
    migrator(db.connections()).upgrade(new Target.Relative(1));
    db.execute("create table commits (id text, synchronous_commit text)",
        "create function seen_commit() returns trigger language plpgsql as $$ begin insert into commits values"
            + " (new.id::text, current_setting('synchronous_commit')); return new; end $$",
        "create trigger seen_commit after insert on changelog for each row execute function seen_commit()",
        "alter database " + db.name() + " set synchronous_commit = off");
    scripts.add("006_plain.sql", "create table e (id int);", "drop table e;")
        .add("007_last_sets.sql", "SET LOCAL lock_timeout = '5s';\ncreate table f (id int);", "drop table f;");
    migrator(db.connections()).withRunner(RunnerSettings.defaults().withTransaction(mode)).upgrade(new Target.Head());
    assertEquals(List.of(mode == TransactionMode.EACH ? "6 off" : "6 on", "7 on"),
        db.column("select id || ' ' || synchronous_commit from commits where id in ('6', '7') order by id"));
  }

  /**
   * After a no-transaction script that sets something, the resets and the run's own settings go to the server as one
   * message; one at a time they cost six round trips more (seven with a configured zone). Counted as the statements
   * the run executes, each one message and one round trip in pgjdbc, against the same script without its SET: that
   * one has its lock and statement timeouts reset at its end, which the resets after the SET make needless.
   */
  @Test
  void theResetsAfterANoTransactionScriptsSetGoOutAsOneMessage() throws Exception {
    scripts.add("006_plain.sql", "-- quantagent:no-transaction\ncreate table e (id int);", "drop table e;")
        .add("007_sets.sql", "-- quantagent:no-transaction\ncreate table f (id int);\nset search_path = public;",
            "drop table f;");
    migrator(db.connections()).upgrade(new Target.Revision("5"));
    AtomicInteger plain = new AtomicInteger();
    migrator(() -> Executions.counted(db.connect(), plain)).upgrade(new Target.Relative(1));
    AtomicInteger setting = new AtomicInteger();
    migrator(() -> Executions.counted(db.connect(), setting)).upgrade(new Target.Relative(1));
    assertEquals(plain.get() + 1, setting.get(), "the SET itself, then one message of resets in place of the plain"
        + " script's reset of its timeouts");
  }

  /**
   * pgjdbc sends the JVM's zone with the login, which beats every ALTER DATABASE or ALTER ROLE ... SET timezone; a
   * migration's {@code ::timestamptz} would then mean one instant on a developer's laptop and another on the CI
   * machine. The most specific setting wins, as in a psql session: the role in this database over the database.
   */
  @Test
  void migrationsRunInTheTimeZoneTheDatabaseAndRoleAreConfiguredWith() throws Exception {
    db.execute("alter database " + db.name() + " set timezone = 'Pacific/Chatham'",
        "alter role current_user in database " + db.name() + " set timezone = 'Asia/Kathmandu'");
    migrator(db.connections()).upgrade(new Target.Relative(1));
    assertEquals("Asia/Kathmandu", db.value("select split_part(s, ' / ', 5) from seen_1"));
  }

  /** A role's own setting beats its database's, as in psql; a role of the test's own, since the setting is global. */
  @Test
  void aRolesTimeZoneBeatsItsDatabases() throws Exception {
    String role = "qa_zone_" + Long.toHexString(System.nanoTime());
    db.execute("create role " + role + " login password 'zone-pw'", "grant create on schema public to " + role,
        "alter role " + role + " set timezone = 'Asia/Kathmandu'",
        "alter database " + db.name() + " set timezone = 'Pacific/Chatham'");
    try {
      PostgresConnector connector = new PostgresConnector(DatabaseUrl.parse(db.jdbcUrl()).withCredentials(role,
          "zone-pw"));
      migrator(connector::connect).upgrade(new Target.Relative(1));
      assertEquals("Asia/Kathmandu", db.value("select split_part(s, ' / ', 5) from seen_1"));
    } finally {
      db.execute("drop owned by " + role, "drop role " + role);
    }
  }

  /**
   * Where the server cannot see a closed socket (Windows, macOS before PostgreSQL 15) it refuses the client check
   * with SQLSTATE 22023. Those servers are not in this build, so a connection to the real one refuses every statement
   * that names the setting, as they do; the run migrates without the check, also after a script's RESET ALL.
   */
  @ParameterizedTest
  @EnumSource(TransactionMode.class)
  void aServerThatCannotCheckForAClosedClientIsMigratedWithoutTheCheck(TransactionMode mode) throws Exception {
    ConnectionFactory refusing = () -> ClientCheckRefused.wrap(db.connect());
    migrator(refusing).withRunner(RunnerSettings.defaults().withTransaction(mode)).upgrade(new Target.Head());
    assertEquals(List.of("1", "2", "3", "4", "5"), db.changelogIds());
    assertEquals("0", db.value("select split_part(s, ' / ', 4) from seen_5"));
  }

  private List<String> seen() throws SQLException {
    return db.column("select s from seen_1 union all select s from seen_3 union all select s from seen_5");
  }

  private Migrator migrator(ConnectionFactory connections) {
    return new Migrator(connections, scripts.source(), "changelog", EventLog.silent());
  }

  /** A real connection that counts the statements executed on it (and on its statements): each is one message. */
  private static final class Executions implements InvocationHandler {
    private final Object real;
    private final AtomicInteger count;

    private Executions(Object real, AtomicInteger count) {
      this.real = real;
      this.count = count;
    }

    static Connection counted(Connection connection, AtomicInteger count) {
      return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
          new Executions(connection, count));
    }

    @Override
    public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
      if (method.getName().startsWith("execute")) {
        count.incrementAndGet();
      }
      Object result;
      try {
        result = method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (result instanceof java.sql.PreparedStatement statement) {
        return Proxy.newProxyInstance(Statement.class.getClassLoader(),
            new Class<?>[] {java.sql.PreparedStatement.class}, new Executions(statement, count));
      }
      if (result instanceof Statement statement) {
        return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
            new Executions(statement, count));
      }
      return result;
    }
  }

  /** A real connection whose server refuses client_connection_check_interval as a Windows server does. */
  private static final class ClientCheckRefused implements InvocationHandler {
    private final Object real;

    private ClientCheckRefused(Object real) {
      this.real = real;
    }

    static Connection wrap(Connection connection) {
      return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
          new ClientCheckRefused(connection));
    }

    @Override
    public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
      if (args != null && args.length > 0 && args[0] instanceof String sql
          && sql.contains("client_connection_check_interval")) {
        throw new SQLException("ERROR: invalid value for parameter \"client_connection_check_interval\": 1000",
            "22023");
      }
      Object result;
      try {
        result = method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (result instanceof Statement statement && !(result instanceof java.sql.PreparedStatement)) {
        return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
            new ClientCheckRefused(statement));
      }
      return result;
    }
  }
}
