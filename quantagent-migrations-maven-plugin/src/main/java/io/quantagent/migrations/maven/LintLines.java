package io.quantagent.migrations.maven;

import io.quantagent.migrations.lint.Finding;
import io.quantagent.migrations.lint.LintReport;
import io.quantagent.migrations.lint.LockReport;
import io.quantagent.migrations.lint.ProvenStatement;
import io.quantagent.migrations.lint.Severity;
import io.quantagent.migrations.engine.ScriptSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.logging.Log;

/**
 * Lint's findings and proof in Maven's log, with each script named by the path a user can open (relative to where
 * Maven runs) rather than its bare file name.
 */
final class LintLines {
  private final Log log;
  private final Path scriptsDirectory;
  private final Path workingDirectory;

  LintLines(Log log, Path scriptsDirectory, Path workingDirectory) {
    this.log = log;
    this.scriptsDirectory = scriptsDirectory != null && Files.isDirectory(scriptsDirectory) ? scriptsDirectory : null;
    this.workingDirectory = workingDirectory;
  }

  /** The path a finding names: relative to the working directory for a scripts directory, else the class path folder. */
  String path(String filename) {
    if (scriptsDirectory == null) {
      return ScriptSource.CLASSPATH_FOLDER + filename;
    }
    Path script = scriptsDirectory.resolve(filename).toAbsolutePath().normalize();
    Path base = workingDirectory.toAbsolutePath().normalize();
    return (script.startsWith(base) ? base.relativize(script) : script).toString().replace('\\', '/');
  }

  /**
   * Every finding, one line each: those at or above {@code failOn} as errors unless {@code failing} is false, the
   * rest as warnings, ignored ones as info with their reason; then the summary.
   */
  void findings(LintReport report, Severity failOn, boolean failing, String prefix) {
    for (Finding finding : report.findings()) {
      String line = prefix + withPath(finding);
      if (finding.ignored()) {
        log.info(prefix + path(finding.file()) + ":" + finding.line() + ": " + finding.rule().id() + " ignored: "
            + finding.ignoredBecause());
      } else if (failing && finding.severity().atLeast(failOn)) {
        log.error(line);
      } else {
        log.warn(line);
      }
    }
    log.info(prefix + report.summary());
  }

  void proof(LockReport report) {
    log.info(report.headline());
    for (ProvenStatement statement : report.notable()) {
      if (statement.failure() != null || (statement.strongest() != null && statement.strongest().blocksWrites())) {
        log.warn("  " + statement.describe());
      } else {
        log.info("  " + statement.describe());
      }
    }
  }

  String withPath(Finding finding) {
    String text = finding.describe();
    return path(finding.file()) + text.substring(finding.file().length());
  }
}
