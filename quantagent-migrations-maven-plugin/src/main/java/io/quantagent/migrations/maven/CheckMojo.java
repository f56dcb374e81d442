package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.CheckResult;
import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.lint.Finding;
import io.quantagent.migrations.lint.LintReport;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fails the build when migrations are pending, an applied script was edited or deleted, the schema drifted
 * from what the migrations build, or lint finds an error; passes silently otherwise. For CI: {@code mvn quantagent:check}.
 */
@Mojo(name = "check", threadSafe = true)
public class CheckMojo extends AbstractLintingMojo {

  /** Also fail when the live schema drifted from what the migrations build (see the diff goal). */
  @Parameter(property = PropertyKeys.DRIFT, defaultValue = "true")
  private boolean drift;

  @Override
  protected boolean proveByDefault() {
    return true;
  }

  @Override
  protected void checkInputs() throws MojoFailureException {
    checkLintInputs();
  }

  @Override
  protected void run(GoalContext context) throws MojoFailureException {
    Migrator migrator = context.migrator();
    CheckResult result = migrator.check();
    List<String> drifted = drift && result.problems().isEmpty()
        ? context.driftCheck().compare(migrator.current().current()).stream().filter(d -> !d.isWarning())
            .map(d -> "drift: " + d.describe()).toList()
        : List.of();
    List<String> linted = lint ? lint(context, result) : List.of();
    if (result.passed() && drifted.isEmpty() && linted.isEmpty()) {
      return;
    }
    List<String> findings = new ArrayList<>(drifted);
    linted.forEach(f -> findings.add("lint: " + f));
    for (MigrationInfo pending : result.pending()) {
      findings.add("pending: " + pending + " (run mvn quantagent:upgrade)");
    }
    findings.addAll(result.problems());
    String summary = "quantagent:check failed: " + result.pending().size() + " pending, " + result.problems().size()
        + " changed or missing script" + (result.problems().size() == 1 ? "" : "s") + ", " + drifted.size()
        + " schema difference" + (drifted.size() == 1 ? "" : "s") + " (-Dquantagent.drift=false skips those), "
        + plural(linted.size(), "lint finding") + " (-Dquantagent.lint=false skips lint):\n  - "
        + String.join("\n  - ", findings);
    throw new MojoFailureException(this, summary, summary);
  }

  /** Lints (findings below failOn as warnings), proves the pending scripts, and returns what fails the check. */
  private List<String> lint(GoalContext context, CheckResult result) throws MojoFailureException {
    List<String> pending = result.pending().stream()
        .map(m -> context.scripts().loader().filename(m.id()).orElse(null)).filter(f -> f != null).toList();
    LintReport report = lint(context, pending, false);
    List<String> failing = failing(report);
    for (Finding finding : report.standing()) {
      if (!finding.severity().atLeast(failOn())) {
        getLog().warn(lines().withPath(finding));
      }
    }
    prove(context, pending).ifPresent(lines()::proof);
    return failing;
  }
}
