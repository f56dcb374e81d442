package io.quantagent.migrations.setup;

import io.quantagent.migrations.db.ConnectionSettings;
import io.quantagent.migrations.db.DatabaseConnectionException;
import io.quantagent.migrations.db.DatabaseUrl;
import io.quantagent.migrations.db.DotEnvFile;
import io.quantagent.migrations.db.InvalidDatabaseUrlException;
import io.quantagent.migrations.db.PostgresConnector;
import io.quantagent.migrations.db.UrlMasker;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code quantagent:setup}, the successor of {@code python setup_postgres.py}: asks for the embedded development
 * database or a PostgreSQL server, connects before it saves (offering to create a missing database), and writes
 * {@code DATABASE_URL} to {@code .env} in the directory Maven runs from, with the password percent-encoded, readable
 * by its owner only and kept out of git. An existing {@code DATABASE_URL} stays unless the person confirms, and so
 * does one whose line cannot be read.
 */
public final class DatabaseSetup {
  /** How the setup ended; the caller then shows the database it chose, as {@code current} does. */
  public enum Outcome {
    EMBEDDED,
    KEPT,
    SAVED
  }

  private static final String MISSING_DATABASE = "3D000";

  private final Path directory;
  private final Prompts prompts;
  private final Map<String, String> environment;
  private final GitIgnore gitIgnore;

  public DatabaseSetup(Path directory, Prompts prompts, Map<String, String> environment) {
    this(directory, prompts, environment, new GitIgnore());
  }

  DatabaseSetup(Path directory, Prompts prompts, Map<String, String> environment, GitIgnore gitIgnore) {
    this.directory = directory;
    this.prompts = prompts;
    this.environment = environment;
    this.gitIgnore = gitIgnore;
  }

  public Outcome run() {
    Path envFile = directory.resolve(".env");
    Optional<String> gitCannotTell = refuseTrackedDotEnv(envFile);
    Optional<ExistingUrl> existing = ExistingUrl.in(DotEnvFile.readIfPresent(envFile, environment));
    if (prompts.confirm(Question.EMBEDDED, false)) {
      prompts.say("The embedded development database needs no setup, and nothing was written: with no DATABASE_URL"
          + " anywhere, every goal starts PostgreSQL itself, with its data in " + directory.resolve(".quantagent")
          + ".");
      existing.ifPresent(url -> prompts.say(url.readable()
          ? "But " + envFile + " sets DATABASE_URL (" + url.where() + "), which wins over it: remove that line to use"
              + " the embedded database."
          : "But the DATABASE_URL line in " + envFile + " cannot be read, and every goal fails on it: remove that line"
              + " to use the embedded database."));
      warnAboutEnvironment();
      return Outcome.EMBEDDED;
    }
    if (existing.isPresent()) {
      ExistingUrl url = existing.get();
      prompts.say(url.readable() ? envFile + " already sets DATABASE_URL (" + url.where() + ")."
          : envFile + " already has a DATABASE_URL line, but it cannot be read, and every goal fails on it: "
              + url.problem().orElseThrow());
      if (!prompts.confirm(Question.REPLACE, false)) {
        String howToReplace = prompts.interactive() ? "." : "; -Dquantagent.force replaces it.";
        prompts.say(url.readable() ? "Kept the DATABASE_URL in " + envFile + howToReplace
            : "Kept the unreadable DATABASE_URL line in " + envFile + ": goals fail on it until it is fixed or"
                + " replaced" + howToReplace);
        warnAboutEnvironment();
        return Outcome.KEPT;
      }
    }
    gitCannotTell.ifPresent(gitSaid -> refuseUnknownTracking(envFile, gitSaid));
    ServerAddress address = askUntilItConnects();
    DotEnvWriter.set(envFile, ConnectionSettings.DATABASE_URL, address.databaseUrl(),
        existing.map(ExistingUrl::unreadableLines).orElse(Set.of()));
    prompts.say("Saved DATABASE_URL to " + envFile + " (readable by you only where the file system allows): "
        + address.display() + ", with the password percent-encoded and not shown here.");
    gitIgnore.ensureIgnored(directory, ".env")
        .ifPresent(file -> prompts.say("Added .env to " + file + ", so that the password stays out of git."));
    warnAboutEnvironment();
    return Outcome.SAVED;
  }

