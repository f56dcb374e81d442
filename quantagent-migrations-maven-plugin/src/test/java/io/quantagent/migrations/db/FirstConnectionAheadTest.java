package io.quantagent.migrations.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantagent.migrations.testing.Await;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The goal's first connection is opened before the goal asks for it, and never left open when it is not taken. */
@ExtendWith(PostgresFixture.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES) // only turns a wait that never ends into a failure
class FirstConnectionAheadTest {
  /** The test database's client sessions but the fixture's own. */
  private static final String OTHERS = " from pg_stat_activity where datname = current_database()"
      + " and backend_type = 'client backend' and pid <> pg_backend_pid()";

  @Test
  void theFirstConnectionIsOpenedBeforeItIsAskedForAndIsTheOneTheGoalGets(TestDatabase db) throws Exception {
    try (FirstConnectionAhead connections = new FirstConnectionAhead(db.connections())) {
      Await.until(db, "select count(*) = 1" + OTHERS);
      String openedAhead = db.value("select string_agg(pid::text, ',')" + OTHERS);
      try (Connection first = connections.open(); Connection second = connections.open()) {
        assertEquals(openedAhead, backendPid(first));
        assertNotEquals(openedAhead, backendPid(second));
      }
    }
  }

  @Test
  void aConnectionOpenedAheadThatTheGoalNeverTakesIsClosed(TestDatabase db) throws Exception {
    FirstConnectionAhead connections = new FirstConnectionAhead(db.connections());
    Await.until(db, "select count(*) = 1" + OTHERS);
    connections.close();
    Await.until(db, "select count(*) = 0" + OTHERS);
  }

  @Test
  void aFailureToConnectAheadIsTheGoalsOwnWhenItAsks(TestDatabase db) {
    DatabaseUrl wrongPassword = DatabaseUrl.parse(db.jdbcUrl()).withCredentials(db.server().user(), "not-it");
    PostgresConnector connector = new PostgresConnector(wrongPassword);
    try (FirstConnectionAhead connections = new FirstConnectionAhead(connector::connect)) {
      DatabaseConnectionException ahead = assertThrows(DatabaseConnectionException.class, connections::open);
      DatabaseConnectionException direct = assertThrows(DatabaseConnectionException.class, connector::connect);
      assertEquals(direct.getMessage(), ahead.getMessage());
      assertSame(DatabaseConnectionException.class, ahead.getClass());
    }
  }

  private static String backendPid(Connection connection) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select pg_backend_pid()")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
