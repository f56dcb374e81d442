package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.CheckResult;
import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.schema.ModelSchema;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fails the build when migrations are pending, an applied script was edited or deleted, the schema drifted
 * from what the migrations build, or a configured {@code <model>} differs from them; passes silently otherwise. For CI: {@code mvn quantagent:check}.
 */
@Mojo(name = "check", threadSafe = true)
public class CheckMojo extends AbstractDatabaseMojo {

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
  protected void checkInputs() {
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
    if (result.passed() && drifted.isEmpty() && modelChanges.isEmpty()) {
      return;
    }
    List<String> findings = new ArrayList<>(modelChanges);
    findings.addAll(drifted);
    for (MigrationInfo pending : result.pending()) {
      findings.add("pending: " + pending + " (run mvn quantagent:upgrade)");
    }
    findings.addAll(result.problems());
    findings.addAll(result.unfinished());
    String modelSentence = modelChanges.isEmpty() ? "" : "the model has changed since the last migration ("
        + modelChanges.size() + " difference" + (modelChanges.size() == 1 ? "" : "s") + " from " + model + "); ";
    String summary = "quantagent:check failed: " + modelSentence + result.pending().size() + " pending, "
        + result.problems().size() + " changed or missing script" + (result.problems().size() == 1 ? "" : "s") + ", "
        + result.unfinished().size() + " unfinished script" + (result.unfinished().size() == 1 ? "" : "s") + ", "
        + drifted.size()
        + " schema difference" + (drifted.size() == 1 ? "" : "s") + " (-Dquantagent.drift=false skips those):\n  - "
        + String.join("\n  - ", findings)
        + (modelChanges.isEmpty() ? "" : "\n  Draft the migration from the model: " + ModelText.DRAFT_COMMAND
            + ", then mvn quantagent:upgrade.");
    throw new MojoFailureException(this, summary, summary);
  }
}
