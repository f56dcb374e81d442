package io.quantagent.migrations.db;

import io.quantagent.migrations.db.ConnectionSettings.ResolvedConnection;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code quantagent:dev} says about the database the project's other goals use while it runs. With no URL
 * configured, they use the development database. With one, they use that one, which may be a shared server: a person
 * who believes the goals are on the development database would migrate it. So dev says so as a warning, with the URL
 * (masked), where it is set, and how to make the goals use the development database.
 *
 * @param warning whether the other goals use, or fail on, a database that is not the development database
 */
public record DevDatabaseNotice(boolean warning, List<String> lines) {
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");
  private static final int POSTGRES_PORT = 5432;

  /** @param developmentJdbcUrl the running development database's JDBC URL */
  public static DevDatabaseNotice of(ConnectionSettings settings, String developmentJdbcUrl) {
    Optional<ResolvedConnection> configured;
    try {
      configured = settings.resolve();
    } catch (InvalidDatabaseUrlException e) {
      return new DevDatabaseNotice(true, List.of("The goals of this project do NOT use this development database: a"
          + " database URL is configured, and they fail on it. " + e.getMessage(), howToUseIt(settings)));
    }
    if (configured.isEmpty()) {
      return new DevDatabaseNotice(false, List.of("No database URL is configured, so the goals of this project use"
          + " this development database meanwhile."));
    }
    ResolvedConnection connection = configured.get();
    if (isTheDevelopmentDatabase(connection.url().jdbcUrl(), developmentJdbcUrl)) {
      return new DevDatabaseNotice(false, List.of("The goals of this project use this development database meanwhile:"
          + " " + connection.source().description() + " points at it."));
    }
    return new DevDatabaseNotice(true, List.of("The goals of this project do NOT use this development database: they"
        + " use " + connection.url().display() + " (from " + connection.source().description() + "), which wins over"
        + " it. quantagent:upgrade would change that database.", howToUseIt(settings)));
  }

  /** Every source is named, not only the winner: each one hides the next, which takes over when it is removed. */
  private static String howToUseIt(ConnectionSettings settings) {
    return "To have them use the development database: " + settings.configuredSources().stream()
        .map(source -> switch (source) {
          case COMMAND_LINE -> "leave -Dquantagent.url out of their command lines (and out of .mvn/maven.config and"
              + " MAVEN_OPTS)";
          case ENVIRONMENT -> "unset DATABASE_URL in the shell they run from (unset DATABASE_URL in bash,"
              + " Remove-Item Env:DATABASE_URL in PowerShell, set DATABASE_URL= in Command Prompt)";
          case DOT_ENV_FILE -> "remove the DATABASE_URL line from " + settings.dotEnv().orElseThrow().path()
              + " (quantagent:setup writes it)";
          case POM -> "remove <url> from the plugin's configuration in the POM";
          case EMBEDDED -> throw new IllegalStateException("the embedded database is no configured source");
        })
        .collect(Collectors.joining("; ")) + ".";
  }

  /** The same server and database as the development database's, however the host is written. */
  private static boolean isTheDevelopmentDatabase(String jdbcUrl, String developmentJdbcUrl) {
    try {
      URI configured = URI.create(jdbcUrl.substring("jdbc:".length()));
      URI development = URI.create(developmentJdbcUrl.substring("jdbc:".length()));
      int port = configured.getPort() < 0 ? POSTGRES_PORT : configured.getPort();
      // A URL with several hosts has none that URI can read: not the development database's.
      return configured.getHost() != null && LOOPBACK.contains(configured.getHost()) && port == development.getPort()
          && configured.getPath().equals(development.getPath());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
