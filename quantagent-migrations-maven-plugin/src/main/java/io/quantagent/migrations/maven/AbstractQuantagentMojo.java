package io.quantagent.migrations.maven;

import io.quantagent.migrations.db.ConnectionSettings;
import io.quantagent.migrations.db.DotEnvFile;
import io.quantagent.migrations.db.KnownSecrets;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.embedded.PostgresBinaries;
import io.quantagent.migrations.embedded.ZonkyVersions;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * What every goal shares: skipping, acting once per reactor when typed on the command line, and the
 * single mapping of engine failures to Maven's. Goals implement {@link #run()}.
 */
public abstract class AbstractQuantagentMojo extends AbstractMojo {

  /** Skips every goal of this plugin. */
  @Parameter(property = PropertyKeys.SKIP, defaultValue = "false")
  private boolean skip;

  /** Where scriptsDirectory is unless set, relative to the project's base directory. */
  static final String DEFAULT_SCRIPTS_DIRECTORY = "src/main/resources/quantagent/migrations";

  /**
   * The folder holding the migration scripts. When it exists, scripts are read from it; otherwise from the
   * class path folder {@code quantagent/migrations/} of the plugin's dependencies (e.g. the schema jar).
   */
  @Parameter(property = PropertyKeys.SCRIPTS_DIRECTORY,
      defaultValue = "${project.basedir}/" + DEFAULT_SCRIPTS_DIRECTORY)
  private File scriptsDirectory;

  /**
   * The version of zonky's PostgreSQL binaries for the embedded databases (the development database and
   * {@code start}); resolved from Maven repositories, for this platform only, on first use.
   */
  @Parameter(property = PropertyKeys.EMBEDDED_VERSION, defaultValue = "17.6.0")
  private String embeddedVersion;

  /**
   * The TCP port on 127.0.0.1 of the embedded development database: unset, the port kept for the project in
   * {@code .quantagent/port} (chosen at its first start); set, this one, kept from then on (a server that already
   * runs keeps its port, with a warning). For {@code start}, its server's port (unset: any free port).
   */
  @Parameter(property = PropertyKeys.PORT)
  private Integer port;

  @Component
  private RepositorySystem repositorySystem;

  @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
  private RepositorySystemSession repositorySession;

  @Parameter(defaultValue = "${project.remotePluginRepositories}", readonly = true, required = true)
  private List<RemoteRepository> remoteRepositories;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
  private MojoExecution mojoExecution;

  /** Executions bound to the build skip with the integration tests they prepare. */
  @Parameter(property = "skipITs", defaultValue = "false")
  private boolean skipITs;

  /** Executions bound to the build skip when all tests are skipped. */
  @Parameter(property = "maven.test.skip", defaultValue = "false")
  private boolean skipAllTests;

