package io.quantagent.migrations.lint;

import java.util.Comparator;
import java.util.List;

/** What lint found in the scripts it was asked about, in file and line order; ignored findings included. */
public record LintReport(LintSettings settings, int scripts, List<Finding> findings) {

  public LintReport {
    findings = findings.stream().sorted(Comparator.comparing(Finding::file).thenComparingInt(Finding::line)).toList();
  }

  /** The findings no ignore silenced. */
  public List<Finding> standing() {
    return findings.stream().filter(f -> !f.ignored()).toList();
  }

  public List<Finding> ignored() {
    return findings.stream().filter(Finding::ignored).toList();
  }

  /** The standing findings at or above {@code threshold} (none when it is null). */
  public List<Finding> failing(Severity threshold) {
    return standing().stream().filter(f -> f.severity().atLeast(threshold)).toList();
  }

  public long count(Severity severity) {
    return standing().stream().filter(f -> f.severity() == severity).count();
  }

  /** {@code 6 scripts (PostgreSQL 12 rules): 1 error, 0 warnings, 0 to review, 1 ignored}. */
  public String summary() {
    long errors = count(Severity.ERROR);
    long warnings = count(Severity.WARNING);
    return scripts + " script" + (scripts == 1 ? "" : "s") + " (PostgreSQL " + settings.postgresVersion()
        + " rules): " + errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning"
        + (warnings == 1 ? "" : "s") + ", " + count(Severity.REVIEW) + " to review, " + ignored().size() + " ignored";
  }
}
