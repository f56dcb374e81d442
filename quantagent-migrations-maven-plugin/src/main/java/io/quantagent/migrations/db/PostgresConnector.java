package io.quantagent.migrations.db;

import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.Driver;

/** Opens connections to one database and turns the driver's failures into messages a user can act on. */
public final class PostgresConnector {
  private static final int CONNECT_TIMEOUT_SECONDS = 10;

  private final DatabaseUrl url;

  public PostgresConnector(DatabaseUrl url) {
    this.url = url;
  }

  public DatabaseUrl url() {
    return url;
  }

  public Connection connect() {
    Properties properties = properties();
    try {
      // The driver is used directly: DriverManager cannot see drivers from a Maven plugin's class realm.
      Connection connection = new Driver().connect(url.jdbcUrl(), properties);
      if (connection == null) {
        throw new DatabaseConnectionException("The PostgreSQL driver does not accept " + url.display(), null);
      }
      return connection;
    } catch (SQLException e) {
      throw new DatabaseConnectionException(problem(e), advice(e.getSQLState()), e);
    }
  }

  private Properties properties() {
    Properties properties = new Properties();
    url.user().ifPresent(user -> properties.setProperty("user", user));
    url.password().ifPresent(password -> properties.setProperty("password", password));
    properties.setProperty("ApplicationName", "quantagent-migrations");
    properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
    // The driver then sends the application name with the login instead of a SET after it: a round trip less for
    // every connection. No older server could run the plugin anyway (the changelog's checks use to_regclass, 9.4).
    properties.setProperty("assumeMinServerVersion", "9.4");
    return properties;
  }

  private String problem(SQLException e) {
    String driverMessage = UrlMasker.mask(e.getMessage());
    if (e.getCause() instanceof UnknownHostException unknown) {
      driverMessage = "unknown host " + unknown.getMessage();
    }
    return "Cannot connect to " + url.display() + ": " + driverMessage.strip().replaceAll("\\.+$", "") + ".";
  }

  private String advice(String sqlState) {
    return switch (sqlState == null ? "" : sqlState) {
      case "28P01", "28000" -> "Check the user and password (-Dquantagent.user, -Dquantagent.password,"
          + " or the user:password part of the URL, where a password's @ : / ? # % must be percent-encoded:"
          + " @ is %40, % is %25).";
      case "3D000" -> "Create the database first (createdb, or CREATE DATABASE), or fix its name in the URL.";
      case "08001", "08004", "08006" -> "Check that PostgreSQL is running and that the host and port"
          + " in the URL are right; with no URL configured at all, the embedded development database is used.";
      case "53300" -> "Every connection this login may have is taken: the server's max_connections, or a CONNECTION"
          + " LIMIT of the role or the database (pg_stat_activity shows who holds them). Wait for sessions to end, end"
          + " idle ones, or raise the limit, then try again.";
      case "57P03" -> "The server does not accept connections now: it is starting up, shutting down, or a standby"
          + " that has not reached a consistent state yet. Wait until it does (pg_isready tells), then try again.";
      // PostgreSQL's own errors always carry one: this came from another service on that port, or a proxy's own refusal.
      default -> sqlState == null
          ? "What answered sent no SQLSTATE, which PostgreSQL sends with every error: check that the host and port in"
              + " the URL are those of PostgreSQL or of its pooler (connection properties "
              + UrlMasker.mask(properties()) + ")."
          : "(SQLSTATE " + sqlState + "; connection properties " + UrlMasker.mask(properties()) + ").";
    };
  }
}
