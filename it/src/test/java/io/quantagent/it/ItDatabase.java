package io.quantagent.it;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the invoker scripts share: each case's own database on the server quantagent:start started for
 * this module's build, and reading a case's build log (which must never contain the password).
 */
public final class ItDatabase {
  private static final Pattern URL_PASSWORD = Pattern.compile("://[^:/@\\s]+:([^@\\s]+)@");
  private static final Pattern PASSWORD_PROPERTY = Pattern.compile("-Dquantagent\\.password=(\\S+)");

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
    migrate("head");
  }

  /** Migrates the case's database to {@code target} ({@code head}, {@code +N} or an id), as a build's setup. */
  public void migrate(String target) {
    io.quantagent.migrations.db.DatabaseUrl url = io.quantagent.migrations.db.DatabaseUrl
        .parse("jdbc:postgresql://127.0.0.1:" + port + "/" + database).withCredentials(user, password);
    new io.quantagent.migrations.engine.Migrator(new io.quantagent.migrations.db.PostgresConnector(url)::connect,
        io.quantagent.migrations.engine.ScriptSource.classpath(ItDatabase.class.getClassLoader()), "changelog",
        io.quantagent.migrations.events.EventLog.silent())
        .upgrade(io.quantagent.migrations.engine.Target.parseUpgrade(target));
  }

  /** The lines a {@code mvn -q} invocation printed, when it was the case's only invocation: the log minus invoker's own. */
  public static List<String> quietOutput(String log) {
    return log.lines().filter(l -> !l.matches("(Running|Finished) (pre|post)-build script: .*")).toList();
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
   * The case's build log, after checking that it shows none of the secrets the build had: the IT server's password
   * when the case's invoker.properties hands it to the build, the password of a {@code DATABASE_URL} in the case's
   * {@code .env}, the embedded development database's password file, passwords in URLs and
   * {@code -Dquantagent.password=} in invoker.properties, what the case's code wrote to {@code target/it-secrets/}, and
   * {@code otherSecrets} (e.g. what settings.xml holds).
   * A case whose build had no secret this can find fails: a check that cannot fail proves nothing.
   */
  public String buildLog(Path basedir, String name, String... otherSecrets) throws IOException {
    String log = Files.readString(basedir.resolve(name), StandardCharsets.UTF_8);
    Set<String> secrets = new LinkedHashSet<>(List.of(otherSecrets));
    secrets.addAll(secretsOf(basedir));
    secrets.removeIf(String::isEmpty);
    if (secrets.isEmpty()) {
      throw new AssertionError(basedir.getFileName() + ": the build had no secret to look for in " + name
          + "; pass the case's secrets to buildLog");
    }
    for (String secret : secrets) {
      for (String form : List.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8))) {
        if (log.contains(form)) {
          throw new AssertionError(name + " of " + basedir.getFileName() + " shows a password (" + secret.length()
              + " characters, starting '" + secret.charAt(0) + "')");
        }
      }
    }
    return log;
  }

  private Set<String> secretsOf(Path basedir) throws IOException {
    Set<String> secrets = new LinkedHashSet<>();
    Path properties = basedir.resolve("invoker.properties");
    if (Files.exists(properties)) {
      String text = Files.readString(properties);
      if (text.contains("${pgPassword}")) {
        secrets.add(password);
      }
      text = text.replace("${pgUser}", user).replace("${pgPassword}", password).replace("${pgPort}", port);
      urlPasswords(text, secrets);
      Matcher property = PASSWORD_PROPERTY.matcher(text);
      while (property.find()) {
        secrets.add(property.group(1));
      }
    }
    Path env = basedir.resolve(".env");
    if (Files.exists(env)) {
      urlPasswords(Files.readString(env), secrets);
    }
    Path embedded = basedir.resolve(".quantagent");
    if (Files.isDirectory(embedded)) {
      try (Stream<Path> files = Files.walk(embedded, 2)) {
        for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".password")).toList()) {
          secrets.add(Files.readString(file).strip());
        }
      }
    }
    // What the case's own code received at run time (start's throwaway password): written to target/it-secrets/ of
    // the case or of one of its modules.
    try (Stream<Path> files = Files.find(basedir, 4,
        (file, attributes) -> attributes.isRegularFile() && file.getParent().endsWith(Path.of("target", "it-secrets")))) {
      for (Path file : files.toList()) {
        secrets.add(Files.readString(file).strip());
      }
    }
    return secrets;
  }

  private static void urlPasswords(String text, Set<String> secrets) {
    Matcher url = URL_PASSWORD.matcher(text);
    while (url.find()) {
      secrets.add(URLDecoder.decode(url.group(1), StandardCharsets.UTF_8));
    }
  }

  private Connection connect(String db) throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", user);
    credentials.setProperty("password", password);
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + db, credentials);
  }
}
