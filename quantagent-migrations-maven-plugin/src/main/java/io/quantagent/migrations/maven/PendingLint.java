package io.quantagent.migrations.maven;

import io.quantagent.migrations.lint.LintDatabase;
import io.quantagent.migrations.lint.LintReport;
import io.quantagent.migrations.lint.LintScript;
import io.quantagent.migrations.lint.LintSettings;
import io.quantagent.migrations.lint.MigrationLinter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.logging.Log;

/** Before upgrade applies the pending scripts: lint's findings in them, as warnings, by the live server's rules. */
final class PendingLint {
  private final Log log;
  private final LintLines lines;
  private final boolean runnerGuardsLocks;

  PendingLint(Log log, LintLines lines, boolean runnerGuardsLocks) {
    this.log = log;
    this.lines = lines;
    this.runnerGuardsLocks = runnerGuardsLocks;
  }

  void warn(GoalContext context) {
    LintDatabase database = context.linted();
    List<String> pending = database.pendingFiles();
    if (pending.isEmpty()) {
      return;
    }
    Set<String> reported = new HashSet<>(pending);
    LintReport report = new MigrationLinter(new LintSettings(database.serverMajor(), runnerGuardsLocks))
        .lint(LintScript.all(context.scripts()), reported::contains);
    if (report.standing().isEmpty()) {
      return;
    }
    report.standing().forEach(finding -> log.warn("lint: " + lines.withPath(finding)));
    log.warn("lint: " + report.summary() + " in the pending scripts; applying them anyway (mvn quantagent:lint"
        + " explains, -Dquantagent.lint=false leaves this out).");
  }
}
