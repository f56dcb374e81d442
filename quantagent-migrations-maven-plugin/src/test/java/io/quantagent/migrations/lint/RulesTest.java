package io.quantagent.migrations.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule trips on its bad example and is silent on the safe way to write it (see {@link RuleExample}). */
class RulesTest {
  private static final LintSettings PG12 = LintSettings.forVersion(12);

  static Stream<RuleExample> examples() {
    return RuleExample.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void badExampleTripsTheRule(RuleExample example) {
    List<Finding> findings = findingsOfLast(List.of(example.bad()), PG12);
    assertTrue(findings.stream().anyMatch(f -> f.rule() == example.rule() && !f.ignored()),
        example.rule().id() + " not found in " + findings);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void safeWayLintsClean(RuleExample example) {
    LintReport report = new MigrationLinter(PG12).lint(RuleExample.scripts(example.safe()));
    assertEquals(List.of(), report.standing().stream().map(Finding::describe).toList());
  }

  @Test
  void everyRuleHasAnExample() {
    Set<Rule> covered = RuleExample.all().stream().map(RuleExample::rule).collect(Collectors.toSet());
    assertEquals(EnumSet.allOf(Rule.class), covered);
  }

  @Test
  void theSetupLintsClean() {
    assertEquals(List.of(), new MigrationLinter(PG12).lint(RuleExample.scripts(List.of())).findings());
  }

  static List<Finding> findingsOfLast(List<String> changes, LintSettings settings) {
    List<LintScript> scripts = RuleExample.scripts(changes);
    String last = scripts.get(scripts.size() - 1).filename();
    return new MigrationLinter(settings).lint(scripts).findings().stream().filter(f -> f.file().equals(last))
        .toList();
  }
}
