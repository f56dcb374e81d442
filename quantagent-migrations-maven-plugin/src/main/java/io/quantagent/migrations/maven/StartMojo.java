package io.quantagent.migrations.maven;

import io.quantagent.migrations.embedded.BuildServers;
import io.quantagent.migrations.embedded.EmbeddedPostgres;
import io.quantagent.migrations.embedded.EmbeddedPostgresSettings;
import java.io.File;
import java.util.Properties;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Starts a throwaway embedded PostgreSQL on a free port for this build's integration tests and publishes it as
 * the project properties {@code quantagent.started.url} ({@code postgresql://user:password@host:port/db}),
 * {@code quantagent.started.jdbcUrl}, {@code quantagent.started.user}, {@code quantagent.started.password},
 * {@code quantagent.started.passwordFile} (the password in an owner-only file, for tests to read: a property's value
 * shows in {@code mvn -X} and in failsafe's reports) and {@code quantagent.started.port}: names no goal reads as a
 * parameter of its own. A following {@code upgrade} in
 * the same build uses it; {@code stop} (or the end of the build, whatever happens) shuts it down.
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class StartMojo extends AbstractQuantagentMojo {
  static final String SERVER_KEY = "quantagent.server";
  static final String STARTED = "quantagent.started.";

  /** The database created on the started server: a plain identifier (letters, digits, _). */
  @Parameter(property = PropertyKeys.DATABASE, defaultValue = "quantagent")
  private String database;

  /**
   * Where the throwaway servers keep their data while they run: each build's server in a directory of its own
   * under this one, deleted when it stops.
   */
  @Parameter(defaultValue = "${project.build.directory}/quantagent-postgres")
  private File dataDirectory;

  @Override
  protected void run() throws MojoFailureException {
    if (getPluginContext().get(SERVER_KEY) != null) {
      getLog().info("The embedded PostgreSQL of this build is already running.");
      return;
    }
    if (!EmbeddedPostgresSettings.isPlainIdentifier(database)) {
      throw new MojoFailureException("The database name '" + database + "' (-D" + PropertyKeys.DATABASE + " or"
          + " <database>) is not a plain PostgreSQL identifier: use letters, digits and _, not starting with a digit,"
          + " at most 63 characters (for example " + database.replaceAll("[^A-Za-z0-9_]", "_") + ").");
    }
    // start ignores every URL: the way round is a server of one's own, migrated without start.
    EmbeddedPostgres server = BuildServers.start(embeddedBinaries("test against a PostgreSQL server of your own"
        + " instead: leave start and stop out of the POM, bind upgrade alone and give it DATABASE_URL (README:"
        + " Migrating an external database before the integration tests)"), dataDirectory.toPath(), database,
        embeddedPort(), eventLog());
    getPluginContext().put(SERVER_KEY, server);
    Properties properties = project().getProperties();
    properties.setProperty(STARTED + "url", "postgresql://" + server.user() + ":" + server.password()
        + "@127.0.0.1:" + server.port() + "/" + server.database());
    properties.setProperty(STARTED + "jdbcUrl", server.jdbcUrl());
    properties.setProperty(STARTED + "user", server.user());
    properties.setProperty(STARTED + "password", server.password());
    properties.setProperty(STARTED + "passwordFile", BuildServers.writePasswordFile(server).toString());
    properties.setProperty(STARTED + "port", String.valueOf(server.port()));
    getLog().info("Started PostgreSQL " + server.serverVersion() + " for this build at " + server.jdbcUrl() + " as "
        + server.user() + " (pid " + server.pid() + "); " + STARTED + "url, .jdbcUrl, .user, .password,"
        + " .passwordFile and .port are set.");
  }
}
