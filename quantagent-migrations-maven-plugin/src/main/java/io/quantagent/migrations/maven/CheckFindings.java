package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.CheckResult;
import io.quantagent.migrations.engine.MigrationInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code check} found, and the one message that names it all: the counts first, so a CI log says at a
 * glance what kind of problem it is, then one line per finding, then the command that fixes a changed model.
 *
 * @param model the model's path when one was compared
 */
record CheckFindings(CheckResult changelog, List<String> modelChanges, List<String> drift, List<String> lint,
    Optional<String> model) {

  boolean passed() {
    return changelog.passed() && modelChanges.isEmpty() && drift.isEmpty() && lint.isEmpty();
  }

  String summary() {
    List<String> findings = new ArrayList<>();
    modelChanges.forEach(change -> findings.add("model: " + change));
    drift.forEach(difference -> findings.add("drift: " + difference));
    lint.forEach(finding -> findings.add("lint: " + finding));
    for (MigrationInfo pending : changelog.pending()) {
      findings.add("pending: " + pending + " (run mvn quantagent:upgrade)");
    }
    changelog.passedOver().forEach(script -> findings.add("pending: " + script));
    findings.addAll(changelog.problems());
    findings.addAll(changelog.unfinished());
    String modelSentence = modelChanges.isEmpty() ? "" : "the model has changed since the last migration ("
        + AbstractLintingMojo.plural(modelChanges.size(), "difference") + " from " + model.orElse("the model") + "); ";
    return "quantagent:check failed: " + modelSentence + changelog.notRun() + " pending, "
        + AbstractLintingMojo.plural(changelog.problems().size(), "changed or missing script") + ", "
        + AbstractLintingMojo.plural(changelog.unfinished().size(), "unfinished script") + ", "
        + AbstractLintingMojo.plural(drift.size(), "schema difference") + " (-Dquantagent.drift=false skips those), "
        + AbstractLintingMojo.plural(lint.size(), "lint finding") + " (-Dquantagent.lint=false skips lint):\n  - "
        + String.join("\n  - ", findings)
        + (modelChanges.isEmpty() ? "" : "\n  Draft the migration from the model: " + ModelText.DRAFT_COMMAND
            + ", then mvn quantagent:upgrade.");
  }
}
