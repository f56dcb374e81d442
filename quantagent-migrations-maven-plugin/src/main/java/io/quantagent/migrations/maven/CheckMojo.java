package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.CheckResult;
import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.lint.Finding;
import io.quantagent.migrations.lint.LintReport;
import io.quantagent.migrations.schema.ModelSchema;
import io.quantagent.migrations.schema.SchemaDifference;
import java.io.File;
import java.util.List;
import java.util.Optional;
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
            .map(SchemaDifference::describe).toList()
        : List.of();
    List<String> modelChanges = model == null ? List.of()
        : context.models().compare(ModelSchema.of(model.toPath()), embeddedMajor()).changes();
    CheckFindings findings = new CheckFindings(result, modelChanges, drifted, lint ? lint(context, result) : List.of(),
        Optional.ofNullable(model).map(File::toString));
    if (!findings.passed()) {
      throw new MojoFailureException(this, findings.summary(), findings.summary());
    }
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
