package io.quantagent.migrations.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides which database a goal talks to. Highest first: {@code -Dquantagent.url}, the
 * {@code DATABASE_URL} environment variable, a {@code DATABASE_URL=} line in {@code .env}, {@code <url>}
 * in the POM; when none is set the caller falls back to the embedded development database. A server that
 * {@code quantagent:start} started in the same build comes right after {@code -Dquantagent.url}.
 * {@code quantagent.user} and {@code quantagent.password} override what the URL carries. {@code .env} is read only when
 * neither of the two above it is set, and then only its {@code DATABASE_URL} line must be readable.
 */
public record ConnectionSettings(
    String commandLineUrl, String environmentUrl, Optional<DotEnvFile> dotEnv, String pomUrl,
    String user, String password) {

  public static final String DATABASE_URL = "DATABASE_URL";

  /**
   * {@code .env}, opened only when it can matter: when neither {@code -Dquantagent.url} nor the {@code DATABASE_URL}
   * variable is set. A file that cannot even be read (a root-owned {@code rw-------} one) then fails no goal that
   * would not use it.
   */
  public static Optional<DotEnvFile> dotEnvIfConsulted(String commandLineUrl, String environmentUrl,
      Supplier<Optional<DotEnvFile>> read) {
    return isBlank(commandLineUrl) && isBlank(environmentUrl) ? read.get() : Optional.empty();
  }

  /** The chosen URL and where it came from, or empty when nothing is configured anywhere. */
  public Optional<ResolvedConnection> resolve() {
    return resolve(false);
  }

  /**
   * The chosen URL and where it came from, or empty when none wins. Each source is read only when every one above it
   * is unset, so a URL that loses is never parsed: it may be meant for another tool.
   *
   * @param serverStarted whether {@code quantagent:start} started a server earlier in this build: it wins over every
   *     source but {@code -Dquantagent.url}, which are then not read at all (a {@code mysql://} DATABASE_URL of the
   *     CI, Prisma's {@code file:./dev.db} in .env), and the caller uses that server when this is empty
   */
  public Optional<ResolvedConnection> resolve(boolean serverStarted) {
    Optional<ResolvedConnection> chosen = pick(commandLineUrl, ConnectionSource.COMMAND_LINE);
    if (!serverStarted) {
      chosen = chosen.or(() -> pick(environmentUrl, ConnectionSource.ENVIRONMENT))
          .or(() -> dotEnv.flatMap(file -> file.get(DATABASE_URL))
              .flatMap(url -> pick(url, ConnectionSource.DOT_ENV_FILE)))
          .or(() -> pick(pomUrl, ConnectionSource.POM));
    }
    return chosen.map(c -> new ResolvedConnection(c.url().withCredentials(user, password), c.source()));
  }

  /**
   * Every source that sets a URL, highest first: the one that wins and those it hides, which take over when it is
   * removed. A {@code .env} line for {@code DATABASE_URL} that cannot be read counts: goals fail on it.
   */
  public List<ConnectionSource> configuredSources() {
    List<ConnectionSource> sources = new ArrayList<>();
    if (!isBlank(commandLineUrl)) {
      sources.add(ConnectionSource.COMMAND_LINE);
    }
    if (!isBlank(environmentUrl)) {
      sources.add(ConnectionSource.ENVIRONMENT);
    }
    if (dotEnvSetsUrl()) {
      sources.add(ConnectionSource.DOT_ENV_FILE);
    }
    if (!isBlank(pomUrl)) {
      sources.add(ConnectionSource.POM);
    }
    return sources;
  }

  private boolean dotEnvSetsUrl() {
    try {
      return dotEnv.flatMap(file -> file.get(DATABASE_URL)).filter(url -> !isBlank(url)).isPresent();
    } catch (InvalidDatabaseUrlException e) {
      return true;
    }
  }

  /**
   * The lines of {@code .env} skipped for not being readable, said as python-dotenv says them: only when {@code .env}
   * is read at all, and never the {@code DATABASE_URL} line, which {@link #resolve} refuses instead.
   *
   * @param serverStarted as for {@link #resolve(boolean)}: a started server leaves {@code .env} unread
   */
  public List<String> skippedDotEnvLines(boolean serverStarted) {
    boolean readsDotEnv = !serverStarted && isBlank(commandLineUrl) && isBlank(environmentUrl);
    return readsDotEnv ? dotEnv.map(file -> file.skippedLines(DATABASE_URL)).orElse(List.of()) : List.of();
  }

  private static boolean isBlank(String url) {
    return url == null || url.isBlank();
  }

  private static Optional<ResolvedConnection> pick(String url, ConnectionSource source) {
    if (isBlank(url)) {
      return Optional.empty();
    }
    return Optional.of(new ResolvedConnection(DatabaseUrl.parse(url, source.description()), source));
  }

  /** Never shows a password: settings end up in debug output and exception messages. */
  @Override
  public String toString() {
    return "ConnectionSettings[commandLineUrl=" + UrlMasker.mask(commandLineUrl) + ", environmentUrl="
        + UrlMasker.mask(environmentUrl) + ", dotEnv=" + dotEnv.map(DotEnvFile::path).orElse(null) + ", pomUrl="
        + UrlMasker.mask(pomUrl) + ", user=" + user + ", password=" + (password == null ? null : UrlMasker.MASK) + "]";
  }

  public record ResolvedConnection(DatabaseUrl url, ConnectionSource source) {}
}
