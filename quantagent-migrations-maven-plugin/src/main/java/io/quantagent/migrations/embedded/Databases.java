package io.quantagent.migrations.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Creates the configured database when the cluster does not have it yet. */
final class Databases {
  private static final String INVALID_PASSWORD = "28P01";
  private static final String NO_SUCH_DATABASE = "3D000";

  private Databases() {}

  /**
   * Returns the server's version ({@code 17.6}). One connection when the database exists: to it, and only when it is
   * missing, to {@code postgres} to create it. Run at the start that makes a cluster, and after a warm start only when
   * asked: see {@link EmbeddedPostgres#createDatabaseIfMissing}.
   */
  static String createIfMissing(EmbeddedPostgres server) {
    Properties props = new Properties();
    props.setProperty("user", server.user());
    props.setProperty("password", server.password());
    props.setProperty("connectTimeout", "30");
    try {
      // The driver directly, not DriverManager: in a Maven plugin's class realm DriverManager may not see it.
      try (Connection c = new org.postgresql.Driver().connect(server.jdbcUrl(), props)) {
        return c.getMetaData().getDatabaseProductVersion();
      } catch (SQLException e) {
        if (!NO_SUCH_DATABASE.equals(e.getSQLState())) {
          throw e;
        }
      }
      try (Connection c = new org.postgresql.Driver().connect(server.jdbcUrl("postgres"), props)) {
        if (!exists(c, server.database())) {
          try (Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + server.database() + "\""); // the settings allow plain identifiers only
          } catch (SQLException e) {
            // Another process created it just now: a duplicate (42P04), or a unique violation when the two raced.
            if (!exists(c, server.database())) {
              throw e;
            }
          }
        }
        return c.getMetaData().getDatabaseProductVersion();
      }
    } catch (SQLException e) {
      String hint = INVALID_PASSWORD.equals(e.getSQLState())
          ? " " + DevelopmentDatabase.wrongPasswordAdvice(server.dataDirectory()).orElse("The server running on "
              + server.dataDirectory() + " expects another password: it keeps the one it was created with, restart"
              + " or not. Give that one, or delete " + server.dataDirectory() + " to start afresh (its data is lost).")
          : " Look at the server log " + server.dataDirectory().resolve("postgres.log") + ".";
      throw new EmbeddedPostgresException("Could not create the database " + server.database() + " on the embedded"
          + " PostgreSQL at " + server.jdbcUrl("postgres") + ": " + e.getMessage() + "." + hint, e);
    }
  }

  private static boolean exists(Connection c, String database) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select 1 from pg_database where datname = ?")) {
      s.setString(1, database);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }
}
