package io.quantagent.migrations.maven;

import io.quantagent.migrations.embedded.EmbeddedPostgres;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Stops the embedded PostgreSQL that {@code start} started in this build. */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopMojo extends AbstractQuantagentMojo {

  @Override
  protected void run() {
    EmbeddedPostgres server = (EmbeddedPostgres) getPluginContext().remove(StartMojo.SERVER_KEY);
    if (server == null) {
      getLog().info("No embedded PostgreSQL was started in this build; nothing to stop.");
      return;
    }
    server.close();
    getLog().info("Stopped the embedded PostgreSQL on port " + server.port() + " (pid " + server.pid() + ").");
  }
}
