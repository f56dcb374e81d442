package io.quantagent.migrations.maven;

import io.quantagent.migrations.db.ConnectionSettings;
import io.quantagent.migrations.db.DevDatabaseNotice;
import io.quantagent.migrations.db.DotEnvFile;
import io.quantagent.migrations.db.InvalidDatabaseUrlException;
import io.quantagent.migrations.embedded.DevelopmentDatabase;
import io.quantagent.migrations.embedded.EmbeddedPostgres;
import java.util.concurrent.CountDownLatch;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * Starts the embedded development database (or joins it when a goal is using it), prints how to reach it (the JDBC
 * URL, a {@code psql} command line, a {@code DATABASE_URL} line; never the password) and keeps it running until
 * Ctrl-C. Meanwhile every goal of the project uses it, unless a database URL is configured: then they use that one,
 * and dev warns so, naming it (masked) and where it is set. Its port stays the same from run to run
 * ({@code -Dquantagent.port} sets it), so a database tool can keep its connection settings.
 */
@Mojo(name = "dev", threadSafe = true)
public class DevMojo extends AbstractQuantagentMojo {

  /**
   * The POM's database URL, as the database goals read it: dev only says that they use it instead of the
   * development database.
   */
  @Parameter
  private PlexusConfiguration url;

  @Override
  protected void run() throws MojoFailureException {
    // dev reads .env only to warn about a URL there: a .env it cannot read is said, and dev goes on.
    ConnectionSettings configured = configuredConnection(secretParameter(url), null, null,
        DotEnvFile.readIfReadable(dotEnvPath(), getLog()::warn));
    try {
      configured.resolve().flatMap(resolved -> resolved.url().password()).ifPresent(secrets()::add);
    } catch (InvalidDatabaseUrlException e) {
      // said by the notice below
    }
    EmbeddedPostgres server = DevelopmentDatabase.start(workingDirectory(), embeddedBinaries(
        // dev runs the embedded database whatever URL is set: the way round is the other goals, with a server's URL.
        "the other goals need no binaries with a PostgreSQL server of your own (-D" + PropertyKeys.URL + " or"
            + " DATABASE_URL); dev runs only the embedded development database"), embeddedPort(),
        eventLog());
    getLog().info("The development database (PostgreSQL " + server.serverVersion() + ") runs until Ctrl-C.");
    DevelopmentDatabase.howToConnect(server, workingDirectory()).forEach(line -> getLog().info("  " + line));
    // Last, so that it is what the terminal shows while dev runs.
    DevDatabaseNotice notice = DevDatabaseNotice.of(configured, server.jdbcUrl());
    notice.lines().forEach(notice.warning() ? getLog()::warn : getLog()::info);
    try {
      new CountDownLatch(1).await(); // Ctrl-C ends the JVM, whose shutdown hook stops the server if nobody else uses it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      server.close();
    }
  }
}
