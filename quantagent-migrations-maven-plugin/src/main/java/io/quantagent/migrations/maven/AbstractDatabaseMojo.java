package io.quantagent.migrations.maven;

import io.quantagent.migrations.db.ConnectionSettings;
import io.quantagent.migrations.db.ConnectionSettings.ResolvedConnection;
import io.quantagent.migrations.db.DatabaseUrl;
import io.quantagent.migrations.db.InvalidDatabaseUrlException;
import io.quantagent.migrations.db.DatabaseLease;
import io.quantagent.migrations.embedded.EmbeddedPostgres;
import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.MigratorSettings;
import io.quantagent.migrations.lint.LintDatabase;
import io.quantagent.migrations.schema.Autogenerator;
import io.quantagent.migrations.schema.ConfiguredScratchDatabases;
import io.quantagent.migrations.schema.DriftCheck;
import io.quantagent.migrations.schema.ExpectedSchema;
import io.quantagent.migrations.schema.ModelCheck;
import io.quantagent.migrations.schema.TrackingTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import io.quantagent.migrations.engine.ScriptSource;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/** A goal that talks to the database: resolves where it is, opens it, and hands the engine to the goal. */
public abstract class AbstractDatabaseMojo extends AbstractQuantagentMojo {

  /**
   * The database URL: {@code jdbc:postgresql://host:5432/db} or {@code postgresql://user:password@host:5432/db}
   * ({@code postgres://} and {@code postgresql+psycopg2://} too). {@code -Dquantagent.url}, the
   * {@code DATABASE_URL} environment variable and a {@code DATABASE_URL=} line in {@code .env} all win over
   * this. With none of them set, the embedded development database is used. Keep passwords out of POMs.
   * (Secret-bearing parameters are injected as their POM element, so that {@code mvn -X} shows an expression.)
   */
  @Parameter
  private PlexusConfiguration url;

  /** Overrides the user the URL carries. */
  @Parameter(property = PropertyKeys.USER)
  private String user;

  /** Overrides the password the URL carries; never logged, not even by {@code mvn -X}. */
  @Parameter(property = PropertyKeys.PASSWORD)
  private PlexusConfiguration password;

  /**
   * The id of a {@code <server>} in settings.xml whose username and password (encrypted or not) are used
   * instead of the URL's.
   */
  @Parameter(property = PropertyKeys.SERVER_ID)
  private String serverId;

  @Parameter(defaultValue = "${settings}", readonly = true, required = true)
  private Settings settings;

  @Component
  private SettingsDecrypter settingsDecrypter;

  /** The changelog table: a plain lower-case identifier. */
  @Parameter(property = PropertyKeys.CHANGELOG_TABLE, defaultValue = MigratorSettings.DEFAULT_CHANGELOG_TABLE)
  private String changelogTable;

  /** Seconds that upgrade, downgrade and repair wait for another run's lock on the same database. */
  @Parameter(property = PropertyKeys.LOCK_TIMEOUT, defaultValue = "60")
  private int lockTimeout;

  /** Whether upgrade first checks that applied scripts are unchanged and still there. */
  @Parameter(property = PropertyKeys.VALIDATE, defaultValue = "true")
  private boolean validate;

  /**
   * A server (JDBC or postgresql:// URL, with a user allowed to create databases) on which diff, check
   * and stamp build the migrations' schema in a database of their own, dropped after. Without it, a
   * throwaway embedded PostgreSQL of the live server's major version is used. The live database is never used.
   */
  @Parameter(property = PropertyKeys.SCRATCH_URL)
  private PlexusConfiguration scratchUrl;

  @Override
  protected final void run() throws MojoExecutionException, MojoFailureException {
    checkInputs();
    if (!needsDatabase() && !needsScripts()) {
      runWithoutScripts();
      return;
    }
    MigratorSettings migratorSettings = new MigratorSettings(changelogTable, Duration.ofSeconds(lockTimeout), validate);
    ScriptSource scripts = scriptSource();
    if (needsScripts() && refusesInvalidScripts()) {
      scripts.validate(); // before any database opens: a bad script must not start the embedded one first
    }
    ConfiguredScratchDatabases scratch = new ConfiguredScratchDatabases(scratchUrl(), this::binariesForMajor,
        Path.of(project().getBuild().getDirectory()), eventLog());
    ModelCheck models = new ModelCheck(scripts, migratorSettings, scratch, eventLog());
    if (!needsDatabase()) {
      getLog().info("Scripts: " + scripts.location() + " (no database needed)");
      run(GoalContext.scriptsOnly(new Migrator(DatabaseLease.NONE, scripts, migratorSettings, eventLog()),
          new Autogenerator(DatabaseLease.NONE, scripts, migratorSettings, scratch, eventLog()), models, scripts));
      return;
    }
    Optional<EmbeddedPostgres> started = startedServer();
    ConnectionSettings connection = connectionSettings(started.isPresent());
    connection.skippedDotEnvLines(started.isPresent()).forEach(getLog()::warn);
    try (DatabaseLease database = DatabaseLease.open(connection, started, workingDirectory(),
        this::embeddedBinaries, embeddedPort(), eventLog())) {
      getLog().info("Scripts: " + scripts.location());
      DriftCheck drift = new DriftCheck(database.connections(),
          new ExpectedSchema(scripts, migratorSettings, eventLog()), scratch, new TrackingTables(changelogTable),
          eventLog());
      Autogenerator autogenerator = new Autogenerator(database.connections(), scripts, migratorSettings, scratch,
          eventLog());
      run(new GoalContext(new Migrator(database.connections(), scripts, migratorSettings, eventLog()),
          Optional.of(drift), Optional.of(autogenerator), models, scripts,
          Optional.of(new LintDatabase(database.connections(), scripts, migratorSettings, scratch))));
    }
  }

