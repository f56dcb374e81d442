package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.CheckResult;
import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.engine.Migrator;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fails the build when migrations are pending, an applied script was edited or deleted, or the schema drifted
 * from what the migrations build; passes silently otherwise. For CI: {@code mvn quantagent:check}.
 */
@Mojo(name = "check", threadSafe = true)
public class CheckMojo extends AbstractDatabaseMojo {

  /** Also fail when the live schema drifted from what the migrations build (see the diff goal). */
  @Parameter(property = PropertyKeys.DRIFT, defaultValue = "true")
  private boolean drift;

  @Override
  protected void run(GoalContext context) throws MojoFailureException {
    Migrator migrator = context.migrator();
    CheckResult result = migrator.check();
    List<String> drifted = drift && result.problems().isEmpty()
        ? context.driftCheck().compare(migrator.current().current()).stream().filter(d -> !d.isWarning())
            .map(d -> "drift: " + d.describe()).toList()
        : List.of();
    if (result.passed() && drifted.isEmpty()) {
      return;
    }
    List<String> findings = new ArrayList<>(drifted);
    for (MigrationInfo pending : result.pending()) {
      findings.add("pending: " + pending + " (run mvn quantagent:upgrade)");
    }
    findings.addAll(result.problems());
    findings.addAll(result.unfinished());
    String summary = "quantagent:check failed: " + result.pending().size() + " pending, " + result.problems().size()
        + " changed or missing script" + (result.problems().size() == 1 ? "" : "s") + ", " + result.unfinished().size()
        + " unfinished script" + (result.unfinished().size() == 1 ? "" : "s") + ", " + drifted.size()
        + " schema difference" + (drifted.size() == 1 ? "" : "s") + " (-Dquantagent.drift=false skips those):\n  - "
        + String.join("\n  - ", findings);
    throw new MojoFailureException(this, summary, summary);
  }
}
