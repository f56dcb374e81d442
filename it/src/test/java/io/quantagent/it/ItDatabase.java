package io.quantagent.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the invoker scripts share: each case's own database on the server quantagent:start started for
 * this module's build, and reading a case's build log (which must never contain the password).
 */
public final class ItDatabase {
  private final String port;
  private final String user;
  private final String password;
  private final String database;

  public ItDatabase(Object port, Object user, Object password, Path basedir) {
    this.port = String.valueOf(port);
    this.user = String.valueOf(user);
    this.password = String.valueOf(password);
    this.database = basedir.getFileName().toString().replace('-', '_');
  }

  /** Drops and creates the case's database, named after its folder. */
  public void recreate() throws SQLException {
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("drop database if exists " + database + " with (force)");
      s.execute("create database " + database);
    }
  }

  /** Migrates the case's database to head with the plugin's own engine and the schema's scripts. */
  public void migrateToHead() {
    migrateTo("head");
  }

  /** Migrates the case's database up to {@code target} (an id, {@code head}, {@code +2}). */
  public void migrateTo(String target) {
    io.quantagent.migrations.db.DatabaseUrl url = io.quantagent.migrations.db.DatabaseUrl
        .parse("jdbc:postgresql://127.0.0.1:" + port + "/" + database).withCredentials(user, password);
    new io.quantagent.migrations.engine.Migrator(new io.quantagent.migrations.db.PostgresConnector(url)::connect,
        io.quantagent.migrations.engine.ScriptSource.classpath(ItDatabase.class.getClassLoader()), "changelog",
        io.quantagent.migrations.events.EventLog.silent())
        .upgrade(io.quantagent.migrations.engine.Target.parseUpgrade(target));
  }

  /** Runs an SQL file (a pg_dump, say) in the case's database with {@code psql}, stopping at the first error. */
  public void psql(Path psql, Path file) throws IOException, InterruptedException {
    ClientProgram.run(List.of(psql.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "--file", file.toString()),
        Integer.parseInt(port), user, password, database);
  }

  /** Runs SQL in the case's database. */
  public void execute(String sql) throws SQLException {
    try (Connection c = connect(database); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The first column of every row, as text. */
  public List<String> column(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  /** The tables of the public schema, sorted. */
  public List<String> tables() throws SQLException {
    return column("select tablename from pg_tables where schemaname = 'public' order by 1");
  }

  /** Applied migration ids in the changelog, oldest first; empty when there is no changelog. */
  public List<String> changelogIds() throws SQLException {
    if (column("select to_regclass('changelog')").get(0) == null) {
      return List.of();
    }
    return column("select id from changelog order by id");
  }

  /**
   * The case's build log; fails if it shows the server's password or any of the other secrets the case
   * put in a URL.
   */
  public String buildLog(Path basedir, String name, String... otherSecrets) throws IOException {
    String log = Files.readString(basedir.resolve(name), StandardCharsets.UTF_8);
    List<String> secrets = new ArrayList<>(List.of(otherSecrets));
    secrets.add(password);
    for (String secret : secrets) {
      if (!secret.isEmpty() && log.contains(secret)) {
        throw new AssertionError(name + " of " + basedir.getFileName() + " shows a password");
      }
    }
    return log;
  }

  private Connection connect(String db) throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", user);
    credentials.setProperty("password", password);
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + db, credentials);
  }
}