  /** The passwords this execution resolved: masked in every line it logs and every failure it reports. */
  private final KnownSecrets secrets = new KnownSecrets();

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping: " + PropertyKeys.SKIP + " is set.");
      return;
    }
    if (!typedOnCommandLine() && (skipITs || skipAllTests)) {
      getLog().info("Skipping: " + (skipITs ? "skipITs" : "maven.test.skip") + " is set and this execution is bound"
          + " to the build.");
      return;
    }
    if (!actsInThisProject()) {
      getLog().debug("Not in " + project.getArtifactId() + ": a goal typed on the command line acts once, in "
          + session.getProjects().get(0).getArtifactId() + ".");
      return;
    }
    refuseMistypedProperties();
    try {
      run();
    } catch (MojoFailureException e) {
      throw FailureMapper.masked(e, secrets);
    } catch (MojoExecutionException e) {
      throw FailureMapper.masked(e, secrets);
    } catch (RuntimeException e) {
      Exception mapped = FailureMapper.map(e, secrets, mojoExecution.getGoal());
      if (mapped instanceof MojoFailureException failure) {
        throw failure;
      }
      throw (MojoExecutionException) mapped;
    }
  }

  protected abstract void run() throws MojoExecutionException, MojoFailureException;

  /** Before anything runs: a {@code -D} property meant for this goal but mistyped would leave it at its default. */
  private void refuseMistypedProperties() throws MojoFailureException {
    MistypedProperties.Verdict verdict = MistypedProperties.of(mojoExecution.getMojoDescriptor(), typedOnCommandLine())
        .judge(session.getUserProperties().stringPropertyNames());
    if (verdict.refusal().isPresent()) {
      throw new MojoFailureException(verdict.refusal().get());
    }
    verdict.warnings().stream().filter(warning -> firstTimeInTheBuild("quantagent.warnedOfProperty." + warning))
        .forEach(getLog()::warn);
  }

  /**
   * From the command line ({@code mvn quantagent:upgrade} in a multi-module root) a goal would otherwise
   * run in every module; it acts in the first project of the build only. Executions bound in a POM act
   * where they are bound.
   */
  private boolean actsInThisProject() {
    if (!typedOnCommandLine()) {
      return true;
    }
    return session.getProjects().isEmpty() || session.getProjects().get(0) == session.getCurrentProject();
  }

  private boolean typedOnCommandLine() {
    return "default-cli".equals(mojoExecution.getExecutionId());
  }

  /** Maven's log, through the secret mask. */
  @Override
  public Log getLog() {
    return new MaskingLog(super.getLog(), secrets);
  }

  protected KnownSecrets secrets() {
    return secrets;
  }

  /**
   * A parameter that may hold a secret, evaluated only here; see {@link SecretParameter}. A secret the POM holds is
   * warned about once in the whole build, however many goals, modules and reads of it there are: a parent POM's
   * {@code <url>} reaches every module's bound execution, and one warning per module would bury the build's log.
   */
  protected String secretParameter(PlexusConfiguration parameter) {
    String value = SecretParameter.evaluate(parameter, session, mojoExecution);
    if (value != null) {
      SecretParameter.printedByMaven(parameter, value, instead(parameter.getName()))
          .filter(warning -> firstTimeInTheBuild(
              "quantagent.warnedOfPom." + parameter.getName() + "." + value.hashCode()))
          .ifPresent(getLog()::warn);
    }
    return value;
  }

  private static String instead(String parameter) {
    return "as -Dquantagent." + parameter + switch (parameter) {
      case "url" -> ", in the DATABASE_URL environment variable or in .env";
      case "password" -> ", or as the password of a settings.xml <server> (-D" + PropertyKeys.SERVER_ID + ")";
      default -> "";
    };
  }

  /**
   * Whether {@code key} is said for the first time in the whole build. The resolver's session data lives as long as
   * the build and is shared by every module, where the plugin context is one per project: a parent POM's secret or a
   * command line's mistyped property reaches every module's execution, and one warning each would bury the log. A
   * secret's key holds its value's hash, so that two modules with different secrets are each warned of.
   */
  private boolean firstTimeInTheBuild(String key) {
    return session.getRepositorySession().getData().set(key, null, Boolean.TRUE);
  }

  protected EventLog eventLog() {
    return new MavenEventLog(getLog());
  }

  protected Path scriptsDirectory() {
    return scriptsDirectory == null ? null : scriptsDirectory.toPath();
  }

  /** The directory Maven runs from: where {@code .env} and the embedded database live. */
  protected Path workingDirectory() {
    return Path.of(session.getExecutionRootDirectory());
  }

  /**
   * Where a goal's database URL may be set, highest first: {@code -Dquantagent.url}, the {@code DATABASE_URL}
   * environment variable, {@code .env} in the directory Maven runs from, the POM's {@code <url>}.
   */
  protected ConnectionSettings configuredConnection(String pomUrl, String user, String password) {
    return configuredConnection(pomUrl, user, password, ConnectionSettings.dotEnvIfConsulted(
        session.getUserProperties().getProperty(PropertyKeys.URL), System.getenv(ConnectionSettings.DATABASE_URL),
        () -> DotEnvFile.readIfPresent(dotEnvPath())));
  }

  /** As {@link #configuredConnection(String, String, String)}, with {@code .env} as the caller read it. */
  protected ConnectionSettings configuredConnection(String pomUrl, String user, String password,
      Optional<DotEnvFile> dotEnv) {
    return new ConnectionSettings(session.getUserProperties().getProperty(PropertyKeys.URL),
        System.getenv(ConnectionSettings.DATABASE_URL), dotEnv, pomUrl, user, password);
  }

  /** {@code .env} in the directory Maven runs from. */
  protected Path dotEnvPath() {
    return workingDirectory().resolve(".env");
  }

  /** The port asked for with {@code -Dquantagent.port}, or 0 when none was. */
  protected int embeddedPort() throws MojoFailureException {
    if (port == null) {
      return 0;
    }
    if (port < 1 || port > 65535) {
      throw new MojoFailureException("-D" + PropertyKeys.PORT + "=" + port + " is not a TCP port: give one from 1 to"
          + " 65535 (<port> in the POM), or leave it out to keep the project's port.");
    }
    return port;
  }

  protected PostgresBinaries embeddedBinaries() {
    return embeddedBinaries("set -D" + PropertyKeys.URL + " / DATABASE_URL to use a PostgreSQL server instead");
  }

  /** The embedded binaries; {@code instead} says how the goal does without them when they cannot be resolved. */
  protected PostgresBinaries embeddedBinaries(String instead) {
    return binaries(embeddedVersion, instead);
  }

  /** The major of {@code embeddedVersion}: the PostgreSQL a model is built on when no server says otherwise. */
  protected int embeddedMajor() {
    return Integer.parseInt(embeddedVersion.split("\\.")[0]);
  }

  /** Binaries of one PostgreSQL major: the configured version when it is of that major, else zonky's newest. */
  protected PostgresBinaries binariesForMajor(int major) {
    return binaries(embeddedVersion.startsWith(major + ".") ? embeddedVersion : ZonkyVersions.forMajor(major),
        "give -D" + PropertyKeys.SCRATCH_URL + " a PostgreSQL server (as a user allowed to create databases) to"
        + " build the scratch database on, which these binaries were to run");
  }

  private PostgresBinaries binaries(String version, String instead) {
    return new MavenPostgresBinaries(repositorySystem, repositorySession, remoteRepositories, version)
        .resolve(instead);
  }

  protected MavenSession session() {
    return session;
  }

  protected MavenProject project() {
    return project;
  }
}
