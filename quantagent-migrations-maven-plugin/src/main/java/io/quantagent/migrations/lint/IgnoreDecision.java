package io.quantagent.migrations.lint;

import io.quantagent.migrations.lint.ScriptDirectives.Ignore;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code -- quantagent:lint-ignore} comments do: each silences the rules it names on the statement that follows
 * it, and is itself a finding when it gives no reason, names no known rule, or is followed by no statement.
 */
final class IgnoreDecision {
  private IgnoreDecision() {}

  /** The statement's findings, those an ignore above it names marked as ignored (with its reason). */
  static List<Finding> apply(List<Finding> findings, List<Ignore> ignores) {
    if (ignores.isEmpty()) {
      return findings;
    }
    List<Finding> decided = new ArrayList<>();
    for (Finding finding : findings) {
      Ignore ignore = ignores.stream().filter(i -> i.ruleIds().contains(finding.rule().id())).findFirst().orElse(null);
      decided.add(ignore == null ? finding
          : finding.ignoredBecause(ignore.reason().isEmpty() ? "(no reason given)" : ignore.reason()));
    }
    return decided;
  }

  /** The findings about the ignores themselves: no reason, unknown rules, or not in front of a statement. */
  static List<Finding> invalid(String file, List<Ignore> all, List<Ignore> unplaced) {
    List<Finding> findings = new ArrayList<>();
    for (Ignore ignore : all) {
      List<String> problems = new ArrayList<>();
      if (ignore.ruleIds().isEmpty()) {
        problems.add("names no rule");
      }
      for (String id : ignore.ruleIds()) {
        if (Rule.byId(id).isEmpty() || Rule.byId(id).get() == Rule.INVALID_IGNORE) {
          problems.add("names " + id + ", which is no rule id (mvn quantagent:lint prints the ids)");
        }
      }
      if (ignore.reason().isEmpty()) {
        problems.add("gives no reason");
      }
      if (unplaced.contains(ignore)) {
        problems.add("is not followed by a statement (it belongs on the line before the statement it silences)");
      }
      if (!problems.isEmpty()) {
        findings.add(new Finding(file, ignore.line(), false, Rule.INVALID_IGNORE, "this "
            + ScriptDirectives.IGNORE + " " + String.join(" and ", problems) + ".", Rule.INVALID_IGNORE.safeWay(), null));
      }
    }
    return findings;
  }
}
