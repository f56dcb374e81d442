package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.RunnerSettings;
import io.quantagent.migrations.lint.Finding;
import io.quantagent.migrations.lint.LintDatabase;
import io.quantagent.migrations.lint.LintReport;
import io.quantagent.migrations.lint.LintScript;
import io.quantagent.migrations.lint.LintSettings;
import io.quantagent.migrations.lint.LockReport;
import io.quantagent.migrations.lint.MigrationLinter;
import io.quantagent.migrations.lint.SarifLog;
import io.quantagent.migrations.lint.Severity;
import java.io.File;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** The parameters {@code lint} and {@code check} share, and linting by them. */
public abstract class AbstractLintingMojo extends AbstractDatabaseMojo {

  /** {@code false} leaves lint out of check and upgrade, and skips the lint goal. */
  @Parameter(property = PropertyKeys.LINT, defaultValue = "true")
  protected boolean lint;

  /**
   * The PostgreSQL major version whose behaviour the rules follow (10 or later). Default: the live server's when a
   * database is configured, else 12, the oldest the plugin supports.
   */
  @Parameter(property = PropertyKeys.LINT_POSTGRES_VERSION)
  private String postgresVersion;

  /**
   * Lint only the scripts the database has not applied yet (needs the database). Default: false for lint, true for
   * check, because an applied script has already taken its locks, and adding an ignore to it would change its
   * checksum.
   */
  @Parameter(property = PropertyKeys.LINT_PENDING_ONLY)
  private Boolean pendingOnly;

  /** The least severe finding that fails the build: {@code error}, {@code warning}, {@code review} or {@code none}. */
  @Parameter(property = PropertyKeys.LINT_FAIL_ON, defaultValue = "error")
  private String failOn;

  /** Also write the findings to this file as SARIF 2.1.0 (for GitHub code scanning and IDEs). */
  @Parameter(property = PropertyKeys.LINT_SARIF)
  private File sarif;

  /**
   * Apply the pending scripts to a throwaway database of the live server's major version and report what each
   * statement locks, rewrites and scans. Default: false for lint, true for check.
   */
  @Parameter(property = PropertyKeys.LINT_PROVE)
  private Boolean prove;

  /**
   * The lock timeout upgrade will run the scripts with (see upgrade); lint asks a script to set its own
   * ({@code missing-lock-timeout}) only when this is {@code 0}/{@code off} or the script's header turns it off.
   */
  @Parameter(property = PropertyKeys.STATEMENT_LOCK_TIMEOUT, defaultValue = RunnerSettings.DEFAULT_STATEMENT_LOCK_TIMEOUT)
  private String statementLockTimeout;

  protected abstract boolean proveByDefault();

  protected abstract boolean pendingOnlyByDefault();

  protected boolean pendingOnly() {
    return pendingOnly != null ? pendingOnly : pendingOnlyByDefault();
  }

  protected boolean proving() {
    return lint && (prove != null ? prove : proveByDefault());
  }

  protected void checkLintInputs() throws MojoFailureException {
    explicitVersion();
    failOn();
    runnerGuardsLocks();
  }

  protected Optional<Integer> explicitVersion() throws MojoFailureException {
    if (postgresVersion == null || postgresVersion.isBlank()) {
      return Optional.empty();
    }
    try {
      int version = Integer.parseInt(postgresVersion.strip());
      if (version >= 10) {
        return Optional.of(version);
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new MojoFailureException("-D" + PropertyKeys.LINT_POSTGRES_VERSION + "=" + postgresVersion + " is not a"
        + " PostgreSQL major version lint knows: give 10 or later, e.g. 15 (default: the live server's, else "
        + LintSettings.OLDEST_SUPPORTED + ").");
  }

  protected Severity failOn() throws MojoFailureException {
    String value = failOn == null ? "error" : failOn.strip().toLowerCase(Locale.ROOT);
    if (value.equals("none")) {
      return null;
    }
    for (Severity severity : Severity.values()) {
      if (severity.label().equals(value)) {
        return severity;
      }
    }
    throw new MojoFailureException("-D" + PropertyKeys.LINT_FAIL_ON + "=" + failOn + " is not a severity: use error,"
        + " warning, review or none.");
  }

  /** A bad value is the user's fault (InvalidSettingException names the property); it fails before any database. */
  private boolean runnerGuardsLocks() {
    return RunnerSettings.guardsLocks(statementLockTimeout);
  }

  protected LintLines lines() {
    return new LintLines(getLog(), scriptsDirectory(), workingDirectory());
  }

  /** The rules' version: as given, else the live server's when there is a database, else the oldest supported. */
  protected int version(GoalContext context) throws MojoFailureException {
    Optional<Integer> explicit = explicitVersion();
    if (explicit.isPresent()) {
      return explicit.get();
    }
    return context.lintDatabase().map(LintDatabase::serverMajor).orElse(LintSettings.OLDEST_SUPPORTED);
  }

  /**
   * Lints every script (or, with pendingOnly, the pending ones), logs the findings and writes the SARIF file when one
   * is asked for. {@code pending}: the pending scripts' file names when the goal knows them.
   */
  protected LintReport lint(GoalContext context, List<String> pending, boolean logFindings)
      throws MojoFailureException {
    Set<String> reported = pendingOnly() ? new HashSet<>(pending) : null;
    LintReport report = new MigrationLinter(new LintSettings(version(context), runnerGuardsLocks()))
        .lint(LintScript.all(context.scripts()), file -> reported == null || reported.contains(file));
    if (logFindings) {
      lines().findings(report, failOn(), true, "");
    }
    if (sarif != null) {
      SarifLog.write(report, sarif.toPath(), lines()::path);
      getLog().info("SARIF: " + sarif);
    }
    return report;
  }

  protected Optional<LockReport> prove(GoalContext context, List<String> pending) {
    if (!proving() || pending.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(context.linted().prove(pending));
  }

  /** The findings that fail the build, each as one line naming the script's path. */
  protected List<String> failing(LintReport report) throws MojoFailureException {
    LintLines lines = lines();
    return report.failing(failOn()).stream().map(lines::withPath).toList();
  }

  protected static String plural(long count, String word) {
    return count + " " + word + (count == 1 ? "" : "s");
  }

  static String describe(List<Finding> findings) {
    return String.join("\n  - ", findings.stream().map(Finding::describe).toList());
  }
}
