package io.quantagent.migrations.maven;

import io.quantagent.migrations.embedded.DevelopmentDatabase;
import io.quantagent.migrations.embedded.EmbeddedPostgres;
import java.util.concurrent.CountDownLatch;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Starts the embedded development database (or joins it when a goal is using it), prints how to reach it (the JDBC
 * URL, a {@code psql} command line, a {@code DATABASE_URL} line; never the password) and keeps it running until
 * Ctrl-C. Meanwhile every goal of the project uses it. Its port stays the same from run to run
 * ({@code -Dquantagent.port} sets it), so a database tool can keep its connection settings.
 */
@Mojo(name = "dev", threadSafe = true)
public class DevMojo extends AbstractQuantagentMojo {

  @Override
  protected void run() throws MojoFailureException {
    EmbeddedPostgres server = DevelopmentDatabase.start(workingDirectory(), embeddedBinaries(), embeddedPort(),
        eventLog());
    getLog().info("The development database (PostgreSQL " + server.serverVersion() + ") runs until Ctrl-C; the goals"
        + " of this project use it meanwhile.");
    DevelopmentDatabase.howToConnect(server, workingDirectory()).forEach(line -> getLog().info("  " + line));
    try {
      new CountDownLatch(1).await(); // Ctrl-C ends the JVM, whose shutdown hook stops the server if nobody else uses it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      server.close();
    }
  }
}