  /**
   * A {@code .env} that git tracks is not kept out of git by {@code .gitignore}: the next {@code git commit -a} would
   * take the password along. Checked before anything is asked, so that nobody types a password for nothing.
   *
   * @return what git said when it could not tell (refused by {@link #refuseUnknownTracking} before a password is asked)
   */
  private Optional<String> refuseTrackedDotEnv(Path envFile) {
    boolean tracked;
    try {
      tracked = gitIgnore.tracked(directory, ".env");
    } catch (GitIgnore.GitCannotTellException e) {
      return Optional.of(e.getMessage());
    }
    if (tracked) {
      throw new SetupException(envFile + " is tracked by git, so a password written into it would be committed with"
          + " it. Stop tracking it, keeping the file: in " + directory.toAbsolutePath().normalize() + " run git rm"
          + " --cached .env and commit that; then run quantagent:setup again, which adds .env to .gitignore. If the"
          + " file already held a password, it is in git's history: change it. Nothing was asked or written.");
    }
    return Optional.empty();
  }

  /** The directory is in a git work tree, but git cannot say whether {@code .env} is tracked: no password goes in. */
  private void refuseUnknownTracking(Path envFile, String gitSaid) {
    throw new SetupException("Git could not tell whether " + envFile + " is tracked, so no password is written into"
        + " it: a tracked .env would be committed with the password. Git said: " + gitSaid + ". Fix that (for"
        + " 'detected dubious ownership': git config --global --add safe.directory followed by the directory git"
        + " names; without git: put it on the PATH), check that git ls-files .env in "
        + directory.toAbsolutePath().normalize() + " prints nothing, and run quantagent:setup again; or choose the"
        + " embedded database (-Dquantagent.setup.embedded), which needs no password and writes nothing."
        + " Nothing was written.");
  }

  /**
   * The {@code DATABASE_URL} that {@code .env} already sets: where it points, or, when its line cannot be read, why
   * (by line number and structure, never the line's text, which may hold the password) and which lines to replace.
   */
  private record ExistingUrl(String where, Optional<String> problem, Set<Integer> unreadableLines) {
    static Optional<ExistingUrl> in(Optional<DotEnvFile> dotEnv) {
      if (dotEnv.isEmpty()) {
        return Optional.empty();
      }
      try {
        return dotEnv.get().get(ConnectionSettings.DATABASE_URL)
            .map(url -> new ExistingUrl(DatabaseSetup.where(url), Optional.empty(), Set.of()));
      } catch (InvalidDatabaseUrlException e) {
        return Optional.of(new ExistingUrl("", Optional.of(e.getMessage()),
            dotEnv.get().unreadableLines(ConnectionSettings.DATABASE_URL)));
      }
    }

    boolean readable() {
      return problem.isEmpty();
    }
  }

  private ServerAddress askUntilItConnects() {
    ServerAddress previous = new ServerAddress("localhost", 5432, null, "", "quantagent_dev");
    while (true) {
      ServerAddress address = askServer(previous);
      Optional<String> problem = connect(address);
      if (problem.isEmpty()) {
        return address;
      }
      if (!prompts.interactive()) {
        throw new SetupException(problem.get() + " Nothing was saved.");
      }
      prompts.say(problem.get());
      if (!prompts.confirm(Question.RETRY, true)) {
        throw new SetupException(problem.get() + " Nothing was saved.");
      }
      previous = address;
    }
  }

  private ServerAddress askServer(ServerAddress previous) {
    String host = prompts.ask(Question.HOST, previous.host());
    int port = port(prompts.ask(Question.PORT, String.valueOf(previous.port())));
    String user = prompts.ask(Question.USER, previous.user());
    String password = prompts.askPassword(Question.PASSWORD);
    String database = prompts.ask(Question.DATABASE, previous.database());
    return new ServerAddress(host, port, user, password, database);
  }