  /**
   * The scripts; a scripts directory set to a folder that is not there (a typo) is said, as it would otherwise leave
   * the jar's scripts to run alone, unnoticed. The default folder is often absent in a project that takes the jar's.
   */
  private ScriptSource scriptSource() {
    ScriptSource scripts = ScriptSource.choose(scriptsDirectory(), getClass().getClassLoader());
    Path directory = scriptsDirectory();
    Path byDefault = project().getBasedir().toPath().resolve(DEFAULT_SCRIPTS_DIRECTORY);
    if (directory != null && !Files.isDirectory(directory) && !directory.equals(byDefault)) {
      getLog().warn("The scripts directory " + directory + " (<scriptsDirectory>, -D" + PropertyKeys.SCRIPTS_DIRECTORY
          + ") does not exist: only the class path's scripts are read. Correct the path, or remove the setting.");
    }
    return scripts;
  }

  /** @param serverStarted whether quantagent:start started a server in this build, which wins over most sources */
  private ConnectionSettings connectionSettings(boolean serverStarted) throws MojoFailureException {
    String password = secretParameter(this.password);
    secrets().add(password);
    String effectiveUser = user;
    String effectivePassword = password;
    boolean fromServerId = serverId != null && !serverId.isBlank();
    if (fromServerId) {
      if (user != null || password != null) {
        throw new MojoFailureException("Credentials come from both -Dquantagent.serverId=" + serverId + " and"
            + " quantagent.user/quantagent.password (POM or command line). Keep one of them.");
      }
      MavenServerCredentials server = MavenServerCredentials.lookup(settings, settingsDecrypter, serverId);
      effectiveUser = server.user();
      effectivePassword = server.password();
      secrets().add(effectivePassword);
    }
    ConnectionSettings settings = configuredConnection(secretParameter(url), effectiveUser, effectivePassword);
    Optional<ResolvedConnection> used = settings.resolve(serverStarted);
    used.flatMap(resolved -> resolved.url().password()).ifPresent(secrets()::add);
    // The credentials apply to a configured URL only: the embedded database and a started server have their own.
    if (fromServerId && used.isPresent()) {
      getLog().info("Credentials: <server> " + serverId + " of settings.xml");
    }
    return settings;
  }

  private String scratchUrl() {
    String value = secretParameter(scratchUrl);
    if (value != null) {
      try {
        DatabaseUrl.parse(value).password().ifPresent(secrets()::add);
      } catch (InvalidDatabaseUrlException e) {
        // reported where the scratch server is first used
      }
    }
    return value;
  }

  /**
   * Whether a database is configured (quantagent:start, URL, DATABASE_URL, .env), so that none is started. Nothing is
   * parsed or looked up here: a URL that cannot be used is reported once, where the database is opened.
   */
  protected boolean databaseConfigured() {
    return startedServer().isPresent()
        || !configuredConnection(secretParameter(url), null, null).configuredSources().isEmpty();
  }

  /** The server quantagent:start started earlier in this build, if any. */
  private Optional<EmbeddedPostgres> startedServer() {
    return Optional.ofNullable((EmbeddedPostgres) getPluginContext().get(StartMojo.SERVER_KEY));
  }

  /**
   * Checks the goal's own inputs (a target, a format, a description) before anything reads a script or opens a
   * database, so that a typo never starts the embedded database first.
   */
  protected void checkInputs() throws MojoFailureException {}

  /** False when the goal can do its work without reading any script; it then runs {@link #runWithoutScripts}. */
  protected boolean needsScripts() {
    return true;
  }

  /**
   * True when the goal runs the scripts as migrations, and so refuses the lot when one cannot be used (the
   * {@link ScriptSource#validate} check); false for one that reads them as text and reports what it finds.
   */
  protected boolean refusesInvalidScripts() {
    return true;
  }

  /** False when the goal can do its work from the scripts alone. */
  protected boolean needsDatabase() {
    return true;
  }

  /** The goal's work when {@link #needsScripts} and {@link #needsDatabase} are both false. */
  protected void runWithoutScripts() throws MojoExecutionException, MojoFailureException {
    throw new IllegalStateException(getClass().getSimpleName() + " needs neither scripts nor a database but does"
        + " not say what it does then");
  }

  protected abstract void run(GoalContext context) throws MojoExecutionException, MojoFailureException;
}
