package io.quantagent.migrations.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.engine.CheckResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckFindingsTest {
  private static final CheckResult CLEAN = new CheckResult(List.of(), List.of(), List.of(), List.of());

  @Test
  void nothingFoundPasses() {
    assertTrue(new CheckFindings(CLEAN, List.of(), List.of(), List.of(), Optional.empty()).passed());
  }

  @Test
  void eachKindOfFindingFails() {
    assertFalse(new CheckFindings(CLEAN, List.of("x"), List.of(), List.of(), Optional.of("m.sql")).passed());
    assertFalse(new CheckFindings(CLEAN, List.of(), List.of("x"), List.of(), Optional.empty()).passed());
    assertFalse(new CheckFindings(CLEAN, List.of(), List.of(), List.of("x"), Optional.empty()).passed());
    assertFalse(new CheckFindings(new CheckResult(List.of(), List.of(), List.of("edited"), List.of()), List.of(),
        List.of(), List.of(), Optional.empty()).passed());
  }

  @Test
  void theSummaryCountsEachKindThenNamesEachFinding() {
    CheckFindings findings = new CheckFindings(
        new CheckResult(List.of(), List.of(), List.of("a.sql was edited"), List.of()),
        List.of("trades.note: column in the model, not in the migrations (text)"),
        List.of("orders.x: column in the database, not in the migrations (int)"), List.of(), Optional.of("schema.sql"));
    assertEquals("quantagent:check failed: the model has changed since the last migration (1 difference from"
        + " schema.sql); 0 pending, 1 changed or missing script, 0 unfinished scripts, 1 schema difference"
        + " (-Dquantagent.drift=false skips those), 0 lint findings (-Dquantagent.lint=false skips lint):\n"
        + "  - model: trades.note: column in the model, not in the migrations (text)\n"
        + "  - drift: orders.x: column in the database, not in the migrations (int)\n"
        + "  - a.sql was edited\n"
        + "  Draft the migration from the model: " + ModelText.DRAFT_COMMAND + ", then mvn quantagent:upgrade.",
        findings.summary());
  }

  @Test
  void aScriptPassedOverBelowTheCurrentMigrationCountsAsPendingWithItsOwnAdvice() {
    CheckFindings findings = new CheckFindings(new CheckResult(List.of(), List.of("020_b.sql is older than ..."),
        List.of(), List.of()), List.of(), List.of(), List.of(), Optional.empty());
    assertFalse(findings.passed());
    assertTrue(findings.summary().startsWith("quantagent:check failed: 1 pending, 0 changed or missing scripts,"),
        findings.summary());
    assertTrue(findings.summary().endsWith("\n  - pending: 020_b.sql is older than ..."), findings.summary());
  }
}
