package io.quantagent.migrations.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.PostgresMajor;
import io.quantagent.migrations.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scratch databases on the server -Dquantagent.scratchUrl names, on PostgreSQL 17 and 15. No PostgreSQL 12 runs
 * here: the statements chosen for 12 are checked as text, and run on these servers, where they work the same.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(PostgresMajor.class)
class ConfiguredScratchDatabasesTest extends OnEachServer {
  @TempDir
  Path work;

  private ScratchDatabases onServerOf(String url) {
    return new ConfiguredScratchDatabases(url, major -> {
      throw new AssertionError("a scratchUrl is configured: no embedded PostgreSQL " + major + " is wanted");
    }, work, EventLog.silent());
  }

  @Test
  void withForceFromPostgres13AndEndingTheSessionsFirstBefore() {
    assertEquals(List.of("drop database if exists quantagent_scratch_1 with (force)"),
        ConfiguredScratchDatabases.dropStatements(13, "quantagent_scratch_1"));
    assertEquals(List.of(
            "select pg_terminate_backend(pid) from pg_stat_activity where datname = 'quantagent_scratch_1'"
                + " and pid <> pg_backend_pid()",
            "drop database if exists quantagent_scratch_1"),
        ConfiguredScratchDatabases.dropStatements(12, "quantagent_scratch_1"));
  }

  @Test
  void aScratchUrlThatCannotBeUsedIsNamedAsTheScratchUrlWithoutItsPassword() {
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> onServerOf("postgresql://quant:hunter2").create(version.number()));
    assertTrue(e.getMessage().startsWith("The database URL from scratchUrl (-Dquantagent.scratchUrl or <scratchUrl>)"
        + " cannot be used: the host part (characters 14 to 26) is not a host[:port]"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void closingDropsTheScratchDatabaseWithASessionStillInIt() throws Exception {
    TestDatabase admin = freshDatabase();
    ScratchDatabases.Scratch scratch = onServerOf(admin.databaseUrl()).create(version.number());
    try (Connection leftOpen = scratch.connections().open()) {
      String name = currentDatabase(leftOpen);
      scratch.close();
      assertEquals("0", admin.value("select count(*) from pg_database where datname = '" + name + "'"));
    }
  }

  @Test
  void thePostgres12StatementsDropADatabaseWithASessionStillInIt() throws Exception {
    TestDatabase admin = freshDatabase();
    String name = "quantagent_scratch_" + UUID.randomUUID().toString().replace("-", "");
    admin.execute("create database " + name);
    try (Connection leftOpen = admin.server().connector(name).connect()) {
      admin.execute(ConfiguredScratchDatabases.dropStatements(12, name).toArray(String[]::new));
      assertEquals("0", admin.value("select count(*) from pg_database where datname = '" + name + "'"));
    } finally {
      admin.execute("drop database if exists " + name + " with (force)");
    }
  }

  /** A superuser's session in it, which the scratch user may not end: the drop fails, and says what to do. */
  @Test
  void aDropThatFailsNamesTheDatabaseLeftBehindAndHowToDropIt() throws Exception {
    TestDatabase admin = freshDatabase();
    String role = "scratch_user_" + UUID.randomUUID().toString().replace("-", "");
    admin.execute("create role " + role + " login createdb password 'scratch'");
    String name = null;
    try {
      String url = admin.databaseUrl().replaceFirst("//[^@]*@", "//" + role + ":scratch@");
      ScratchDatabases.Scratch scratch = onServerOf(url).create(version.number());
      try (Connection scratchSession = scratch.connections().open()) {
        name = currentDatabase(scratchSession);
      }
      try (Connection superuserSession = admin.server().connector(name).connect()) {
        IllegalStateException e = assertThrows(IllegalStateException.class, scratch::close);
        assertTrue(e.getMessage().startsWith("The scratch database " + name + " was left behind on "), e.getMessage());
        assertTrue(e.getMessage().contains("Drop it as its owner or a superuser: DROP DATABASE " + name
            + " WITH (FORCE)"), e.getMessage());
        assertEquals("1", admin.value("select count(*) from pg_database where datname = '" + name + "'"));
      }
    } finally {
      if (name != null) {
        admin.execute("drop database if exists " + name + " with (force)");
      }
      admin.execute("drop role " + role);
    }
  }

  private static String currentDatabase(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select current_database()")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
