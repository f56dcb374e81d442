package io.quantagent.migrations.lint;

import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * {@code lint -Dquantagent.format=json}: one document with every finding (ignored ones marked, with their reason) and,
 * when proven, what each statement locked. The fields are documented in the README and stay stable.
 */
public final class LintJson {
  private LintJson() {}

  /** {@code path} turns a script's file name into the path the document shows. */
  public static String document(LintReport report, Optional<LockReport> proof, UnaryOperator<String> path) {
    return "{\"postgresVersion\":" + report.settings().postgresVersion()
        + ",\"scripts\":" + report.scripts()
        + ",\"counts\":{\"error\":" + report.count(Severity.ERROR) + ",\"warning\":" + report.count(Severity.WARNING)
        + ",\"review\":" + report.count(Severity.REVIEW) + ",\"ignored\":" + report.ignored().size() + "}"
        + ",\"findings\":" + report.findings().stream().map(f -> finding(f, path)).collect(Collectors.joining(",", "[", "]"))
        + ",\"proof\":" + proof.map(p -> proof(p, path)).orElse("null") + "}";
  }

  private static String finding(Finding finding, UnaryOperator<String> path) {
    return "{\"file\":" + Json.path(path.apply(finding.file())) + ",\"line\":" + finding.line()
        + ",\"rule\":" + Json.string(finding.rule().id()) + ",\"severity\":" + Json.string(finding.severity().label())
        + ",\"message\":" + Json.string(finding.message()) + ",\"safeWay\":" + Json.string(finding.safeWay())
        + ",\"undo\":" + finding.undo() + ",\"ignored\":" + finding.ignored()
        + ",\"reason\":" + Json.string(finding.ignoredBecause()) + "}";
  }

  private static String proof(LockReport report, UnaryOperator<String> path) {
    return "{\"serverMajor\":" + report.serverMajor() + ",\"statements\":" + report.statements().stream()
        .map(s -> "{\"file\":" + Json.path(path.apply(s.file())) + ",\"line\":" + s.line()
            + ",\"outsideTransaction\":" + s.outsideTransaction() + ",\"failure\":" + Json.string(s.failure())
            + ",\"tables\":" + s.tables().stream().map(LintJson::table).collect(Collectors.joining(",", "[", "]")) + "}")
        .collect(Collectors.joining(",", "[", "]")) + "}";
  }

  private static String table(LockedTable table) {
    return "{\"schema\":" + Json.string(table.schema()) + ",\"name\":" + Json.string(table.name())
        + ",\"mode\":" + Json.string(table.mode() == null ? null : table.mode().label())
        + ",\"rewrite\":" + table.rewrite() + ",\"scan\":" + table.scan()
        + ",\"liveRows\":" + (table.liveRows() == null ? "null" : String.valueOf(Math.round(table.liveRows()))) + "}";
  }
}
