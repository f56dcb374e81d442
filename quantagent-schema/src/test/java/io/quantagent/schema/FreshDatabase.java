package io.quantagent.schema;

import io.quantagent.migrations.db.DatabaseUrl;
import io.quantagent.migrations.db.PostgresConnector;
import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.events.EventLog;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * One empty database of its own on the shared test server, created for a single test and dropped after
 * it; {@link #migrator()} migrates it with the plugin's engine and this module's scripts.
 */
final class FreshDatabase implements AutoCloseable {
  static final String CHANGELOG = "changelog";

  private final PostgresConnector admin;
  private final PostgresConnector connector;
  private final String name;

  private FreshDatabase(PostgresConnector admin, PostgresConnector connector, String name) {
    this.admin = admin;
    this.connector = connector;
    this.name = name;
  }

  /**
   * Creates a uniquely named database through the server's {@code postgres} database.
   *
   * @param jdbcUrl the server's JDBC URL of a database, given its name
   */
  static FreshDatabase create(UnaryOperator<String> jdbcUrl, String user, String password) throws SQLException {
    String name = "schema_test_" + UUID.randomUUID().toString().replace("-", "");
    PostgresConnector admin = connector(jdbcUrl.apply("postgres"), user, password);
    execute(admin, "CREATE DATABASE " + name);
    return new FreshDatabase(admin, connector(jdbcUrl.apply(name), user, password), name);
  }

  Migrator migrator() {
    return new Migrator(connector::connect, ScriptSource.classpath(getClass().getClassLoader()), CHANGELOG,
        EventLog.silent());
  }

  /** A new connection in auto-commit mode; the caller closes it. */
  Connection connect() {
    return connector.connect();
  }

  @Override
  public void close() throws SQLException {
    execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static PostgresConnector connector(String jdbcUrl, String user, String password) {
    return new PostgresConnector(DatabaseUrl.parse(jdbcUrl).withCredentials(user, password));
  }

  private static void execute(PostgresConnector on, String sql) throws SQLException {
    try (Connection connection = on.connect(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
