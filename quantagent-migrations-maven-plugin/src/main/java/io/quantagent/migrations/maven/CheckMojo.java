package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.CheckResult;
import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.engine.Migrator;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Fails the build when migrations are pending or an applied script was edited or deleted; passes silently
 * otherwise. For CI: {@code mvn quantagent:check}.
 */
@Mojo(name = "check", threadSafe = true)
public class CheckMojo extends AbstractDatabaseMojo {

  @Override
  protected void run(Migrator migrator) throws MojoFailureException {
    CheckResult result = migrator.check();
    if (result.passed()) {
      return;
    }
    List<String> findings = new ArrayList<>();
    for (MigrationInfo pending : result.pending()) {
      findings.add("pending: " + pending + " (run mvn quantagent:upgrade)");
    }
    findings.addAll(result.problems());
    String summary = "quantagent:check failed: " + result.pending().size() + " pending, " + result.problems().size()
        + " changed or missing script" + (result.problems().size() == 1 ? "" : "s") + ":\n  - "
        + String.join("\n  - ", findings);
    throw new MojoFailureException(this, summary, summary);
  }
}
