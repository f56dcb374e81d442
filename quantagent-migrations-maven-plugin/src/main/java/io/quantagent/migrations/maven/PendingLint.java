package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.lint.LintReport;
import io.quantagent.migrations.lint.LintScript;
import io.quantagent.migrations.lint.LintSettings;
import io.quantagent.migrations.lint.MigrationLinter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.logging.Log;

/**
 * Before upgrade applies the pending scripts: lint's findings in them, as warnings, by the live server's rules. The
 * upgrade tells it what it is about to apply on its own connection, so linting opens none.
 */
final class PendingLint implements Migrator.Preview {
  private final Log log;
  private final LintLines lines;
  private final boolean runnerGuardsLocks;
  private final ScriptSource scripts;

  PendingLint(Log log, LintLines lines, boolean runnerGuardsLocks, ScriptSource scripts) {
    this.log = log;
    this.lines = lines;
    this.runnerGuardsLocks = runnerGuardsLocks;
    this.scripts = scripts;
  }

  @Override
  public void pending(List<String> files, int serverMajor) {
    Set<String> reported = new HashSet<>(files);
    LintReport report = new MigrationLinter(new LintSettings(serverMajor, runnerGuardsLocks))
        .lint(LintScript.all(scripts), reported::contains);
    if (report.standing().isEmpty()) {
      return;
    }
    report.standing().forEach(finding -> log.warn("lint: " + lines.withPath(finding)));
    log.warn("lint: " + report.summary() + " in the pending scripts; applying them anyway (mvn quantagent:lint"
        + " explains, -Dquantagent.lint=false leaves this out).");
  }
}