  private int port(String answer) {
    try {
      int port = Integer.parseInt(answer);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    String problem = "The port '" + answer + "' is not a number from 1 to 65535 (PostgreSQL's is usually 5432).";
    if (!prompts.interactive()) {
      throw new SetupException(problem + " Fix -D" + Question.PORT.property() + ". Nothing was saved.");
    }
    prompts.say(problem);
    return port(prompts.ask(Question.PORT, "5432"));
  }

  /** Empty when the database accepts the answers, else what went wrong (no password in it). */
  private Optional<String> connect(ServerAddress address) {
    try (Connection connection = new PostgresConnector(address.toDatabaseUrl()).connect()) {
      prompts.say("Connected to " + address.display() + ".");
      return Optional.empty();
    } catch (InvalidDatabaseUrlException e) {
      return Optional.of(withoutPasswordNote(e.getMessage()));
    } catch (DatabaseConnectionException e) {
      if (e.getCause() instanceof SQLException sql && MISSING_DATABASE.equals(sql.getSQLState())) {
        return createMissing(address);
      }
      return Optional.of((withoutPasswordNote(e.problem()) + " " + advice(e)).strip());
    } catch (SQLException e) {
      return Optional.empty(); // only closing failed: the connection itself worked
    }
  }

  /** What to check, in setup's terms: the answers given, not the goals' -Dquantagent.user or the URL. */
  private String advice(DatabaseConnectionException e) {
    String state = e.sqlState().orElse("");
    if (state.equals("28P01") || state.equals("28000")) {
      return "Check the user and password" + (prompts.interactive() ? " you gave." : ": -D" + Question.USER.property()
          + ", and PGPASSWORD or -D" + Question.PASSWORD.property() + ".");
    }
    if (state.startsWith("08")) {
      return "Check that PostgreSQL is running there and that the host and port are right" + (prompts.interactive()
          ? "." : ": -D" + Question.HOST.property() + ", -D" + Question.PORT.property() + ".");
    }
    return withoutPasswordNote(e.getMessage()).substring(withoutPasswordNote(e.problem()).length()).strip();
  }

  private Optional<String> createMissing(ServerAddress address) {
    ServerAddress server = address.maintenance();
    try (Connection connection = new PostgresConnector(server.toDatabaseUrl()).connect();
        Statement statement = connection.createStatement()) {
      boolean allowed;
      try (ResultSet rs = statement.executeQuery(
          "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user")) {
        allowed = rs.next() && rs.getBoolean(1);
      }
      String missing = "The database " + address.database() + " does not exist on " + address.host() + ":"
          + address.port() + ".";
      if (!allowed) {
        return Optional.of(missing + " The user " + address.user() + " may not create databases: ask an"
            + " administrator to run CREATE DATABASE " + quote(address.database()) + " OWNER " + quote(address.user())
            + ", or choose a database that exists.");
      }
      prompts.say(missing + " The user " + address.user() + " may create it.");
      if (!prompts.confirm(Question.CREATE_DATABASE, prompts.interactive())) {
        return Optional.of(missing + " Create it (answer y, or -D" + Question.CREATE_DATABASE.property()
            + " in batch mode), or choose a database that exists.");
      }
      statement.execute("CREATE DATABASE " + quote(address.database()));
      prompts.say("Created the database " + address.database() + ".");
      return connect(address);
    } catch (DatabaseConnectionException e) {
      return Optional.of("The database " + address.database() + " does not exist, and its server's postgres"
          + " database cannot be reached to create it: " + withoutPasswordNote(e.getMessage()));
    } catch (SQLException e) {
      return Optional.of("Could not create the database " + address.database() + ": "
          + withoutPasswordNote(UrlMasker.mask(e.getMessage())));
    }
  }

  private void warnAboutEnvironment() {
    String variable = environment.get(ConnectionSettings.DATABASE_URL);
    if (variable != null && !variable.isBlank()) {
      prompts.say("Note: the DATABASE_URL environment variable is set (" + where(variable) + ") and wins over .env."
          + " Unset it to use what was set up here: unset DATABASE_URL (bash), Remove-Item Env:DATABASE_URL"
          + " (PowerShell), set DATABASE_URL= (Command Prompt).");
    }
  }

  /** A URL as location and user only: setup never shows a password, not even masked. */
  private static String where(String url) {
    try {
      DatabaseUrl parsed = DatabaseUrl.parse(url);
      return parsed.jdbcUrl() + parsed.user().map(u -> " as " + u).orElse("");
    } catch (InvalidDatabaseUrlException e) {
      return "a value that is not a PostgreSQL URL";
    }
  }

  private static String withoutPasswordNote(String message) {
    return message.replace(" (password " + UrlMasker.MASK + ")", "");
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
