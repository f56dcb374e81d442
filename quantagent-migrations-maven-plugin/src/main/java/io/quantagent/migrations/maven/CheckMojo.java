package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.CheckResult;
import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.lint.Finding;
import io.quantagent.migrations.lint.LintReport;
import io.quantagent.migrations.schema.ModelSchema;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fails the build when migrations are pending, an applied script was edited or deleted, the schema drifted
 * from what the migrations build, a configured {@code <model>} differs from them, or lint finds an error; passes
 * silently otherwise. For CI: {@code mvn quantagent:check}.
 */
@Mojo(name = "check", threadSafe = true)
public class CheckMojo extends AbstractLintingMojo {

  /** Also fail when the live schema drifted from what the migrations build (see the diff goal). */
  @Parameter(property = PropertyKeys.DRIFT, defaultValue = "true")
  private boolean drift;

  /**
   * Also fail when this model (plain PostgreSQL DDL) differs from what the migrations build at head: the model has
   * changed since the last migration.
   */
  @Parameter(property = PropertyKeys.MODEL)
  private File model;

  @Override
  protected boolean pendingOnlyByDefault() {
    return true;
  }

  @Override
  protected boolean proveByDefault() {
    return true;
  }

  @Override
  protected void checkInputs() throws MojoFailureException {
    checkLintInputs();
    if (model != null) {
      ModelSchema.of(model.toPath());
    }
  }

  @Override
  protected void run(GoalContext context) throws MojoFailureException {
    Migrator migrator = context.migrator();
    CheckResult result = migrator.check();
    List<String> drifted = drift && result.problems().isEmpty()
        ? context.driftCheck().compare(migrator.current().current()).stream().filter(d -> !d.isWarning())
            .map(d -> "drift: " + d.describe()).toList()
        : List.of();
    List<String> modelChanges = model == null ? List.of()
        : context.models().compare(ModelSchema.of(model.toPath()), embeddedMajor()).changes().stream()
            .map(change -> "model: " + change).toList();
    List<String> linted = lint ? lint(context, result) : List.of();
    if (result.passed() && drifted.isEmpty() && modelChanges.isEmpty() && linted.isEmpty()) {
      return;
    }
    List<String> findings = new ArrayList<>(modelChanges);
    findings.addAll(drifted);
    linted.forEach(f -> findings.add("lint: " + f));
    for (MigrationInfo pending : result.pending()) {
      findings.add("pending: " + pending + " (run mvn quantagent:upgrade)");
    }
    findings.addAll(result.problems());
    findings.addAll(result.unfinished());
    String modelSentence = modelChanges.isEmpty() ? "" : "the model has changed since the last migration ("
        + plural(modelChanges.size(), "difference") + " from " + model + "); ";
    String summary = "quantagent:check failed: " + modelSentence + result.pending().size() + " pending, "
        + plural(result.problems().size(), "changed or missing script") + ", "
        + plural(result.unfinished().size(), "unfinished script") + ", "
        + plural(drifted.size(), "schema difference") + " (-Dquantagent.drift=false skips those), "
        + plural(linted.size(), "lint finding") + " (-Dquantagent.lint=false skips lint):\n  - "
        + String.join("\n  - ", findings)
        + (modelChanges.isEmpty() ? "" : "\n  Draft the migration from the model: " + ModelText.DRAFT_COMMAND
            + ", then mvn quantagent:upgrade.");
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
