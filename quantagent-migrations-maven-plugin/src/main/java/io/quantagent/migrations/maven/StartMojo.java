package io.quantagent.migrations.maven;

import io.quantagent.migrations.embedded.EmbeddedPostgres;
import io.quantagent.migrations.embedded.EmbeddedPostgresSettings;
import java.io.File;
import java.util.Properties;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Starts a throwaway embedded PostgreSQL on a free port for this build's integration tests and publishes
 * it as the project properties {@code quantagent.url}, {@code quantagent.user}, {@code quantagent.password}
 * and {@code quantagent.port}. A following {@code upgrade} in the same build uses it; {@code stop} (or the
 * end of the build, whatever happens) shuts it down.
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class StartMojo extends AbstractQuantagentMojo {
  static final String SERVER_KEY = "quantagent.server";

  /** The database created on the started server. */
  @Parameter(property = PropertyKeys.DATABASE, defaultValue = "quantagent")
  private String database;

  /** Where the throwaway server keeps its data while it runs; deleted when it stops. */
  @Parameter(defaultValue = "${project.build.directory}/quantagent-postgres")
  private File dataDirectory;

  @Override
  protected void run() {
    if (getPluginContext().get(SERVER_KEY) != null) {
      getLog().info("The embedded PostgreSQL of this build is already running.");
      return;
    }
    EmbeddedPostgres server = EmbeddedPostgres.start(
        EmbeddedPostgresSettings.throwaway(embeddedBinaries(), dataDirectory.toPath()).withDatabase(database),
        eventLog());
    getPluginContext().put(SERVER_KEY, server);
    Properties properties = project().getProperties();
    properties.setProperty("quantagent.url", server.jdbcUrl());
    properties.setProperty("quantagent.user", server.user());
    properties.setProperty("quantagent.password", server.password());
    properties.setProperty("quantagent.port", String.valueOf(server.port()));
    getLog().info("Started PostgreSQL for this build at " + server.jdbcUrl() + " as " + server.user()
        + "; quantagent.url, quantagent.user, quantagent.password and quantagent.port are set.");
  }
}
